package org.bipm.kcdb.review.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** Every submitted CMC and deletion request gets a review case; a resubmission continues it, a withdrawal ends it. */
@Configuration(proxyBeanMethods = false)
class CaseOpening {

    @Bean
    Consumer<Message<byte[]>> submissionEvents(ReviewApplication reviews, ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer("review.submissions", processed, json)
                .<CmcSubmitted>on(EventType.CMC_SUBMITTED, reviews::onSubmitted)
                .<CmcResubmitted>on(EventType.CMC_RESUBMITTED, reviews::onResubmitted)
                .<CmcDeletionRequested>on(EventType.CMC_DELETION_REQUESTED, reviews::onDeletionRequested)
                .<CmcWithdrawn>on(EventType.CMC_WITHDRAWN, reviews::onWithdrawn);
    }
}
