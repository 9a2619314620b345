package org.bipm.kcdb.review.web;

import java.time.Instant;
import org.bipm.kcdb.review.domain.InterRmoReview;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;

/** One line of a list or inbox: enough to pick a case and see how long it has waited. */
record ReviewSummaryView(String id, String cmcId, ReviewStage stage, String institute, String rmo, String area,
                         int round, Instant openedAt, Instant inStageSince, Instant deadline,
                         String supersedesKcdbCode, boolean deletionRequest) {

    static ReviewSummaryView of(ReviewCase c) {
        return new ReviewSummaryView(c.id(), c.cmcId(), c.stage(), c.institute(), c.rmo(), c.area(), c.round(),
                c.openedAt(), c.inStageSince(), c.interRmoReview().map(InterRmoReview::deadline).orElse(null),
                c.supersedesKcdbCode(), c.deletionRequest());
    }
}
