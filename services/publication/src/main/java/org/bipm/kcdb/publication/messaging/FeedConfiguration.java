package org.bipm.kcdb.publication.messaging;

import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.publication.persistence.FeedCases;
import java.util.function.Consumer;
import org.bipm.kcdb.publication.persistence.Counters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    @Bean
    EventFeed eventFeed(ReactiveMongoTemplate mongo) {
        EventFeed feed = new EventFeed(mongo, new Counters(mongo));
        feed.ensureIndex();
        return feed;
    }

    /** Bound to all four topics with concurrency 1: see {@link EventFeed#append}. */
    @Bean
    Consumer<Message<byte[]>> feedEvents(EventFeed feed, ReactiveMongoTemplate mongo, JsonMapper json) {
        return new FeedAppender(feed, new FeedCases(mongo), json);
    }
}
