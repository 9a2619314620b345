package org.bipm.kcdb.review.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;

/**
 * Where the review stands for an RMO or area: cases per stage, how long the open ones have been under review, and
 * how many are past a reviewing RMO's deadline.
 *
 * @param ageDays      percentiles of the days since each open case was opened; null without open cases
 * @param overdue      cases in inter-RMO review with a reviewing RMO past its deadline and undecided
 * @param ageHistogram the open cases by age, in the buckets of {@link #AGE_BUCKET_BOUNDS} (days; the last one open),
 *                     each bucket listed even when empty, so that a chart of ages needs nothing else
 */
public record ReviewDashboard(String rmo, String area, Instant asOf, Map<ReviewStage, Long> byStage, long open,
                              AgePercentiles ageDays, long overdue, List<AgeBucket> ageHistogram) {

    /**
     * Where the age buckets start, in days: weeks up to the JCRB's usual six-week maximum review period, then
     * fortnights, then everything older.
     */
    static final List<Integer> AGE_BUCKET_BOUNDS = List.of(0, 7, 14, 21, 28, 42, 56, 84);

    /** Nearest-rank percentiles, in days to one decimal. */
    public record AgePercentiles(double p50, double p90) {
    }

    /** Open cases opened at least {@code fromDays} and less than {@code toDays} days ago (null: no upper bound). */
    public record AgeBucket(int fromDays, Integer toDays, long cases) {
    }

    static ReviewDashboard of(ReviewQueries.CaseFilter filter, List<ReviewCase> cases, Instant now) {
        Map<ReviewStage, Long> byStage = new EnumMap<>(ReviewStage.class);
        for (ReviewStage stage : ReviewStage.values()) {
            byStage.put(stage, cases.stream().filter(c -> c.stage() == stage).count());
        }
        List<Double> ages = cases.stream().filter(c -> !c.stage().terminal())
                .map(c -> days(Duration.between(c.openedAt(), now))).sorted().toList();
        AgePercentiles percentiles = ages.isEmpty() ? null
                : new AgePercentiles(percentile(ages, 50), percentile(ages, 90));
        long overdue = cases.stream().filter(c -> c.overdue(now)).count();
        return new ReviewDashboard(filter.rmo(), filter.area(), now, byStage, ages.size(), percentiles, overdue,
                histogram(ages));
    }

    static List<AgeBucket> histogram(List<Double> ages) {
        List<AgeBucket> buckets = new ArrayList<>();
        for (int i = 0; i < AGE_BUCKET_BOUNDS.size(); i++) {
            int from = AGE_BUCKET_BOUNDS.get(i);
            Integer to = i + 1 < AGE_BUCKET_BOUNDS.size() ? AGE_BUCKET_BOUNDS.get(i + 1) : null;
            long count = ages.stream().filter(age -> age >= from && (to == null || age < to)).count();
            buckets.add(new AgeBucket(from, to, count));
        }
        return buckets;
    }

    /** The smallest value with at least {@code p} % of the values at or below it. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double days(Duration age) {
        return Math.round(age.toMinutes() / 144.0) / 10.0; // 1440 minutes a day, one decimal
    }
}
