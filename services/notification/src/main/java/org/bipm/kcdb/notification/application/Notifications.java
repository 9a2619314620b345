package org.bipm.kcdb.notification.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.DirectoryUser;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.notification.domain.CaseNotOnFile;
import org.bipm.kcdb.notification.domain.CaseStep;
import org.bipm.kcdb.notification.domain.ComparisonFile;
import org.bipm.kcdb.notification.domain.ComparisonStep;
import org.bipm.kcdb.notification.domain.Deadline;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.HeldEvent;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.InboxItem;
import org.bipm.kcdb.notification.domain.Notice;
import org.bipm.kcdb.notification.domain.Party;
import org.bipm.kcdb.notification.domain.Preferences;
import org.bipm.kcdb.notification.domain.Timetable;
import org.bipm.kcdb.notification.domain.WhoIsTold;
import org.bipm.kcdb.notification.persistence.CaseFileStore;
import org.bipm.kcdb.notification.persistence.ComparisonFileStore;
import org.bipm.kcdb.notification.persistence.DeadlineStore;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import org.bipm.kcdb.notification.persistence.HeldEventStore;
import org.bipm.kcdb.notification.persistence.InboxStore;
import org.bipm.kcdb.notification.persistence.PreferenceStore;
import org.bipm.kcdb.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Applies the other services' events: keeps the case and comparison files, asks {@link WhoIsTold} who is to be
 * told, finds them in the directory, and for each puts the notice in their inbox and records the e-mail their
 * preferences ask for. Called from imperative Kafka handlers, so it blocks. Every record it writes has an id
 * derived from the event and the person, so a redelivered event writes nothing new and sends nothing twice. The
 * deadlines an event meets or sets are recorded for {@link Reminders}. A review event that comes before its CMC's
 * submission is held for it ({@link #onReview}).
 */
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CaseFileStore files;
    private final ComparisonFileStore comparisons;
    private final DeadlineStore deadlines;
    private final Duration reminderBefore;
    private final InboxStore inbox;
    private final DeliveryStore deliveries;
    private final PreferenceStore preferences;
    private final Directory directory;
    private final Clock clock;
    private final HeldEventStore held;
    private final Duration submissionWait;
    private final HeldEventMeters heldMeters;

    public Notifications(CaseFileStore files, ComparisonFileStore comparisons, DeadlineStore deadlines,
                         Duration reminderBefore, InboxStore inbox, DeliveryStore deliveries,
                         PreferenceStore preferences, Directory directory, Clock clock, HeldEventStore held,
                         Duration submissionWait, HeldEventMeters heldMeters) {
        this.held = held;
        this.submissionWait = submissionWait;
        this.heldMeters = heldMeters;
        this.files = files;
        this.comparisons = comparisons;
        this.deadlines = deadlines;
        this.reminderBefore = reminderBefore;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.preferences = preferences;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * An event about a CMC's review: the case file moves on (a versioned write: the topics' consumers, in any
     * instance, may change the same file at once; the rule decides again on the newer file), its deadlines are met
     * or set, and whoever the rules name is told.
     */
    public void onCase(String cmcId, Function<CaseFile, CaseStep> rule) {
        AtomicReference<CaseStep> decided = new AtomicReference<>();
        files.change(cmcId, file -> {
            CaseStep step = rule.apply(file);
            decided.set(step);
            return step.next();
        }).block(WAIT);
        CaseStep step = decided.get();
        record(step.timetable());
        step.notice().ifPresent(this::tell);
    }

    /**
     * A (re)submission: the case file learns who wrote the CMC, and the review events held for it are applied now,
     * in the order they happened. A failure leaves the submission unmarked: its redelivery applies again what was
     * applied (nothing is told twice) and releases the rest.
     */
    public void onSubmission(String cmcId, Function<CaseFile, CaseStep> rule) {
        onCase(cmcId, rule);
        releaseHeld(cmcId);
    }

    private void releaseHeld(String cmcId) {
        for (HeldEvent early : held.of(cmcId).collectList().block(WAIT)) {
            onCase(cmcId, file -> WhoIsTold.review(file, early.event()));
            held.release(early).block(WAIT);
            heldMeters.released();
        }
    }

    /**
     * An event of the CMC's review. The submission comes on another topic, read by another consumer, so nothing
     * orders the two: after a rebalance, or behind a consumer that lags, the review's events can come first, when
     * nobody on file wrote the CMC. Such an event is held (and marked applied: the held copy is what keeps it) until
     * the submission is applied ({@link #onSubmission}), or at most {@code submissionWait} ({@link #releaseOverdue}).
     * Held without blocking the consumer: a consumer that waited would hold up the group's rebalance that the
     * submissions' consumer may be waiting in.
     */
    public void onReview(String cmcId, IntegrationEvent event) {
        try {
            onCase(cmcId, file -> {
                if (!file.submissionOnFile()) {
                    throw new CaseNotOnFile(cmcId);
                }
                return WhoIsTold.review(file, event);
            });
        } catch (CaseNotOnFile early) {
            held.hold(new HeldEvent(cmcId, event, clock.instant())).block(WAIT);
            heldMeters.held();
            log.info("Event {} of CMC {}'s review holds for the CMC's submission", event.eventId(), cmcId);
            CaseFile file = files.find(cmcId).block(WAIT);
            if (file != null && file.submissionOnFile()) {
                // applied between the look and the hold: its release did not find this event
                releaseHeld(cmcId);
            }
        }
    }

    /**
     * The review events held longer than {@code submissionWait}: the submission may never come here (a CMC from
     * before this service ran), so each is applied with what is on file, as before events were held, counted and
     * logged. One that can only be told to the writers ({@link CaseNotOnFile} again) stays held for its submission,
     * however long: applied to nobody, it would be lost.
     */
    public void releaseOverdue() {
        for (HeldEvent late : held.heldBefore(clock.instant().minus(submissionWait)).collectList().block(WAIT)) {
            try {
                onCase(late.cmcId(), file -> WhoIsTold.review(file, late.event()));
            } catch (CaseNotOnFile writersOnly) {
                held.keep(late).block(WAIT);
                heldMeters.expired();
                log.warn("Event {} of CMC {}'s review waited {} for the CMC's submission; it is told to the writers "
                        + "only, so it waits on", late.event().eventId(), late.cmcId(), submissionWait);
                continue;
            }
            held.release(late).block(WAIT);
            heldMeters.expired();
            log.warn("Event {} of CMC {}'s review waited {} for the CMC's submission; applied without it, so no "
                    + "writer was told", late.event().eventId(), late.cmcId(), submissionWait);
        }
    }

    private void record(Timetable timetable) {
        for (Timetable.Met met : timetable.met()) {
            deadlines.met(met).block(WAIT);
        }
        for (Deadline deadline : timetable.set()) {
            deadlines.set(deadline.remindedAhead(reminderBefore)).block(WAIT);
        }
        timetable.moved().forEach(this::move);
    }

    /**
     * Gives a stored deadline more time, unless it is met or already due as late (so a redelivered extension changes
     * nothing). Read and replaced conditionally: a reminder or a step taken in between is read again.
     */
    private void move(Timetable.Moved moved) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Deadline current = deadlines.find(moved.deadlineId()).block(WAIT);
            if (current == null) {
                return; // never set here (assigned before this service kept deadlines)
            }
            Deadline later = current.movedTo(moved.dueAt());
            if (later == current || Boolean.TRUE.equals(deadlines.move(current,
                    later.remindedAhead(reminderBefore)).block(WAIT))) {
                return;
            }
        }
        throw new IllegalStateException("Deadline " + moved.deadlineId() + " kept changing while it was moved");
    }

    /**
     * An event about a comparison: the rule gets the comparison's file, or null when none is on record (registered
     * before this service ran); events that name who takes part are told all the same.
     */
    public void onComparison(String identifier, Function<ComparisonFile, ComparisonStep> rule) {
        ComparisonFile file = comparisons.comparison(identifier).block(WAIT);
        if (file == null) {
            log.info("No comparison {} on file; told from the event alone", identifier);
        }
        apply(rule.apply(file));
    }

    public void apply(ComparisonStep step) {
        comparisons.save(step.next()).block(WAIT);
        step.notice().ifPresent(this::tell);
    }

    /** Comparisons open more than five years, told once each (the notice's id is the comparison's). */
    public void remindLongOpenComparisons() {
        comparisons.comparisons().toStream()
                .forEach(file -> WhoIsTold.longOpen(file, clock.instant()).ifPresent(this::tell));
    }

    /**
     * Everyone the notice concerns gets an inbox item and, unless their preferences turn it off, an e-mail. The
     * records of one notice are written together (the items in one round trip, the e-mails in another, after one read
     * of the people's preferences), items first as before: a crash in between leaves items whose e-mails the
     * redelivered event records, and a record there already is left as it is.
     */
    void tell(Notice notice) {
        List<DirectoryUser> people = Flux.fromIterable(notice.audience()).concatMap(this::people)
                .filter(person -> !person.username().equals(notice.actor()))
                .distinct(DirectoryUser::username).collectList().block(WAIT);
        if (people.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<InboxItem> items = people.stream().map(person -> InboxItem.of(notice, person.username(), now)).toList();
        inbox.addAll(items).block(WAIT);
        List<String> mailed = people.stream().filter(person -> person.email() != null && !person.email().isBlank())
                .map(DirectoryUser::username).toList();
        Map<String, Preferences> chosen = mailed.isEmpty() ? Map.of() : preferences.of(mailed).block(WAIT);
        List<Delivery> letters = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            DirectoryUser person = people.get(i);
            Preferences theirs = chosen.get(person.username());
            if (theirs != null) {
                letter(notice, person, items.get(i), theirs, now).ifPresent(letters::add);
            }
        }
        deliveries.enqueueAll(letters).block(WAIT);
    }

    private static Optional<Delivery> letter(Notice notice, DirectoryUser person, InboxItem item, Preferences chosen,
                                             Instant now) {
        DeliveryChoice choice = chosen.choiceFor(notice.kind());
        if (choice == DeliveryChoice.OFF) {
            return Optional.empty();
        }
        return Optional.of(choice == DeliveryChoice.DAILY_DIGEST
                ? Delivery.forDigest(item.id(), person.username(), person.email(), person.name(), chosen.language(),
                        item.letter(), now)
                : Delivery.immediate(item.id(), person.username(), person.email(), person.name(), chosen.language(),
                        item.letter(), now));
    }

    private Flux<DirectoryUser> people(Party party) {
        if (party instanceof Party.Person person) {
            return directory.user(person.username()).flux();
        } else if (party instanceof Party.Writers writers) {
            return directory.users(Role.CMC_WRITER, writers.institute(), null, null);
        } else if (party instanceof Party.Chairs chairs) {
            return directory.users(Role.TC_CHAIR, null, chairs.rmo(), chairs.area());
        } else if (party instanceof Party.ChairsOf chairsOf) {
            return directory.user(chairsOf.username()).filter(person -> person.rmo() != null)
                    .flatMapMany(person -> directory.users(Role.TC_CHAIR, null, person.rmo(), chairsOf.area()));
        } else if (party instanceof Party.Coordinators coordinators) {
            return directory.users(Role.COMPARISON_COORDINATOR, coordinators.institute(), null, null);
        } else if (party instanceof Party.JcrbSecretary) {
            return directory.withRole(Role.JCRB_SECRETARY);
        }
        throw new IllegalArgumentException("Unknown party " + party);
    }
}
