package org.bipm.kcdb.review.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.review.persistence.ComparisonDegrees;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** Reviewers see the submitting institute's degrees of equivalence in the comparisons a CMC cites. */
@Configuration(proxyBeanMethods = false)
class SupportingComparisons {

    @Bean
    Consumer<Message<byte[]>> comparisonEvents(ComparisonDegrees degrees, ProcessedEvents processed,
                                               JsonMapper json) {
        return EventHandlers.forConsumer("review.comparisons", processed, json)
                .<ComparisonEvaluated>on(EventType.COMPARISON_EVALUATED, degrees::onEvaluated);
    }
}
