package org.bipm.kcdb.review.web;

import java.time.Instant;
import org.bipm.kcdb.review.domain.InterRmoReview;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;

/**
 * One line of a list or inbox: enough to pick a case and see how long it has waited.
 *
 * @param overdue a reviewing RMO of the inter-RMO round under way is past its deadline and has not decided
 */
record ReviewSummaryView(String id, String cmcId, ReviewStage stage, String institute, String rmo, String area,
                         int round, Instant openedAt, Instant inStageSince, Instant deadline,
                         String supersedesKcdbCode, boolean deletionRequest, boolean overdue) {

    static ReviewSummaryView of(ReviewCase c, Instant now) {
        return new ReviewSummaryView(c.id(), c.cmcId(), c.stage(), c.institute(), c.rmo(), c.area(), c.round(),
                c.openedAt(), c.inStageSince(), c.interRmoReview().map(InterRmoReview::deadline).orElse(null),
                c.supersedesKcdbCode(), c.deletionRequest(), c.overdue(now));
    }
}
