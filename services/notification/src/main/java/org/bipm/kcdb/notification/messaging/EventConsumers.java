package org.bipm.kcdb.notification.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.notification.application.Notifications;
import org.bipm.kcdb.notification.domain.WhoIsTold;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * One imperative consumer per topic (group {@code notification}), each skipping events it applied already. The
 * submissions tell who wrote a CMC; the reviews, publications and comparisons are what people are told of. A review
 * event read before its CMC's submission waits for it ({@link Notifications#onReview}).
 */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    @Bean
    Consumer<Message<byte[]>> submissionEvents(Notifications notifications, ProcessedEvents processed,
                                               JsonMapper json) {
        return EventHandlers.forConsumer("notification.submissions", processed, json)
                .<CmcSubmitted>on(EventType.CMC_SUBMITTED, e -> notifications.onSubmission(e.cmcId(),
                        file -> WhoIsTold.submitted(file, e.institute(), e.rmo(), area(e.content()), e.submittedBy())))
                .<CmcResubmitted>on(EventType.CMC_RESUBMITTED, e -> notifications.onSubmission(e.cmcId(),
                        file -> WhoIsTold.submitted(file, e.institute(), e.rmo(), area(e.content()),
                                e.submittedBy())))
                .<CmcWithdrawn>on(EventType.CMC_WITHDRAWN, e -> notifications.onCase(e.cmcId(),
                        WhoIsTold::withdrawn));
    }

    @Bean
    Consumer<Message<byte[]>> reviewEvents(Notifications notifications, ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer("notification.reviews", processed, json)
                .<ReviewOpened>on(EventType.REVIEW_OPENED, e -> notifications.onReview(e.cmcId(), e))
                .<ReviewerAssigned>on(EventType.REVIEW_REVIEWER_ASSIGNED, e -> notifications.onReview(e.cmcId(), e))
                .<ReviewCommentAdded>on(EventType.REVIEW_COMMENT_ADDED, e -> notifications.onReview(e.cmcId(), e))
                .<ReviewReturned>on(EventType.REVIEW_RETURNED, e -> notifications.onReview(e.cmcId(), e))
                .<IntraRmoReviewApproved>on(EventType.REVIEW_INTRA_RMO_APPROVED,
                        e -> notifications.onReview(e.cmcId(), e))
                .<RmoIntentDeclared>on(EventType.REVIEW_RMO_INTENT_DECLARED, e -> notifications.onReview(e.cmcId(), e))
                .<RmoDecided>on(EventType.REVIEW_RMO_DECIDED, e -> notifications.onReview(e.cmcId(), e))
                .<ReviewDeadlineApproaching>on(EventType.REVIEW_DEADLINE_APPROACHING,
                        e -> notifications.onReview(e.cmcId(), e))
                .<ReviewDeadlineExtended>on(EventType.REVIEW_DEADLINE_EXTENDED,
                        e -> notifications.onReview(e.cmcId(), e))
                .<CmcApproved>on(EventType.CMC_APPROVED, e -> notifications.onReview(e.cmcId(), e))
                .<CmcRejected>on(EventType.CMC_REJECTED, e -> notifications.onReview(e.cmcId(), e));
    }

    @Bean
    Consumer<Message<byte[]>> publicationEvents(Notifications notifications, ProcessedEvents processed,
                                                JsonMapper json) {
        return EventHandlers.forConsumer("notification.publications", processed, json)
                .<CmcPublished>on(EventType.CMC_PUBLISHED, e -> notifications.onCase(e.cmcId(),
                        file -> WhoIsTold.published(file, e)));
    }

    @Bean
    Consumer<Message<byte[]>> comparisonEvents(Notifications notifications, ProcessedEvents processed,
                                               JsonMapper json) {
        return EventHandlers.forConsumer("notification.comparisons", processed, json)
                .<ComparisonRegistered>on(EventType.COMPARISON_REGISTERED,
                        e -> notifications.apply(WhoIsTold.registered(e)))
                .<ComparisonStatusChanged>on(EventType.COMPARISON_STATUS_CHANGED, e -> notifications.onComparison(
                        e.identifier(), file -> WhoIsTold.statusChanged(file, e)));
    }

    private static String area(org.bipm.kcdb.events.CmcContent content) {
        return content == null ? null : content.metrologyAreaLabel();
    }
}
