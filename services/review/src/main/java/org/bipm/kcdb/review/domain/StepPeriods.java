package org.bipm.kcdb.review.domain;

import java.time.Duration;
import java.util.Map;

/**
 * How long each person-sized step of a review may take before the people it waits on are reminded and, once past,
 * escalated (issue 14, item 3): the submitting RMO's own review (per RMO, since each RMO runs its TC its own way),
 * a reviewer's review, the writer's answer after a return. DOMAIN.md gives no figures, so all are configurable; the
 * due dates travel in the events ({@code review.opened}, {@code .reviewer-assigned}, {@code .returned}) for the
 * notification service to remind people by. The inter-RMO steps keep the JCRB timetable ({@link InterRmoRules}).
 *
 * @param intraRmoReview        the submitting RMO's review, unless {@code intraRmoReviewByRmo} names the RMO
 * @param intraRmoReviewByRmo   the RMOs whose review period differs, by RMO acronym
 * @param reviewer              an assigned reviewer's review, from the assignment
 * @param writerAnswer          the writer's resubmission, from the return
 */
public record StepPeriods(Duration intraRmoReview, Map<String, Duration> intraRmoReviewByRmo, Duration reviewer,
                          Duration writerAnswer) {

    public static final StepPeriods DEFAULTS = new StepPeriods(Duration.ofDays(56), Map.of(), Duration.ofDays(28),
            Duration.ofDays(84));

    public StepPeriods {
        intraRmoReview = positive(intraRmoReview, Duration.ofDays(56), "intra-RMO review");
        intraRmoReviewByRmo = intraRmoReviewByRmo == null ? Map.of() : Map.copyOf(intraRmoReviewByRmo);
        intraRmoReviewByRmo.forEach((rmo, period) -> positive(period, period, "intra-RMO review of " + rmo));
        reviewer = positive(reviewer, Duration.ofDays(28), "reviewer");
        writerAnswer = positive(writerAnswer, Duration.ofDays(84), "writer's answer");
    }

    /** The submitting RMO's review period. */
    public Duration intraRmoReviewOf(String rmo) {
        return intraRmoReviewByRmo.getOrDefault(rmo, intraRmoReview);
    }

    private static Duration positive(Duration period, Duration fallback, String step) {
        Duration value = period == null ? fallback : period;
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The " + step + " period must be positive: " + value);
        }
        return value;
    }
}
