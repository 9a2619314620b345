package org.bipm.kcdb.publication.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.junit.jupiter.api.Test;

/** Which records the feed's consumers drop as they come from the broker, by their type header alone. */
class FeedAppenderTest {

    @Test
    void theTypesTheFeedLeavesOutAreDroppedInEitherHeaderEncoding() {
        assertThat(FeedAppender.leftOut(record(EventType.CMC_MIGRATED.ceType()))).isTrue();
        assertThat(FeedAppender.leftOut(record("\"" + EventType.CMC_MIGRATED.ceType() + "\""))).isTrue();
        assertThat(FeedAppender.leftOut(record(EventType.COMPARISON_EVALUATED.ceType()))).isTrue();
    }

    @Test
    void fedTypesUnknownTypesAndRecordsWithoutATypeGoOnToTheAppender() {
        assertThat(FeedAppender.leftOut(record(EventType.CMC_PUBLISHED.ceType()))).isFalse();
        assertThat(FeedAppender.leftOut(record("\"" + EventType.REVIEW_COMMENT_ADDED.ceType() + "\""))).isFalse();
        assertThat(FeedAppender.leftOut(record("org.bipm.kcdb.cmc.some-later-type"))).isFalse();
        assertThat(FeedAppender.leftOut(new ConsumerRecord<>("kcdb.cmc.submissions", 0, 0L, "key", new byte[0])))
                .isFalse();
    }

    private static ConsumerRecord<String, byte[]> record(String ceType) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("kcdb.cmc.submissions", 0, 0L, "key", new byte[0]);
        record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
