package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.publication.application.FeedScope;
import org.bipm.kcdb.publication.domain.FeedEntry;
import org.bipm.kcdb.publication.domain.FeedFilter;
import org.bipm.kcdb.publication.persistence.EventFeed;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RMO subscribers follow the platform's events over SSE and resume where they stopped. */
@KcdbComponentTest
class EventStreamTest extends KcdbServiceTest {

    static final String SUBSCRIBER = ISSUER.token("service-account-rmo-euramet", List.of("rmo-subscriber"),
            Map.of("rmo", "EURAMET"));
    static final String SECRETARY = DemoUsers.token("jcrb.secretary");
    static final String WRITER = DemoUsers.token("writer.ptb");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestEvents events;

    @LocalServerPort
    int port;
    @Autowired
    EventFeed feed;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "event-stream-test");
        registry.add("spring.cloud.stream.bindings.feedEvents-in-0.group", () -> "feed-" + UUID.randomUUID());
        registry.add("kcdb.feed.poll-interval", () -> "50ms");
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(30));
    }

    @Test
    void aSubscriberResumesAfterADroppedConnectionWithNothingLostOrRepeated() {
        String cmcId = "cmc-" + UUID.randomUUID();
        List<IntegrationEvent> mine = List.of(
                submitted(cmcId, 1, "EURAMET", "DE"), submitted(cmcId, 2, "EURAMET", "DE"),
                submitted(cmcId, 3, "EURAMET", "DE"), submitted(cmcId, 4, "EURAMET", "DE"));
        events.send(mine.get(0), "/kcdb/submission");
        events.send(mine.get(1), "/kcdb/submission");
        events.send(mine.get(1), "/kcdb/submission"); // redelivered: in the feed once

        List<ServerSentEvent<String>> first = stream(null, "", cmcId, 2);
        assertThat(first).extracting(e -> eventId(e)).containsExactly(id(mine.get(0)), id(mine.get(1)));

        // The connection dropped; more happens meanwhile.
        events.send(mine.get(2), "/kcdb/submission");
        events.send(mine.get(3), "/kcdb/submission");
        List<ServerSentEvent<String>> resumed = stream(first.get(1).id(), "", cmcId, 2);
        assertThat(resumed).extracting(e -> eventId(e)).containsExactly(id(mine.get(2)), id(mine.get(3)));
        assertThat(Long.parseLong(resumed.get(0).id())).isGreaterThan(Long.parseLong(first.get(1).id()));
    }

    /**
     * The feed appends the events a poll brings in one go (their cases read at once, their numbers taken at once,
     * bench/README.md): a burst of several CMCs' review events, one delivered twice, is in the feed once each, each
     * CMC's in the order sent, each with the readers one event at a time gives it: the RMO that declared it takes part receives a
     * CMC's events from its intent on, the one that declined only its own declaration and the public approval.
     */
    @Test
    void aBurstOfEventsIsInTheFeedOnceEachInTheOrderSentPerCmcWithTheReadersOfOneAtATime() {
        long before = feed.latestPosition();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Instant deadline = now.plus(Duration.ofDays(42));
        List<IntegrationEvent> sent = new ArrayList<>();
        Map<String, Set<String>> readers = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            String cmc = "burst-" + tag + "-" + i;
            String review = "review-" + cmc;
            List<IntegrationEvent> life = List.of(
                    new ReviewOpened(UUID.randomUUID(), now, 1, review, cmc, "EURAMET", "EM", "INTRA_RMO"),
                    new IntraRmoReviewApproved(UUID.randomUUID(), now, 1, review, cmc, "PTB", "DE", "EURAMET", "EM",
                            "chair.euramet", "QS-" + i, List.of("SIM", "GULFMET"), now, deadline),
                    new RmoIntentDeclared(UUID.randomUUID(), now, 1, review, cmc, "SIM", true, deadline, "chair.sim"),
                    new RmoIntentDeclared(UUID.randomUUID(), now, 1, review, cmc, "GULFMET", false, null,
                            "chair.gulfmet"),
                    new RmoDecided(UUID.randomUUID(), now, 1, review, cmc, "SIM", "APPROVE", "chair.sim", "fine"));
            List<Set<String>> lifeReaders = List.of(Set.of("EURAMET"), Set.of("EURAMET", "SIM", "GULFMET", "COOMET"),
                    Set.of("EURAMET", "SIM"), Set.of("EURAMET", "SIM", "GULFMET"), Set.of("EURAMET", "SIM"));
            for (int e = 0; e < life.size(); e++) {
                sent.add(life.get(e));
                readers.put(id(life.get(e)), lifeReaders.get(e));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            events.send(sent.get(i), "/kcdb/review");
            if (i == 7) {
                events.send(sent.get(i), "/kcdb/review"); // redelivered within the burst: in the feed once
            }
        }

        List<FeedEntry> fed = new ArrayList<>();
        long deadlineMillis = System.currentTimeMillis() + 60_000;
        while (fed.size() < sent.size() && System.currentTimeMillis() < deadlineMillis) {
            fed = feed.after(before, FeedFilter.of(List.of(), List.of(), List.of(), List.of()), 10_000)
                    .filter(entry -> readers.containsKey(entry.id())).collectList().block();
        }
        assertThat(fed).extracting(FeedEntry::id)
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(e -> id(e)).toList());
        // The broker keeps each CMC's events in order (one key, one partition), not the order between partitions.
        for (IntegrationEvent event : sent) {
            String subject = event.aggregateId();
            assertThat(fed.stream().filter(entry -> subject.equals(entry.subject())).map(FeedEntry::id))
                    .as("the feed's entries of %s", subject)
                    .containsExactlyElementsOf(sent.stream().filter(e -> subject.equals(e.aggregateId()))
                            .map(e -> id(e)).toList());
        }
        for (FeedEntry entry : fed) {
            for (String rmo : List.of("EURAMET", "SIM", "GULFMET", "COOMET")) {
                assertThat(FeedScope.visible(entry, rmo)).as("%s reads %s (%s)", rmo, entry.type(), entry.subject())
                        .isEqualTo(readers.get(entry.id()).contains(rmo));
            }
        }
    }

    @Test
    void eventsAreCloudEventsFilteredByTypeAreaRmoAndCountry() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String identifier = "CCM.M-K" + (100 + Math.abs(tag.hashCode() % 800)) + "." + tag;
        events.send(new ComparisonRegistered(UUID.randomUUID(), Instant.now(), 1, identifier, "KEY", "CCM", "M",
                "Mass", "kg", "PTB", List.of("PTB", "NPL"), null, "PLANNED", "coordinator.ptb", null, null, null,
                null), "/kcdb/comparison");
        events.send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 1, identifier, "M", "PLANNED",
                "MEASUREMENTS", "coordinator.ptb"), "/kcdb/comparison");
        String cmcId = "cmc-" + tag;
        events.send(submitted(cmcId, 1, "SIM", "US"), "/kcdb/submission");
        events.send(submitted(cmcId, 2, "EURAMET", "DE"), "/kcdb/submission");

        ServerSentEvent<String> changed = stream(null, "?types=org.bipm.kcdb.comparison.status-changed&areas=M",
                identifier, 1).get(0);
        assertThat(changed.event()).isEqualTo("org.bipm.kcdb.comparison.status-changed");
        JsonNode cloudEvent = JSON.readTree(changed.data());
        assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.get("source").asString()).isEqualTo("/kcdb/comparison");
        assertThat(cloudEvent.get("subject").asString()).isEqualTo(identifier);
        assertThat(cloudEvent.get("data").get("toStatus").asString()).isEqualTo("MEASUREMENTS");

        // The EURAMET subscriber may not read SIM's submissions (FeedScope): the JCRB secretary reads both.
        List<ServerSentEvent<String>> us = stream(SECRETARY, null, "?rmos=SIM&countries=US", cmcId, 1);
        assertThat(JSON.readTree(us.get(0).data()).get("data").get("round").asInt()).isEqualTo(1);
        List<ServerSentEvent<String>> de = stream(null, "?rmos=EURAMET,APMP", cmcId, 1);
        assertThat(JSON.readTree(de.get(0).data()).get("data").get("round").asInt()).isEqualTo(2);
    }

    @Test
    void draftEvaluationsOfAComparisonNeverReachSubscribers() {
        String identifier = "CCEM-K" + (1000 + Math.abs(UUID.randomUUID().hashCode() % 8000));
        events.send(new ComparisonEvaluated(UUID.randomUUID(), Instant.now(), 1, identifier, 1, "WEIGHTED_MEAN",
                "V/V", 1.0, 1e-8, 2e-8, 0.5, 1, 0.48, true, 2.0, "WITH_CORRELATION", List.of(),
                List.of(new ComparisonEvaluated.Result("PTB", 1.0, 1e-8)),
                List.of(new ComparisonEvaluated.Degree("PTB", 0.0, 1e-8, 2e-8, 0.0, true)), "coordinator.ptb"),
                "/kcdb/comparison");
        events.send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 1, identifier, "EM", "DRAFT_A",
                "DRAFT_B", "coordinator.ptb"), "/kcdb/comparison");
        ServerSentEvent<String> first = stream(null, "", identifier, 1).get(0);
        assertThat(first.event()).as("the draft evaluation sent before it is not in the feed")
                .isEqualTo("org.bipm.kcdb.comparison.status-changed");
    }

    @Test
    void migratedCmcsAreNoNewsForSubscribers() {
        String cmcId = "kcdb-" + Math.abs(UUID.randomUUID().hashCode());
        events.send(new CmcMigrated(UUID.randomUUID(), Instant.now(), 1, cmcId, "EURAMET-EM-DE-0000ABCD-1", 1,
                "Published", "PTB", "DE", "EURAMET", java.time.LocalDate.parse("2010-01-05"),
                PublicationServiceTest.content("DC voltage, migrated")), "/kcdb/publication");
        events.send(new CmcDeleted(UUID.randomUUID(), Instant.now(), 1, cmcId, "EURAMET-EM-DE-0000ABCD-1", "PTB", "DE",
                "EURAMET", "EM", java.time.LocalDate.now(), "kcdb.office", "no longer offered"), "/kcdb/publication");
        assertThat(stream(null, "", cmcId, 1).get(0).event()).as("the migration sent before it is not in the feed")
                .isEqualTo("org.bipm.kcdb.cmc.deleted");
    }

    @Test
    void aSubscriberFilteringOnATypeGetsPastMoreOtherEventsThanTheStreamReadsAtOnce() {
        String identifier = "CCPR-K" + (1000 + Math.abs(UUID.randomUUID().hashCode() % 8000));
        feed.append(statusChanged(identifier, "MEASUREMENTS"));
        // More than one read of the feed (1 000 numbers) of another type: a thousand inter-RMO decisions.
        for (int i = 0; i < 1200; i++) {
            feed.append(new FeedEntry(UUID.randomUUID().toString(), 0, "org.bipm.kcdb.review.rmo-decided",
                    "/kcdb/review", "case-" + i, Instant.now().toString(), "EM", "SIM", "US", "{}", "*"));
        }
        feed.append(statusChanged(identifier, "DRAFT_A"));

        List<ServerSentEvent<String>> both = stream(null, "?types=org.bipm.kcdb.comparison.status-changed",
                identifier, 2);
        assertThat(both).extracting(e -> JSON.readTree(e.data()).get("data").get("toStatus").asString())
                .containsExactly("MEASUREMENTS", "DRAFT_A");
    }

    private static FeedEntry statusChanged(String identifier, String to) {
        return new FeedEntry(UUID.randomUUID().toString(), 0, "org.bipm.kcdb.comparison.status-changed",
                "/kcdb/comparison", identifier, Instant.now().toString(), "EM", null, null,
                "{\"identifier\":\"" + identifier + "\",\"toStatus\":\"" + to + "\"}", "*");
    }

    @Test
    void onlySubscribersTheJcrbAndTheOfficeMayListen() {
        http.get().uri("/api/events/stream").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/events/stream").headers(h -> h.setBearerAuth(WRITER)).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/events/stream").headers(h -> {
            h.setBearerAuth(SUBSCRIBER);
            h.set("Last-Event-ID", "yesterday");
        }).exchange().expectStatus().isBadRequest();
    }

    /** Reads the stream until {@code count} events about {@code subject} arrived, then hangs up. */
    private List<ServerSentEvent<String>> stream(String lastEventId, String query, String subject, int count) {
        return stream(SUBSCRIBER, lastEventId, query, subject, count);
    }

    private List<ServerSentEvent<String>> stream(String token, String lastEventId, String query, String subject,
                                                 int count) {
        return http.get().uri("/api/events/stream" + query).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                }).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(e -> e.data() != null && subject.equals(JSON.readTree(e.data()).get("subject").asString()))
                .take(count).collectList().block(Duration.ofSeconds(30));
    }

    private static String eventId(ServerSentEvent<String> e) {
        return JSON.readTree(e.data()).get("id").asString();
    }

    private static String id(IntegrationEvent e) {
        return e.eventId().toString();
    }

    private static CmcSubmitted submitted(String cmcId, int round, String rmo, String country) {
        return new CmcSubmitted(UUID.randomUUID(), Instant.now(), 1, cmcId, round, "PTB", country, rmo,
                "writer.ptb", null, PublicationServiceTest.content("Illuminance responsivity"));
    }
}
