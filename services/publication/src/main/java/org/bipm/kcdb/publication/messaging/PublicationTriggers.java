package org.bipm.kcdb.publication.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.publication.application.PublicationApplication;
import org.bipm.kcdb.publication.persistence.ReferenceChanges;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approved CMCs get published; comparisons get listed, follow their status, and show their evaluation once published;
 * the public reference tables follow the KCDB office's changes.
 */
@Configuration(proxyBeanMethods = false)
class PublicationTriggers {

    @Bean
    Consumer<Message<byte[]>> reviewEvents(PublicationApplication publication, ProcessedEvents processed,
                                           JsonMapper json) {
        // A publication is found again by its CMC id (onApproved looks for the record first, the insert is keyed by
        // it), so its processed-event record costs one insert after it; a deletion request's effect is a status a
        // later restore may undo, so it is looked up first.
        return EventHandlers.forConsumer("publication.reviews", processed, json)
                .<CmcApproved>onIdempotent(EventType.CMC_APPROVED, approved -> !approved.deletionRequest(),
                        publication::onApproved);
    }

    @Bean
    Consumer<Message<byte[]>> comparisonEvents(PublicationApplication publication, ProcessedEvents processed,
                                               JsonMapper json) {
        return EventHandlers.forConsumer("publication.comparisons", processed, json)
                .<ComparisonRegistered>on(EventType.COMPARISON_REGISTERED, publication::onComparisonRegistered)
                .<ComparisonStatusChanged>on(EventType.COMPARISON_STATUS_CHANGED,
                        publication::onComparisonStatusChanged)
                .<ComparisonEvaluated>on(EventType.COMPARISON_EVALUATED, publication::onComparisonEvaluated);
    }

    /**
     * The KCDB office's reference-data changes, from the submission service's topic (whose CMC events this group
     * ignores): the public tables and the published CMCs' institutes follow them.
     */
    @Bean
    Consumer<Message<byte[]>> referenceDataEvents(ReferenceChanges changes, ProcessedEvents processed,
                                                  JsonMapper json) {
        return EventHandlers.forConsumer("publication.reference-data", processed, json)
                .<ReferenceDataChanged>on(EventType.REFERENCE_DATA_CHANGED, changed -> changes.apply(changed).block());
    }
}
