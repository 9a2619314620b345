package org.bipm.kcdb.review.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.review.application.ReviewQueries.CaseFile;
import org.bipm.kcdb.review.domain.SupportingEvidence;
import org.bipm.kcdb.review.domain.Assignment;
import org.bipm.kcdb.review.domain.CaseHistoryEntry;
import org.bipm.kcdb.review.domain.InterRmoReview;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewComment;
import org.bipm.kcdb.review.domain.ReviewStage;

/**
 * A case as its participants see it (CONTRACT.md §3): the threaded comments, every RMO's intents and decisions
 * over all inter-RMO rounds, the deadline of the round under way, the supporting evidence and the history.
 *
 * @param deadline       the latest deadline of the inter-RMO round under way; null outside inter-RMO review
 * @param interRmoReview the round under way, null outside inter-RMO review
 * @param deletionRequest the institute asks to delete its published CMC {@code supersedesKcdbCode}; {@code cmc} is
 *                        that CMC as published
 */
record ReviewCaseView(String id, String cmcId, ReviewStage stage, String institute, String country, String rmo,
                      String area, int round, long version, Instant openedAt, Instant inStageSince, CmcContent cmc,
                      List<Assignment> assignments, List<ReviewComment> comments, List<IntentView> intents,
                      List<DecisionView> decisions, Instant deadline, RoundView interRmoReview,
                      List<SupportingEvidence> supportingEvidence, List<CaseHistoryEntry> history,
                      String supersedesKcdbCode, boolean deletionRequest) {

    /** An RMO's answer in inter-RMO round {@code round}. */
    record IntentView(int round, String rmo, boolean willReview, Instant deadline, String declaredBy, Instant at) {
    }

    /**
     * A decision of either tier: {@code INTRA_RMO} (the submitting RMO's chair: APPROVE, RETURN, REJECT) or
     * {@code INTER_RMO} (a reviewing RMO's chair in round {@code round}: APPROVE, OBJECT).
     */
    record DecisionView(String tier, Integer round, String rmo, String decision, String by, String comment,
                        String qmsStatementRef, Instant at) {
    }

    record RoundView(int round, Instant openedAt, List<String> askedRmos, Instant intentWindowClosesAt,
                     Instant latestReviewDeadline, List<String> reviewingRmos, List<String> undeclaredRmos,
                     List<String> overdueRmos) {
    }

    static ReviewCaseView of(CaseFile file) {
        ReviewCase c = file.stored().aggregate();
        InterRmoReview current = c.interRmoReview().orElse(null);
        return new ReviewCaseView(c.id(), c.cmcId(), c.stage(), c.institute(), c.country(), c.rmo(), c.area(),
                c.round(), file.stored().version(), c.openedAt(), c.inStageSince(), c.content(), c.assignments(),
                c.comments(), intents(c), decisions(c), current == null ? null : current.deadline(),
                current == null ? null : round(current, file.asOf()), file.supportingEvidence(), c.history(),
                c.supersedesKcdbCode(), c.deletionRequest());
    }

    private static List<IntentView> intents(ReviewCase c) {
        return c.interRmoReviews().stream().flatMap(r -> r.intents().stream().map(i -> new IntentView(r.round(),
                i.rmo(), i.willReview(), i.deadline(), i.declaredBy(), i.at()))).toList();
    }

    private static List<DecisionView> decisions(ReviewCase c) {
        List<DecisionView> all = new ArrayList<>();
        c.decisions().forEach(d -> all.add(new DecisionView("INTRA_RMO", null, d.rmo(), d.decision().name(), d.by(),
                d.comment(), d.qmsStatementRef(), d.at())));
        c.interRmoReviews().forEach(r -> r.decisions().forEach(d -> all.add(new DecisionView("INTER_RMO", r.round(),
                d.rmo(), d.decision().name(), d.by(), d.comment(), null, d.at()))));
        all.sort(Comparator.comparing(DecisionView::at));
        return all;
    }

    private static RoundView round(InterRmoReview r, Instant now) {
        return new RoundView(r.round(), r.openedAt(), r.askedRmos(), r.intentWindowClosesAt(),
                r.latestReviewDeadline(), r.reviewingRmos(), r.undeclaredRmos(), r.overdueRmos(now));
    }
}
