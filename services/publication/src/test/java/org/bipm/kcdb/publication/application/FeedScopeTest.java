package org.bipm.kcdb.publication.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Topic;
import org.bipm.kcdb.publication.ScopedFeedTest;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.persistence.FeedCases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
                audience = FeedScope.audience(type, FeedCases.audienceCase(state, type, tree),
                        tree.has("rmo") ? tree.get("rmo").asString() : null);
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

    /**
     * The broker keeps each topic's order, not the order between topics: the feed may read a CMC's submissions at any
     * point among its review events. Every such order gives each row the readers the platform's order gives it.
     */
    @Test
    void eachOrderOfTheTopicsGivesEachRowTheSameReaders() {
        Map<String, List<ScopedFeedTest.Row>> byCmc = new LinkedHashMap<>();
        for (ScopedFeedTest.Row row : ScopedFeedTest.table("cmc-1", "cmc-2", "CCEM-K1234")) {
            JsonNode tree = JSON.readTree(JSON.writeValueAsString(row.event()));
            if (tree.has("cmcId")) {
                byCmc.computeIfAbsent(tree.get("cmcId").asString(), c -> new ArrayList<>()).add(row);
            }
        }
        List<String> wrong = new ArrayList<>();
        int orders = 0;
        for (List<ScopedFeedTest.Row> rows : byCmc.values()) {
            List<ScopedFeedTest.Row> submissions = rows.stream()
                    .filter(r -> EventType.of(r.event()).topic() == Topic.CMC_SUBMISSIONS).toList();
            List<ScopedFeedTest.Row> others = rows.stream().filter(r -> !submissions.contains(r)).toList();
            for (List<ScopedFeedTest.Row> order : interleavings(submissions, others)) {
                orders++;
                Map<String, FeedCases.Case> cases = new LinkedHashMap<>();
                for (ScopedFeedTest.Row row : order) {
                    EventType type = EventType.of(row.event());
                    JsonNode tree = JSON.readTree(JSON.writeValueAsString(row.event()));
                    String cmcId = tree.get("cmcId").asString();
                    FeedCases.Case state = FeedCases.next(cases.get(cmcId), type, tree);
                    cases.put(cmcId, state);
                    String audience = FeedScope.audience(type, FeedCases.audienceCase(state, type, tree),
                            tree.has("rmo") ? tree.get("rmo").asString() : null);
                    FeedEntry entry = new FeedEntry("e", 1, type.ceType(), "/kcdb/x", cmcId, "t", null, null, null,
                            "{}", audience);
                    for (String reader : List.of("EURAMET", "SIM", "GULFMET", "COOMET")) {
                        boolean expected = row.receivers().contains("*") || row.receivers().contains(reader);
                        if (FeedScope.visible(entry, reader) != expected) {
                            wrong.add(row.label() + " to " + reader + " read in the order "
                                    + order.stream().map(ScopedFeedTest.Row::label).toList());
                        }
                    }
                }
            }
        }
        assertThat(orders).isGreaterThan(70);
        assertThat(wrong).isEmpty();
    }

    /** Every merge of two sequences that keeps the order of each. */
    private static <T> List<List<T>> interleavings(List<T> a, List<T> b) {
        if (a.isEmpty() || b.isEmpty()) {
            List<T> rest = new ArrayList<>(a);
            rest.addAll(b);
            return List.of(rest);
        }
        List<List<T>> all = new ArrayList<>();
        for (List<T> tail : interleavings(a.subList(1, a.size()), b)) {
            List<T> order = new ArrayList<>(List.of(a.get(0)));
            order.addAll(tail);
            all.add(order);
        }
        for (List<T> tail : interleavings(a, b.subList(1, b.size()))) {
            List<T> order = new ArrayList<>(List.of(b.get(0)));
            order.addAll(tail);
            all.add(order);
        }
        return all;
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
