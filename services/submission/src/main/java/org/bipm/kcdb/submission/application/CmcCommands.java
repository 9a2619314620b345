package org.bipm.kcdb.submission.application;

import static org.bipm.kcdb.submission.application.Writers.actor;
import static org.bipm.kcdb.submission.application.Writers.requireWriter;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.submission.domain.Actor;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.domain.IllegalTransition;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.StaleVersion;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Precondition;
import org.bipm.kcdb.support.persistence.ReadTogether;
import org.bipm.kcdb.support.persistence.Versioned;
import reactor.core.publisher.Mono;

/** The writer's commands on their institute's CMCs: each loads the CMC, lets it decide, and stores what it became. */
public class CmcCommands {

    private final AggregateStore<Cmc> cmcs;
    private final StoredCmcs stored;
    private final DraftRules drafts;
    private final Clock clock;

    public CmcCommands(AggregateStore<Cmc> cmcs, StoredCmcs stored, DraftRules drafts, Clock clock) {
        this.cmcs = cmcs;
        this.stored = stored;
        this.drafts = drafts;
        this.clock = clock;
    }

    public Mono<Versioned<Cmc>> create(Caller caller, CmcContent content) {
        requireWriter(caller);
        String id = UUID.randomUUID().toString();
        Actor author = actor(caller);
        return drafts.rules().flatMap(rules -> {
            drafts.check(rules, content);
            return cmcs.insert(id, Cmc.draft(id, author, content, clock.instant()), List.of());
        });
    }

    /**
     * A draft to replace one of the institute's published CMCs ({@code kcdbCode}, the version being replaced). A
     * code the institute neither published through this service nor brought over from the KCDB (cmc.migrated) is
     * "not found", whoever holds it.
     */
    public Mono<Versioned<Cmc>> modify(Caller caller, String kcdbCode, CmcContent content) {
        requireWriter(caller);
        Actor author = actor(caller);
        return publishedOf(caller, kcdbCode)
                .flatMap(current -> drafts.rules().flatMap(rules -> {
                    drafts.check(rules, content);
                    String id = UUID.randomUUID().toString();
                    return cmcs.insert(id, Cmc.modification(id, author, content, kcdbCode, clock.instant()),
                            List.of());
                }));
    }

    /**
     * A request to delete one of the institute's published CMCs, submitted for review at once. One request per code
     * at a time: while one is under review or approved, another is a conflict.
     */
    public Mono<Versioned<Cmc>> requestDeletion(Caller caller, String kcdbCode, String reason) {
        requireWriter(caller);
        Actor author = actor(caller);
        // The rights first (403, then 404 for a code that is not the institute's), the reason only then.
        return publishedOf(caller, kcdbCode)
                .doOnNext(current -> Cmc.checkReason(reason, true, "Say why the CMC should be deleted."))
                .flatMap(current -> stored.openDeletionRequest(kcdbCode)
                        .flatMap(open -> Mono.<Versioned<Cmc>>error(new IllegalTransition("The deletion of " + kcdbCode
                                + " is already requested (CMC " + open.aggregate().id() + ").",
                                open.aggregate().status())))
                        .switchIfEmpty(Mono.defer(() -> {
                            String id = UUID.randomUUID().toString();
                            return cmcs.insert(id, Cmc.deletionRequest(id, author, current.aggregate(), kcdbCode,
                                    reason.strip(), clock.instant()));
                        })));
    }

    /**
     * The caller's institute's CMC published under {@code kcdbCode} (through this service, or migrated from the
     * KCDB); "not found" for any other code, whoever holds it.
     */
    private Mono<Versioned<Cmc>> publishedOf(Caller caller, String kcdbCode) {
        return stored.published(kcdbCode, caller.institute()).switchIfEmpty(Mono.error(() -> new NotFound(
                "Published CMC " + kcdbCode + " of " + caller.institute())));
    }

    /**
     * The precondition is decided before the status (RFC 9110 §13.2.2): a stale ETag is 412 whatever the status; with
     * {@code *} or the current ETag, a CMC that cannot be edited is 409.
     */
    public Mono<Versioned<Cmc>> edit(Caller caller, String id, Precondition precondition, CmcContent content) {
        Mono<Versioned<Cmc>> owned = owned(caller, id);
        return drafts.rules().flatMap(rules -> cmcs.change(owned.doOnNext(precondition::check), cmc -> {
            cmc.checkEditable();
            drafts.check(rules, content);
            return Outcome.quiet(cmc.edit(content, caller.username(), clock.instant()));
        }));
    }

    public Mono<Void> delete(Caller caller, String id, Precondition precondition) {
        return owned(caller, id).flatMap(current -> {
            precondition.check(current);
            current.aggregate().checkDeletable();
            return cmcs.delete(id, current.version()).flatMap(deleted -> deleted ? Mono.<Void>empty()
                    : Mono.error(new StaleVersion(current.version())));
        });
    }

    public Mono<Versioned<Cmc>> submit(Caller caller, String id) {
        Mono<Versioned<Cmc>> owned = owned(caller, id);
        return drafts.rules().flatMap(rules -> cmcs.change(owned, submission(caller, rules)));
    }

    private Function<Cmc, Outcome<Cmc>> submission(Caller caller, CmcRules rules) {
        return cmc -> cmc.submit(rules, caller.username(), clock.instant());
    }

    /**
     * A bulk request's CMCs of the caller's institute (CONTRACT.md §7), read together in one query by {@code _id}
     * before any of them is changed: one round trip for the request instead of one per CMC (issue 15,
     * bench/README.md "The submission's import and bulk submit"). Each is then still changed by its own command.
     */
    public Mono<BulkCmcs> bulk(Caller caller, List<String> ids) {
        requireWriter(caller);
        return cmcs.findAll(ids).filter(found -> ownedBy(caller, found))
                .collectMap(Versioned::id)
                .map(read -> new BulkCmcs(caller, new ReadTogether<>(cmcs, read)));
    }

    /**
     * {@link #submit(Caller, String)} on a CMC of a bulk request, starting from the copy read with the others; an id
     * not in the copy is looked up alone, as the single submit looks it up ({@link ReadTogether}).
     */
    public Mono<Versioned<Cmc>> submit(BulkCmcs bulk, String id) {
        Mono<Versioned<Cmc>> owned = owned(bulk.caller(), id);
        return drafts.rules().flatMap(rules -> bulk.copies().change(id, owned, submission(bulk.caller(), rules)));
    }

    /** The CMCs of a bulk request as read together: only the caller's institute's. */
    public record BulkCmcs(Caller caller, ReadTogether<Cmc> copies) {
    }

    public Mono<Versioned<Cmc>> withdraw(Caller caller, String id, String reason) {
        return cmcs.change(owned(caller, id), cmc -> cmc.withdraw(caller.username(), reason, clock.instant()));
    }

    /** The institute's CMC {@code id}; "not found" for another institute's. */
    private Mono<Versioned<Cmc>> owned(Caller caller, String id) {
        requireWriter(caller);
        return cmcs.find(id).filter(found -> ownedBy(caller, found))
                .switchIfEmpty(Mono.error(() -> new NotFound("CMC " + id)));
    }

    private static boolean ownedBy(Caller caller, Versioned<Cmc> found) {
        return caller.institute() != null && caller.institute().equals(found.aggregate().institute());
    }
}
