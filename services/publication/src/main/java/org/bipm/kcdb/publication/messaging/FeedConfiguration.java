package org.bipm.kcdb.publication.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    /** Bound to all four topics with concurrency 1: see {@link EventFeed#append}. */
    @Bean
    Consumer<Message<byte[]>> feedEvents(EventFeed feed, FeedCases cases, JsonMapper json) {
        return new FeedAppender(feed, cases, json);
    }

    /**
     * The feed's consumers drop the records the feed leaves out ({@link FeedAppender#leftOut}) as they come from the
     * broker; their offsets are committed like the others'. The other bindings receive every record.
     */
    @Bean
    ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> feedLeavesOut(
            @Value("${spring.cloud.stream.bindings.feedEvents-in-0.group}") String feedGroup) {
        return (adapter, destination, group) -> {
            if (feedGroup.equals(group)) {
                leaveOut(adapter);
            }
        };
    }

    private static <K, V> void leaveOut(KafkaMessageDrivenChannelAdapter<K, V> adapter) {
        adapter.setRecordFilterStrategy(FeedAppender::leftOut);
        adapter.setAckDiscarded(true);
    }
}
