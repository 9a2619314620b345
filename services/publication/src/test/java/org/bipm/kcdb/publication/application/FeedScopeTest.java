package org.bipm.kcdb.publication.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.publication.ScopedFeedTest;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The rule without the broker: each row's audience as the feed decides it, read by each reader. */
class FeedScopeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachRowReachesExactlyItsReaders() {
        Map<String, FeedCases.Case> cases = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (ScopedFeedTest.Row row : ScopedFeedTest.table("cmc-1", "cmc-2", "CCEM-K1234")) {
            EventType type = EventType.of(row.event());
            var tree = JSON.readTree(JSON.writeValueAsString(row.event()));
            String cmcId = tree.has("cmcId") ? tree.get("cmcId").asString() : null;
            String audience;
            if (cmcId == null) {
                audience = FeedScope.EVERYONE;
            } else {
                FeedCases.Case state = FeedCases.next(cases.get(cmcId), type, tree);
                cases.put(cmcId, state);
                audience = FeedScope.audience(type, state, tree.has("rmo") ? tree.get("rmo").asString() : null);
            }
            FeedEntry entry = new FeedEntry(UUID.randomUUID().toString(), 1, type.ceType(), "/kcdb/x", cmcId, "t",
                    null, null, null, "{}", audience);
            for (String reader : List.of("EURAMET", "SIM", "GULFMET", "COOMET")) {
                boolean expected = row.receivers().contains("*") || row.receivers().contains(reader);
                if (FeedScope.visible(entry, reader) != expected) {
                    wrong.add(row.label() + " to " + reader + " (audience " + audience + ")");
                }
            }
            assertThat(FeedScope.visible(entry, FeedScope.EVERYONE)).isTrue();
            assertThat(FeedScope.visible(entry, null)).isEqualTo(row.receivers().contains("*"));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void entriesFedBeforeTheFeedWasScopedArePublicOnlyWhenTheirTypeIs() {
        FeedEntry published = new FeedEntry("a", 1, EventType.CMC_PUBLISHED.ceType(), "s", "c", "t", null, null,
                null, "{}", null);
        FeedEntry comment = new FeedEntry("b", 2, EventType.REVIEW_COMMENT_ADDED.ceType(), "s", "c", "t", null, null,
                null, "{}", null);
        assertThat(FeedScope.visible(published, "SIM")).isTrue();
        assertThat(FeedScope.visible(comment, "SIM")).isFalse();
        assertThat(FeedScope.visible(comment, FeedScope.EVERYONE)).isTrue();
    }
}
