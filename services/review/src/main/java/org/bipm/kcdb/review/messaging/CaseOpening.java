package org.bipm.kcdb.review.messaging;

import java.util.function.Consumer;
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

/** Every submitted CMC gets a review case; a withdrawn one ends it. */
@Configuration(proxyBeanMethods = false)
class CaseOpening {

    @Bean
    Consumer<Message<byte[]>> submissionEvents(ReviewApplication reviews, ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer("review.submissions", processed, json)
                .<CmcSubmitted>on(EventType.CMC_SUBMITTED, reviews::onSubmitted)
                .<CmcWithdrawn>on(EventType.CMC_WITHDRAWN, reviews::onWithdrawn);
    }
}
