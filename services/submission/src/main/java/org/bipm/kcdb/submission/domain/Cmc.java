package org.bipm.kcdb.submission.domain;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.submission.domain.rules.CmcRules;
import org.bipm.kcdb.submission.domain.units.BaseUnits;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.Violation;

/**
 * A CMC as its institute writes it. Immutable: every command returns the next state, and a command that is a
 * fact for others also returns the event to publish.
 */
public record Cmc(String id, String institute, String country, String rmo, String createdBy, Instant createdAt,
                  Instant updatedAt, CmcStatus status, CmcContent content, int round, String kcdbCode,
                  Integer kcdbVersion, List<HistoryEntry> history, String supersedesKcdbCode,
                  Boolean deletionRequest) {

    /** Who the history names for CMCs that came from the KCDB before the platform. */
    public static final String MIGRATION = "kcdb-migration";

    public Cmc {
        history = history == null ? List.of() : List.copyOf(history);
        deletionRequest = Boolean.TRUE.equals(deletionRequest); // CMCs stored before deletion requests existed
    }

    public static Cmc draft(String id, Actor author, CmcContent written, Instant now) {
        CmcContent content = BaseUnits.derive(written);
        HistoryEntry created = new HistoryEntry(now, author.username(), "created", null, CmcStatus.DRAFT,
                changes(null, content));
        return new Cmc(id, author.institute(), author.country(), author.rmo(), author.username(), now, now,
                CmcStatus.DRAFT, content, 0, null, null, List.of(created), null, false);
    }

    /**
     * A draft that, once approved, replaces the published CMC {@code supersededCode} of the same institute: the
     * publication service gives it the next version of that code and archives the current one.
     */
    public static Cmc modification(String id, Actor author, CmcContent written, String supersededCode,
                                   Instant now) {
        Cmc draft = draft(id, author, written, now);
        HistoryEntry created = new HistoryEntry(now, author.username(), "created as a modification of "
                + supersededCode, null, CmcStatus.DRAFT, draft.history().get(0).changes());
        return new Cmc(id, draft.institute(), draft.country(), draft.rmo(), draft.createdBy(), now, now,
                CmcStatus.DRAFT, draft.content(), 0, null, null, List.of(created), supersededCode, false);
    }

    /**
     * A CMC the KCDB published before this platform, migrated into it: its institute's, PUBLISHED (also when the
     * KCDB office had greyed it out: still the current version) or DELETED, with the content as the KCDB shows it,
     * so that its writers can modify it or ask for its deletion like one published here.
     */
    public static Cmc migrated(String id, String institute, String country, String rmo, CmcContent content,
                               String kcdbCode, int kcdbVersion, boolean deleted, Instant at) {
        CmcStatus status = deleted ? CmcStatus.DELETED : CmcStatus.PUBLISHED;
        HistoryEntry migrated = new HistoryEntry(at, MIGRATION, "migrated from the KCDB as " + kcdbCode, null, status,
                List.of());
        return new Cmc(id, institute, country, rmo, MIGRATION, at, at, status, content, 0, kcdbCode, kcdbVersion,
                List.of(migrated), null, false);
    }

    /**
     * The institute asks for its published CMC {@code published} (code {@code kcdbCode}) to be deleted from the
     * KCDB. The request goes through review like a submission, at once; it carries the published content for the
     * reviewers and is not the writer's to edit. Approved, the publication service deletes the CMC.
     */
    public static Outcome<Cmc> deletionRequest(String id, Actor author, Cmc published, String kcdbCode, String reason,
                                             Instant now) {
        checkReason(reason, true, "Say why the CMC should be deleted.");
        HistoryEntry created = new HistoryEntry(now, author.username(), "requested the deletion of " + kcdbCode
                + ": " + reason, null, CmcStatus.DRAFT, List.of());
        Cmc request = new Cmc(id, author.institute(), author.country(), author.rmo(), author.username(), now, now,
                CmcStatus.DRAFT, published.content(), 0, null, null, List.of(created), kcdbCode, true);
        Cmc submitted = request.moveTo(CmcStatus.SUBMITTED, author.username(), "submitted", now, 1);
        return Outcome.of(submitted, new CmcDeletionRequested(UUID.randomUUID(), now,
                CmcDeletionRequested.SCHEMA_VERSION, id, 1, author.institute(), author.country(), author.rmo(),
                author.username(), kcdbCode, reason, published.content()));
    }

    public Cmc edit(CmcContent written, String by, Instant now) {
        checkEditable();
        if (deletionRequest) {
            throw new IllegalCmcTransition("edited (it is a deletion request)", status);
        }
        CmcContent newContent = BaseUnits.derive(written);
        List<FieldChange> changes = changes(content, newContent);
        return new Cmc(id, institute, country, rmo, createdBy, createdAt, now, status, newContent, round, kcdbCode,
                kcdbVersion, append(new HistoryEntry(now, by, "edited", status, status, changes)),
                supersedesKcdbCode, deletionRequest);
    }

    /** Refuses an edit before its content is even checked, so the writer hears about the status first. */
    public void checkEditable() {
        if (!status.editable()) {
            throw new IllegalCmcTransition("edited", status);
        }
    }

    public void checkDeletable() {
        if (status != CmcStatus.DRAFT) {
            throw new IllegalCmcTransition("deleted", status);
        }
    }

    /** Sends the CMC to its RMO's review; refuses an incomplete one with every field at fault. */
    public Outcome<Cmc> submit(CmcRules rules, String by, Instant now) {
        if (!status.canMoveTo(CmcStatus.SUBMITTED)) {
            throw new IllegalCmcTransition("submitted", status);
        }
        List<Violation> violations = rules.forSubmission(content);
        if (!violations.isEmpty() && !deletionRequest) {
            throw new IncompleteCmc(violations);
        }
        return submitted(by, now);
    }

    /** The first submission is cmc.submitted; after a return, cmc.resubmitted with the content as it now stands. */
    private Outcome<Cmc> submitted(String by, Instant now) {
        int nextRound = round + 1;
        if (nextRound == 1) {
            return Outcome.of(moveTo(CmcStatus.SUBMITTED, by, "submitted", now, nextRound), new CmcSubmitted(
                    UUID.randomUUID(), now, CmcSubmitted.SCHEMA_VERSION, id, nextRound, institute, country, rmo, by,
                    supersedesKcdbCode, content));
        }
        return Outcome.of(moveTo(CmcStatus.SUBMITTED, by, "resubmitted", now, nextRound), new CmcResubmitted(
                UUID.randomUUID(), now, CmcResubmitted.SCHEMA_VERSION, id, nextRound, institute, country, rmo, by,
                supersedesKcdbCode, content, deletionRequest));
    }

    /** The longest reason a writer gives for a deletion request or a withdrawal. */
    public static final int MAX_REASON = 4000;

    /**
     * A deletion request's reason (required: the reviewers read it) or a withdrawal's (optional). Judged by the CMC,
     * so only after the caller's rights on it are settled: a caller without them hears 403/404, never this 422.
     */
    public static void checkReason(String reason, boolean required, String message) {
        if (required && (reason == null || reason.isBlank())) {
            throw new RuleViolation(RuleViolation.INVALID_FIELDS, message, List.of(new Violation("reason",
                    "is required")));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new RuleViolation(RuleViolation.INVALID_FIELDS, message, List.of(new Violation("reason",
                    "must be at most " + MAX_REASON + " characters")));
        }
    }

    /** The institute takes back a CMC under review, announced to the other services with cmc.withdrawn. */
    public Outcome<Cmc> withdraw(String by, String reason, Instant now) {
        checkReason(reason, false, "The reason is too long.");
        if (status == CmcStatus.DRAFT || !status.canMoveTo(CmcStatus.WITHDRAWN)) {
            throw new IllegalCmcTransition("withdrawn", status);
        }
        Cmc withdrawn = moveTo(CmcStatus.WITHDRAWN, by, reason == null || reason.isBlank() ? "withdrawn"
                : "withdrawn: " + reason, now, round);
        return Outcome.of(withdrawn, new CmcWithdrawn(UUID.randomUUID(), now, CmcWithdrawn.SCHEMA_VERSION, id,
                Math.max(round, 1), institute, country, rmo, by, reason));
    }

    /**
     * Follows the review and publication services. Events may arrive late or twice: a status that does not
     * move the CMC forward leaves it as it is.
     */
    public Cmc follow(CmcStatus next, String by, String action, Instant at) {
        return status.canMoveTo(next) ? moveTo(next, by, action, at, round) : this;
    }

    public Cmc published(String code, int version, String by, Instant at) {
        Cmc moved = follow(CmcStatus.PUBLISHED, by, "published as " + code, at);
        return moved == this ? this : new Cmc(id, institute, country, rmo, createdBy, createdAt, at, moved.status,
                content, round, code, version, moved.history, supersedesKcdbCode, deletionRequest);
    }

    private Cmc moveTo(CmcStatus next, String by, String action, Instant at, int newRound) {
        return new Cmc(id, institute, country, rmo, createdBy, createdAt, at, next, content, newRound, kcdbCode,
                kcdbVersion, append(new HistoryEntry(at, by, action, status, next, List.of())), supersedesKcdbCode,
                deletionRequest);
    }

    private List<HistoryEntry> append(HistoryEntry entry) {
        List<HistoryEntry> next = new ArrayList<>(history);
        next.add(entry);
        return next;
    }

    /** The fields that differ between two versions of the content, by their KCDB names. */
    static List<FieldChange> changes(CmcContent before, CmcContent after) {
        List<FieldChange> changes = new ArrayList<>();
        for (RecordComponent component : CmcContent.class.getRecordComponents()) {
            Object old = before == null ? null : value(component, before);
            Object now = after == null ? null : value(component, after);
            if (!Objects.equals(old, now)) {
                changes.add(new FieldChange(component.getName(), text(old), text(now)));
            }
        }
        return changes;
    }

    private static Object value(RecordComponent component, CmcContent content) {
        try {
            return component.getAccessor().invoke(content);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
