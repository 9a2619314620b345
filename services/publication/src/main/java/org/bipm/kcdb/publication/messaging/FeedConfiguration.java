package org.bipm.kcdb.publication.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    /**
     * Bound to all four topics with concurrency 1, which is one consumer thread per topic: see
     * {@link EventFeed#append} for the numbering and {@link FeedCases} for the cases both topics' threads update. The
     * records of the types the feed leaves out are dropped as they come from the broker ({@link FeedAppender#handles}).
     */
    @Bean
    Consumer<Message<byte[]>> feedEvents(EventFeed feed, FeedCases cases, JsonMapper json) {
        return new FeedAppender(feed, cases, json);
    }
}
