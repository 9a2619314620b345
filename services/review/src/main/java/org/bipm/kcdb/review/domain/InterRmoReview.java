package org.bipm.kcdb.review.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One round of the inter-RMO (JCRB) review: the RMOs asked, what they declared and decided, and its deadlines.
 * A CMC returned after an objection comes back for a new round; the earlier rounds stay in the case.
 *
 * @param latestReviewDeadline the latest deadline an RMO may declare (the maximum review period)
 * @param extendedDeadline     set by the JCRB secretary; no RMO's deadline is earlier than it
 * @param intentWindowClosed   whether the closing of the intent window has been recorded in the history
 */
public record InterRmoReview(int round, Instant openedAt, Instant intentWindowClosesAt, Instant latestReviewDeadline,
                             List<String> askedRmos, List<RmoIntent> intents, List<RmoDecision> decisions,
                             Instant extendedDeadline, boolean intentWindowClosed, List<DeadlineWarning> warnings) {

    /** Where a round stands at a given instant. */
    public enum Outcome {
        PENDING(null),
        APPROVED_BY_ALL("approved: every reviewing RMO approved"),
        NOBODY_REVIEWED("approved: no RMO chose to review"),
        APPROVED_BY_SILENCE("approved: no objection by the inter-RMO deadline");

        private final String historyText;

        Outcome(String historyText) {
            this.historyText = historyText;
        }

        public boolean approves() {
            return this != PENDING;
        }

        String historyText() {
            return historyText;
        }
    }

    public InterRmoReview {
        askedRmos = askedRmos == null ? List.of() : List.copyOf(askedRmos);
        intents = intents == null ? List.of() : List.copyOf(intents);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    static InterRmoReview open(int round, String submittingRmo, InterRmoRules rules, Instant now) {
        return new InterRmoReview(round, now, now.plus(rules.intentWindow()), now.plus(rules.maximumReviewPeriod()),
                Rmos.otherThan(submittingRmo), List.of(), List.of(), null, false, List.of());
    }

    public Optional<RmoIntent> intentOf(String rmo) {
        return intents.stream().filter(i -> i.rmo().equals(rmo)).findFirst();
    }

    public Optional<RmoDecision> decisionOf(String rmo) {
        return decisions.stream().filter(d -> d.rmo().equals(rmo)).findFirst();
    }

    public List<String> reviewingRmos() {
        return intents.stream().filter(RmoIntent::willReview).map(RmoIntent::rmo).toList();
    }

    public List<String> undeclaredRmos() {
        return askedRmos.stream().filter(rmo -> intentOf(rmo).isEmpty()).toList();
    }

    /** Intents are settled once the window has closed (the silent do not review) or every RMO has answered. */
    public boolean intentsSettled(Instant now) {
        return !now.isBefore(intentWindowClosesAt) || undeclaredRmos().isEmpty();
    }

    /**
     * The deadline the round is tied to: the latest of the reviewing RMOs' deadlines and the JCRB's extension
     * ([V:30]: "the process is tied to the latest review date indicated by an RMO"); the close of the intent
     * window while nobody has said it will review.
     */
    public Instant deadline() {
        return Stream.concat(intents.stream().filter(RmoIntent::willReview).map(RmoIntent::deadline),
                        Stream.ofNullable(extendedDeadline))
                .max(Comparator.naturalOrder()).orElse(intentWindowClosesAt);
    }

    /** A reviewing RMO's own deadline, pushed back by a JCRB extension. */
    public Instant deadlineOf(String rmo) {
        Instant declared = intentOf(rmo).map(RmoIntent::deadline).orElse(intentWindowClosesAt);
        return extendedDeadline != null && extendedDeadline.isAfter(declared) ? extendedDeadline : declared;
    }

    /** Reviewing RMOs past their own deadline without a decision. */
    public List<String> overdueRmos(Instant now) {
        return reviewingRmos().stream()
                .filter(rmo -> decisionOf(rmo).isEmpty() && !now.isBefore(deadlineOf(rmo)))
                .toList();
    }

    public Outcome outcome(Instant now, ApprovalPolicy policy) {
        if (!intentsSettled(now)) {
            return Outcome.PENDING; // an RMO may still ask to review
        }
        List<String> reviewing = reviewingRmos();
        if (reviewing.isEmpty()) {
            return Outcome.NOBODY_REVIEWED;
        }
        if (reviewing.stream().allMatch(rmo -> decisionOf(rmo).map(RmoDecision::approves).orElse(false))) {
            return Outcome.APPROVED_BY_ALL;
        }
        if (policy == ApprovalPolicy.SILENCE_IS_CONSENT && !now.isBefore(deadline())) {
            return Outcome.APPROVED_BY_SILENCE;
        }
        return Outcome.PENDING;
    }

    /** The reminders due at {@code now} that have not been sent yet. */
    List<DeadlineWarning> warningsDue(Instant now, Duration warningPeriod) {
        List<DeadlineWarning> due = new ArrayList<>();
        if (now.isBefore(intentWindowClosesAt) && !now.isBefore(intentWindowClosesAt.minus(warningPeriod))) {
            undeclaredRmos().forEach(rmo -> due.add(new DeadlineWarning(rmo, DeadlineWarning.Kind.INTENT_DECLARATION,
                    intentWindowClosesAt, false, now)));
        }
        for (String rmo : reviewingRmos()) {
            Instant deadline = deadlineOf(rmo);
            if (decisionOf(rmo).isPresent() || now.isBefore(deadline.minus(warningPeriod))) {
                continue;
            }
            // Once overdue, the "approaching" reminder is moot: only the overdue one goes out.
            due.add(new DeadlineWarning(rmo, DeadlineWarning.Kind.RMO_REVIEW, deadline, !now.isBefore(deadline), now));
        }
        return due.stream().filter(w -> warnings.stream().noneMatch(w::sameReminderAs)).toList();
    }

    InterRmoReview withIntent(RmoIntent intent) {
        return new InterRmoReview(round, openedAt, intentWindowClosesAt, latestReviewDeadline, askedRmos,
                append(intents, intent), decisions, extendedDeadline, intentWindowClosed, warnings);
    }

    InterRmoReview withDecision(RmoDecision decision) {
        return new InterRmoReview(round, openedAt, intentWindowClosesAt, latestReviewDeadline, askedRmos, intents,
                append(decisions, decision), extendedDeadline, intentWindowClosed, warnings);
    }

    InterRmoReview withExtendedDeadline(Instant deadline) {
        return new InterRmoReview(round, openedAt, intentWindowClosesAt, latestReviewDeadline, askedRmos, intents,
                decisions, deadline, intentWindowClosed, warnings);
    }

    InterRmoReview withIntentWindowClosed() {
        return new InterRmoReview(round, openedAt, intentWindowClosesAt, latestReviewDeadline, askedRmos, intents,
                decisions, extendedDeadline, true, warnings);
    }

    InterRmoReview withWarnings(List<DeadlineWarning> sent) {
        List<DeadlineWarning> all = new ArrayList<>(warnings);
        all.addAll(sent);
        return new InterRmoReview(round, openedAt, intentWindowClosesAt, latestReviewDeadline, askedRmos, intents,
                decisions, extendedDeadline, intentWindowClosed, all);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> all = new ArrayList<>(list);
        all.add(element);
        return all;
    }
}
