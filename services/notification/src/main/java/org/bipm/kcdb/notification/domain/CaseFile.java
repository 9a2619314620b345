package org.bipm.kcdb.notification.domain;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the notification service knows of one CMC's review, from the events: who wrote it, where it is reviewed,
 * who reviews it, and whether other RMOs take part yet. It decides who belongs to the case; before the intra-RMO
 * approval no other RMO does.
 *
 * @param interRmo  whether the inter-RMO review has started (the intra-RMO approval opened it)
 * @param takingPart the other RMOs that declared they will review (or decided), in this round
 * @param reviewedFor every RMO a reviewer was ever assigned to review for in this case, in any round (never
 *                    forgotten): an RMO not in it has no reviewer's deadline to meet. Null when not known: a file
 *                    kept before this was recorded, whose reviewers' RMOs only the deadlines tell
 */
public record CaseFile(String cmcId, String reviewId, String institute, String rmo, String area, String writer,
                       Set<String> reviewers, boolean interRmo, Set<String> takingPart, Set<String> reviewedFor) {

    public CaseFile {
        reviewers = reviewers == null ? Set.of() : Set.copyOf(reviewers);
        takingPart = takingPart == null ? Set.of() : Set.copyOf(takingPart);
        reviewedFor = reviewedFor == null ? null : Set.copyOf(reviewedFor);
    }

    public static CaseFile of(String cmcId) {
        return new CaseFile(cmcId, null, null, null, null, null, Set.of(), false, Set.of(), Set.of());
    }

    /**
     * Whether a reviewer may be waiting to review for {@code reviewingRmo}: false only when the file knows no
     * reviewer was ever assigned to review for it.
     */
    public boolean mayHaveReviewersFor(String reviewingRmo) {
        return reviewedFor == null || reviewedFor.contains(reviewingRmo);
    }

    /**
     * Whether the CMC's submission (or an event that names its institute) is on file: until then nobody knows whom
     * to tell on the writer's side.
     */
    public boolean submissionOnFile() {
        return institute != null || writer != null;
    }

    /** A (re)submission: the writer's institute reviews it alone again. */
    public CaseFile submitted(String institute, String rmo, String area, String writer) {
        return new CaseFile(cmcId, reviewId, or(institute, this.institute), or(rmo, this.rmo), or(area, this.area),
                or(writer, this.writer), reviewers, false, Set.of(), reviewedFor);
    }

    public CaseFile opened(String reviewId, String rmo, String area) {
        return new CaseFile(cmcId, or(reviewId, this.reviewId), institute, or(rmo, this.rmo), or(area, this.area),
                writer, reviewers, interRmo, takingPart, reviewedFor);
    }

    /** A reviewer assigned to review for {@code reviewingRmo}. */
    public CaseFile withReviewer(String reviewId, String reviewer, String reviewingRmo) {
        Set<String> more = new LinkedHashSet<>(reviewers);
        more.add(reviewer);
        Set<String> rmos = reviewedFor;
        if (rmos != null && !rmos.contains(reviewingRmo)) {
            rmos = new LinkedHashSet<>(rmos);
            rmos.add(reviewingRmo);
        }
        return new CaseFile(cmcId, or(reviewId, this.reviewId), institute, rmo, area, writer, more, interRmo,
                takingPart, rmos);
    }

    public CaseFile interRmoOpened(String reviewId, String institute, String rmo, String area) {
        return new CaseFile(cmcId, or(reviewId, this.reviewId), or(institute, this.institute), or(rmo, this.rmo),
                or(area, this.area), writer, reviewers, true, Set.of(), reviewedFor);
    }

    public CaseFile joinedBy(String otherRmo) {
        Set<String> more = new LinkedHashSet<>(takingPart);
        more.add(otherRmo);
        return new CaseFile(cmcId, reviewId, institute, rmo, area, writer, reviewers, interRmo, more, reviewedFor);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
