package org.bipm.kcdb.publication.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.bipm.kcdb.events.EventType;
import org.junit.jupiter.api.Test;

/** Which types the feed's consumer receives: the others are dropped as they come from the broker. */
class FeedAppenderTest {

    private final FeedAppender feed = new FeedAppender(null, null, null);

    @Test
    void theTypesTheFeedLeavesOutAreNotHandled() {
        assertThat(feed.handles(EventType.CMC_MIGRATED)).isFalse();
        assertThat(feed.handles(EventType.COMPARISON_EVALUATED)).isFalse();
    }

    @Test
    void fedTypesAreHandled() {
        assertThat(feed.handles(EventType.CMC_PUBLISHED)).isTrue();
        assertThat(feed.handles(EventType.REVIEW_COMMENT_ADDED)).isTrue();
    }
}
