package org.bipm.kcdb.submission.application;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.domain.Author;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.InvalidCmc;
import org.bipm.kcdb.submission.domain.Violation;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.IfMatch;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The writer's use cases, and the projection of review and publication events onto the CMC's status. */
public class CmcApplication {

    private final AggregateStore<Cmc> cmcs;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;
    private final ReferenceData referenceData;
    private final UncertaintyTables tables;

    public CmcApplication(AggregateStore<Cmc> cmcs, Clock clock, ObjectProvider<OutboxRelay> relay,
                          ReferenceData referenceData, JsonMapper json) {
        this.cmcs = cmcs;
        this.clock = clock;
        this.relay = relay;
        this.referenceData = referenceData;
        this.tables = new UncertaintyTables(json);
    }

    public Mono<Versioned<Cmc>> create(Caller caller, CmcContent content) {
        requireWriter(caller);
        String id = UUID.randomUUID().toString();
        Author author = author(caller);
        return rules().flatMap(rules -> {
            checkDraft(rules, content);
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
        Author author = author(caller);
        return publishedOf(caller, kcdbCode)
                .flatMap(current -> rules().flatMap(rules -> {
                    checkDraft(rules, content);
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
        Author author = author(caller);
        Query pending = Query.query(Criteria.where("supersedesKcdbCode").is(kcdbCode).and("deletionRequest").is(true)
                .and("status").nin(CmcStatus.REJECTED.name(), CmcStatus.WITHDRAWN.name()));
        return publishedOf(caller, kcdbCode)
                .flatMap(current -> cmcs.find(pending).next()
                        .flatMap(open -> Mono.<Versioned<Cmc>>error(ApiProblem.conflict("The deletion of " + kcdbCode
                                + " is already requested (CMC " + open.aggregate().id() + ").",
                                open.aggregate().status().name())))
                        .switchIfEmpty(Mono.defer(() -> {
                            String id = UUID.randomUUID().toString();
                            Cmc.Submission request = Cmc.deletionRequest(id, author, current.aggregate(), kcdbCode,
                                    reason, clock.instant());
                            return cmcs.insert(id, request.cmc(), List.of(request.event()))
                                    .doOnSuccess(saved -> relay.ifAvailable(OutboxRelay::nudge));
                        })));
    }

    /**
     * The caller's institute's CMC published under {@code kcdbCode} (through this service, or migrated from the
     * KCDB); "not found" for any other code, whoever holds it.
     */
    private Mono<Versioned<Cmc>> publishedOf(Caller caller, String kcdbCode) {
        Query published = Query.query(Criteria.where("kcdbCode").is(kcdbCode).and("institute")
                .is(caller.institute()).and("status").is(CmcStatus.PUBLISHED.name()));
        return cmcs.find(published).next().switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Published CMC "
                + kcdbCode + " of " + caller.institute())));
    }

    /** The rules against the current reference data. */
    public Mono<CmcRules> rules() {
        return referenceData.catalogue().map(CmcRules::new);
    }

    /** Faults of uncertainty tables' contents (JSON with the declared rows and columns), for imports. */
    public List<Violation> tableFaults(CmcContent content) {
        return tables.check(content);
    }

    private void checkDraft(CmcRules rules, CmcContent content) {
        List<Violation> violations = new java.util.ArrayList<>(rules.forDraft(content));
        violations.addAll(tables.check(content));
        if (!violations.isEmpty()) {
            throw new InvalidCmc(violations);
        }
    }

    public Mono<Versioned<Cmc>> read(Caller caller, String id) {
        return cmcs.find(id).filter(found -> mayRead(caller, found.aggregate()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("CMC " + id)));
    }

    public Flux<Versioned<Cmc>> list(Caller caller, CmcStatus status, String area, int page, int size) {
        return cmcs.find(ownInstitute(caller, status, area).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) page * size).limit(size));
    }

    public Mono<Long> count(Caller caller, CmcStatus status, String area) {
        return cmcs.count(ownInstitute(caller, status, area));
    }

    /**
     * The precondition is decided before the status (RFC 9110 §13.2.2): a stale ETag is 412 whatever the status; with
     * {@code *} or the current ETag, a CMC that cannot be edited is 409.
     */
    public Mono<Versioned<Cmc>> edit(Caller caller, String id, IfMatch ifMatch, CmcContent content) {
        return owned(caller, id).zipWith(rules()).flatMap(found -> {
            Versioned<Cmc> current = found.getT1();
            ifMatch.check(current);
            current.aggregate().checkEditable();
            checkDraft(found.getT2(), content);
            Cmc edited = current.aggregate().edit(content, caller.username(), clock.instant());
            return save(id, current.version(), edited, List.of());
        });
    }

    public Mono<Void> delete(Caller caller, String id, IfMatch ifMatch) {
        return owned(caller, id).flatMap(current -> {
            ifMatch.check(current);
            current.aggregate().checkDeletable();
            return cmcs.delete(id, current.version()).flatMap(deleted -> deleted ? Mono.<Void>empty()
                    : Mono.error(ApiProblem.staleVersion(current.version())));
        });
    }

