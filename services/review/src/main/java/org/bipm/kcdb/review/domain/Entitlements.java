package org.bipm.kcdb.review.domain;

import org.bipm.kcdb.support.domain.NotEntitled;

/**
 * Who may act on a case. Conflict of interest runs through all of it: nobody from the submitting institute
 * reviews or decides its CMCs, and in the inter-RMO tier an RMO reviews only other RMOs' CMCs.
 */
final class Entitlements {

    private Entitlements() {
    }

    /** The TC chair of the submitting RMO for the CMC's area, not from the submitting institute. */
    static void requireChairOfSubmittingRmo(ReviewCase reviewCase, Reviewer chair) {
        if (!chair.chairFor(reviewCase.rmo(), reviewCase.area())) {
            throw new NotEntitled("Only a TC chair of " + reviewCase.rmo() + " for area " + reviewCase.area()
                    + " acts on this case in the intra-RMO review.");
        }
        requireNotFromSubmittingInstitute(reviewCase, chair);
    }

    /**
     * A reviewer the chair of {@code reviewingRmo} may assign: a TC reviewer of that RMO for the CMC's area, not
     * from the submitting institute. The facts are the directory's, not what the chair typed.
     */
    static void requireAssignable(ReviewCase reviewCase, String reviewingRmo, Reviewer reviewer) {
        if (!reviewingRmo.equals(reviewer.rmo())) {
            throw new UnsuitableReviewer(reviewer.username() + " is a TC reviewer of " + reviewer.rmo() + ", not of "
                    + reviewingRmo + ", which reviews this CMC here.");
        }
        if (!reviewer.areas().contains(reviewCase.area())) {
            throw new UnsuitableReviewer(reviewer.username() + " does not review area " + reviewCase.area() + ".");
        }
        if (reviewCase.institute().equals(reviewer.institute())) {
            throw new UnsuitableReviewer(reviewer.username() + " is from " + reviewer.institute()
                    + ", the submitting institute, and cannot review its CMC.");
        }
    }

    /** The TC chair, for the CMC's area, of an RMO asked in the current inter-RMO round. */
    static void requireChairOfAskedRmo(ReviewCase reviewCase, InterRmoReview round, Reviewer chair) {
        if (!round.askedRmos().contains(chair.rmo())) {
            throw new NotEntitled(chair.rmo() + " is not asked to review this CMC: an RMO does not take part in the "
                    + "inter-RMO review of its own CMCs.");
        }
        if (!chair.chairFor(chair.rmo(), reviewCase.area())) {
            throw new NotEntitled("Only a TC chair of " + chair.rmo() + " for area " + reviewCase.area()
                    + " speaks for " + chair.rmo() + " on this CMC.");
        }
        requireNotFromSubmittingInstitute(reviewCase, chair);
    }

    static void requireChairOfReviewingRmo(ReviewCase reviewCase, InterRmoReview round, Reviewer chair) {
        requireChairOfAskedRmo(reviewCase, round, chair);
        if (!round.reviewingRmos().contains(chair.rmo())) {
            throw new NotEntitled(chair.rmo() + " did not declare that it would review this CMC.");
        }
    }

    /**
     * The thread is for those doing the review: the chairs of the submitting RMO and of the RMOs reviewing in the
     * current inter-RMO round, the reviewers those chairs assigned (an RMO's while it takes part), and the writers
     * of the submitting institute.
     */
    static void requireMayComment(ReviewCase reviewCase, Actor author) {
        boolean entitled;
        if (author instanceof CmcWriter writer) {
            entitled = reviewCase.institute().equals(writer.institute());
        } else if (author instanceof Reviewer reviewer) {
            // The directory's institute was checked on assignment; the token's is checked again here.
            entitled = reviewCase.assignedFor(reviewer.username()).filter(rmo -> takesPart(reviewCase, rmo))
                    .isPresent() && !reviewCase.institute().equals(reviewer.institute())
                    || reviewer.chair() && takesPart(reviewCase, reviewer.rmo());
        } else {
            entitled = false;
        }
        if (!entitled) {
            throw new NotEntitled(author.username() + " takes no part in this review and cannot comment on it.");
        }
    }

    /** The submitting RMO always; another RMO while it reviews in the current inter-RMO round. */
    private static boolean takesPart(ReviewCase reviewCase, String rmo) {
        return reviewCase.rmo().equals(rmo) || reviewCase.interRmoReview()
                .map(round -> round.reviewingRmos().contains(rmo)).orElse(false);
    }

    private static void requireNotFromSubmittingInstitute(ReviewCase reviewCase, Reviewer reviewer) {
        if (reviewCase.institute().equals(reviewer.institute())) {
            throw new NotEntitled(reviewer.username() + " is from " + reviewer.institute()
                    + ", the submitting institute, and cannot review or decide on its CMC.");
        }
    }
}
