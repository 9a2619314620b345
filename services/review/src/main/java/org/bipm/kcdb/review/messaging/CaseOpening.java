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

/**
 * Every submitted CMC and deletion request gets a review case; a resubmission continues it, a withdrawal ends it.
 * <p>
 * The three opening types need no look before the handler, only the mark after it, as the case finds its own earlier
 * write: it lives under an id derived from the CMC's, and a submission of a round the case has reached changes nothing
 * ({@code ReviewCase.resubmitted}), whatever happened to the case since (a deletion request is a CMC of its own, round
 * 1). A run of consecutive events of one of these types in a poll is applied at once ({@link
 * EventHandlers#onIdempotentRun}): its cases inserted in one round trip, its marks in another. At 200 single submits
 * a second the consumer, a case and a mark per event, fell behind; the further behind it is, the longer the runs it
 * now applies in one go. A withdrawal still looks first: its effect is a stage, which later changes may leave, and
 * withdrawals are few. Issue 15, bench/README.md "The review's consumer" and "The review's case openings a run at a
 * time".
 */
@Configuration(proxyBeanMethods = false)
class CaseOpening {

    @Bean
    Consumer<Message<byte[]>> submissionEvents(ReviewApplication reviews, ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer("review.submissions", processed, json)
                .<CmcSubmitted>onIdempotentRun(EventType.CMC_SUBMITTED, reviews::onSubmitted)
                .<CmcResubmitted>onIdempotentRun(EventType.CMC_RESUBMITTED, reviews::onResubmitted)
                .<CmcDeletionRequested>onIdempotentRun(EventType.CMC_DELETION_REQUESTED, reviews::onDeletionRequested)
                .<CmcWithdrawn>on(EventType.CMC_WITHDRAWN, reviews::onWithdrawn);
    }
}