    public Mono<Versioned<Cmc>> submit(Caller caller, String id) {
        return owned(caller, id).zipWith(rules()).flatMap(found -> {
            Versioned<Cmc> current = found.getT1();
            Cmc.Submission submission = current.aggregate().submit(found.getT2(), caller.username(), clock.instant());
            return save(id, current.version(), submission.cmc(), List.of(submission.event()));
        });
    }

    public Mono<Versioned<Cmc>> withdraw(Caller caller, String id, String reason) {
        return owned(caller, id).flatMap(current -> {
            Cmc.Withdrawal withdrawal = current.aggregate().withdraw(caller.username(), reason, clock.instant());
            return save(id, current.version(), withdrawal.cmc(), List.of(withdrawal.event()));
        });
    }

    public Mono<List<org.bipm.kcdb.submission.domain.HistoryEntry>> history(Caller caller, String id) {
        return read(caller, id).map(found -> found.aggregate().history());
    }

    /** Applies what another service decided; retried on a concurrent edit so no status change is lost. */
    public void follow(String cmcId, UnaryOperator<Cmc> change) {
        Mono.defer(() -> cmcs.find(cmcId).flatMap(current -> {
                    Cmc next = change.apply(current.aggregate());
                    return next.equals(current.aggregate()) ? Mono.just(current)
                            : cmcs.update(cmcId, current.version(), next, List.of())
                                    .switchIfEmpty(Mono.error(new ConcurrentChange()));
                }))
                .retry(10)
                .block();
    }

    /**
     * Takes over a CMC migrated into the KCDB read model, under the read model's id; once only, however often the
     * announcement comes (a later change reaches it through the usual publication events).
     */
    public void adoptMigrated(CmcMigrated migrated) {
        if (migrated.content() == null) {
            return;
        }
        Cmc cmc = Cmc.migrated(migrated.cmcId(), migrated.institute(), migrated.country(), migrated.rmo(),
                migrated.content(), migrated.kcdbCode(), migrated.kcdbVersion(), "Deleted".equals(migrated.status()),
                migrated.occurredAt());
        cmcs.insert(migrated.cmcId(), cmc, List.of())
                .onErrorResume(DuplicateKeyException.class, alreadyAdopted -> Mono.empty())
                .block();
    }

    public Clock clock() {
        return clock;
    }

    private Mono<Versioned<Cmc>> save(String id, long version, Cmc next, List<IntegrationEvent> events) {
        return cmcs.update(id, version, next, events)
                .switchIfEmpty(Mono.error(() -> ApiProblem.staleVersion(version)))
                .doOnSuccess(saved -> {
                    if (!events.isEmpty()) {
                        relay.ifAvailable(OutboxRelay::nudge);
                    }
                });
    }

    private Mono<Versioned<Cmc>> owned(Caller caller, String id) {
        requireWriter(caller);
        return cmcs.find(id).filter(found -> caller.institute() != null
                        && caller.institute().equals(found.aggregate().institute()))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("CMC " + id)));
    }

    /** Writing CMCs (by hand or by import) needs the writer role and an institute in the token. */
    /** The writer as the CMC's history and events name them: the token's user, institute, country and RMO. */
    public static Author author(Caller caller) {
        return new Author(caller.username(), caller.institute(), caller.country(), caller.rmo());
    }

    public static void requireWriter(Caller caller) {
        if (!caller.has(Role.CMC_WRITER) || caller.institute() == null) {
            throw ApiProblem.forbidden("Only CMC writers of an institute may write CMCs.");
        }
    }

    /** Writers read their institute's CMCs; the reviewing RMO and the offices read submitted ones. */
    static boolean mayRead(Caller caller, Cmc cmc) {
        if (caller.has(Role.CMC_WRITER) && cmc.institute().equals(caller.institute())) {
            return true;
        }
        if (!cmc.status().visibleBeyondInstitute()) {
            return false;
        }
        if (caller.hasAny(Role.JCRB_SECRETARY, Role.KCDB_OFFICE)) {
            return true;
        }
        if (caller.hasAny(Role.TC_CHAIR, Role.TC_REVIEWER)) {
            return cmc.rmo().equals(caller.rmo()) || cmc.status() == CmcStatus.INTER_RMO_REVIEW;
        }
        return false;
    }

    private static Query ownInstitute(Caller caller, CmcStatus status, String area) {
        requireWriter(caller);
        Criteria criteria = Criteria.where("institute").is(caller.institute());
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (area != null && !area.isBlank()) {
            criteria = criteria.and("content.metrologyAreaLabel").is(area);
        }
        return Query.query(criteria);
    }

    /** Someone else wrote the CMC between our read and our write; the caller retries. */
    static class ConcurrentChange extends RuntimeException {
    }
}
