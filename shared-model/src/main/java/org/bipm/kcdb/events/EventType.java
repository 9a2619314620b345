package org.bipm.kcdb.events;

import java.util.Arrays;
import java.util.Optional;

/** The typed catalogue of CloudEvents types: each with its topic, payload record and schema version. */
public enum EventType {
    CMC_SUBMITTED("org.bipm.kcdb.cmc.submitted", Topic.CMC_SUBMISSIONS, CmcSubmitted.class),
    CMC_RESUBMITTED("org.bipm.kcdb.cmc.resubmitted", Topic.CMC_SUBMISSIONS, CmcResubmitted.class),
    CMC_DELETION_REQUESTED("org.bipm.kcdb.cmc.deletion-requested", Topic.CMC_SUBMISSIONS,
            CmcDeletionRequested.class),
    CMC_WITHDRAWN("org.bipm.kcdb.cmc.withdrawn", Topic.CMC_SUBMISSIONS, CmcWithdrawn.class),
    REFERENCE_DATA_CHANGED("org.bipm.kcdb.reference-data.changed", Topic.CMC_SUBMISSIONS,
            ReferenceDataChanged.class),
    REVIEW_OPENED("org.bipm.kcdb.review.opened", Topic.CMC_REVIEWS, ReviewOpened.class),
    REVIEW_REVIEWER_ASSIGNED("org.bipm.kcdb.review.reviewer-assigned", Topic.CMC_REVIEWS, ReviewerAssigned.class),
    REVIEW_COMMENT_ADDED("org.bipm.kcdb.review.comment-added", Topic.CMC_REVIEWS, ReviewCommentAdded.class),
    REVIEW_RETURNED("org.bipm.kcdb.review.returned", Topic.CMC_REVIEWS, ReviewReturned.class),
    REVIEW_INTRA_RMO_APPROVED("org.bipm.kcdb.review.intra-rmo-approved", Topic.CMC_REVIEWS,
            IntraRmoReviewApproved.class),
    REVIEW_RMO_INTENT_DECLARED("org.bipm.kcdb.review.rmo-intent-declared", Topic.CMC_REVIEWS,
            RmoIntentDeclared.class),
    REVIEW_RMO_DECIDED("org.bipm.kcdb.review.rmo-decided", Topic.CMC_REVIEWS, RmoDecided.class),
    REVIEW_DEADLINE_APPROACHING("org.bipm.kcdb.review.deadline-approaching", Topic.CMC_REVIEWS,
            ReviewDeadlineApproaching.class),
    REVIEW_DEADLINE_EXTENDED("org.bipm.kcdb.review.deadline-extended", Topic.CMC_REVIEWS,
            ReviewDeadlineExtended.class),
    CMC_APPROVED("org.bipm.kcdb.cmc.approved", Topic.CMC_REVIEWS, CmcApproved.class),
    CMC_REJECTED("org.bipm.kcdb.cmc.rejected", Topic.CMC_REVIEWS, CmcRejected.class),
    CMC_PUBLISHED("org.bipm.kcdb.cmc.published", Topic.PUBLICATIONS, CmcPublished.class),
    CMC_ARCHIVED("org.bipm.kcdb.cmc.archived", Topic.PUBLICATIONS, CmcArchived.class),
    CMC_GREYED_OUT("org.bipm.kcdb.cmc.greyed-out", Topic.PUBLICATIONS, CmcGreyedOut.class),
    CMC_RESTORED("org.bipm.kcdb.cmc.restored", Topic.PUBLICATIONS, CmcRestored.class),
    CMC_DELETED("org.bipm.kcdb.cmc.deleted", Topic.PUBLICATIONS, CmcDeleted.class),
    CMC_MIGRATED("org.bipm.kcdb.cmc.migrated", Topic.PUBLICATIONS, CmcMigrated.class),
    COMPARISON_REGISTERED("org.bipm.kcdb.comparison.registered", Topic.COMPARISONS, ComparisonRegistered.class),
    COMPARISON_STATUS_CHANGED("org.bipm.kcdb.comparison.status-changed", Topic.COMPARISONS,
            ComparisonStatusChanged.class),
    COMPARISON_RESULT_SUBMITTED("org.bipm.kcdb.comparison.result-submitted", Topic.COMPARISONS,
            ComparisonResultSubmitted.class),
    COMPARISON_EVALUATED("org.bipm.kcdb.comparison.evaluated", Topic.COMPARISONS, ComparisonEvaluated.class),
    COMPARISON_PUBLISHED("org.bipm.kcdb.comparison.published", Topic.PUBLICATIONS, ComparisonPublished.class);

    private final String ceType;
    private final Topic topic;
    private final Class<? extends IntegrationEvent> payloadType;

    EventType(String ceType, Topic topic, Class<? extends IntegrationEvent> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String ceType() {
        return ceType;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends IntegrationEvent> payloadType() {
        return payloadType;
    }

    /** Classpath location of the JSON Schema of this type's payload. */
    public String schemaResource() {
        return "/schemas/" + ceType + ".json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(IntegrationEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.payloadType.equals(event.getClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not in the event catalogue: " + event.getClass()));
    }
}
