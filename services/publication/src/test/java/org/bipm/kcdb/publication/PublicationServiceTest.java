package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bipm.kcdb.events.ComparisonPublished;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.ReviewOpened;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.publication.persistence.Counters;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bipm.kcdb.test.ContractSnapshot;
import org.bipm.kcdb.test.Eventually;
import org.bipm.kcdb.test.EveryEndpoint;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.TestMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@KcdbComponentTest
class PublicationServiceTest extends KcdbServiceTest {

    static TestEvents events;

    @LocalServerPort
    int port;
    @Value("${spring.cloud.stream.bindings.feedEvents-in-0.group}")
    String feedGroup;
    @Value("${spring.cloud.stream.bindings.feedEvents-in-0.destination}")
    String feedTopics;
    @Value("${spring.cloud.stream.bindings.reviewEvents-in-0.group}")
    String group;
    @Value("${spring.cloud.stream.bindings.reviewEvents-in-0.destination}")
    String reviewTopic;
    @Value("${spring.cloud.stream.bindings.comparisonEvents-in-0.destination}")
    String comparisonTopic;
    @Value("${spring.cloud.stream.bindings.referenceDataEvents-in-0.destination}")
    String submissionTopic;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "publication-test");
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
        http = TestHttp.client(port, Duration.ofSeconds(20));
    }

    /** The OpenAPI document the service serves is the committed one (src/test/resources/openapi.json). */
    @Test
    void theOpenApiDocumentIsTheCommittedContract() {
        String generated = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        ContractSnapshot.assertMatches(generated, Path.of("src/test/resources/openapi.json"), "servers");
    }

    /**
     * Every endpoint, with requests generated from the OpenAPI snapshot (EveryEndpoint: seeded, a few cases per
     * operation, -Pproperties-long for many): never a 5xx, every refusal a problem, nothing stored by a refusal.
     */
    @Test
    void everyEndpointAnswersGeneratedRequestsWithoutA5xxAndRefusalsStoreNothing() {
        // The consumers first work through what earlier test classes sent: otherwise they write the store meanwhile,
        // which the check would count as a refused request's doing (it did when this class ran after the webhook ones).
        ConsumerGroups.awaitThroughBacklog(feedGroup, List.of(feedTopics.split(",")), Duration.ofMinutes(3));
        ConsumerGroups.awaitThroughBacklog(group, List.of(reviewTopic, comparisonTopic, submissionTopic),
                Duration.ofMinutes(3));
        assertThat(EveryEndpoint.ofSnapshot().knowing("table", "metrologyArea", "branch")
                .check(port, EveryEndpoint.demoCallers(), TestMongo.uri("publication-test"))).isEmpty();
    }

    static CmcContent content(String quantity) {
        return new CmcContent("PHYSICS", "PR", "PR/Photo", "1", "2", "1", quantity, "Illuminance meter",
                "Standard lamp", List.of(new org.bipm.kcdb.events.Parameter("Illuminance", "0.005 lx to 10 lx")),
                new Range(null, null, "A/lx"), new Range(3.0, 3.0, "%"), null, null, "Relative", 2.3, 95.0, "PTB",
                null, "PTB-PR-7", List.of(), "QMS");
    }

    private Map<?, ?> quickSearch(Map<String, Object> criteria) {
        return http.post().uri("/api/kcdb/cmc/searchData/quickSearch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(criteria).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    @Test
    void anApprovedCmcIsPublishedOnceWithAKcdbCodeAndFoundByPublicSearch() {
        String cmcId = UUID.randomUUID().toString();
        String quantity = "Illuminance responsivity " + cmcId.substring(0, 8);
        CmcApproved approved = new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, "r1", "PTB", "DE",
                "EURAMET", "chair.euramet", null, content(quantity));
        events.send(approved, "/kcdb/review");
        events.send(approved, "/kcdb/review");
        CmcPublished published = events.await(EventType.CMC_PUBLISHED, CmcPublished.class,
                e -> e.cmcId().equals(cmcId), Duration.ofSeconds(30));
        assertThat(published.kcdbCode()).matches("EURAMET-PR-DE-[0-9A-Z]{8}-1");

        // The consumer's write is searchable within the index's refresh interval (kcdb.search.refresh-interval).
        Map<?, ?> result = Eventually.await("the published CMC in the public search", () -> {
            Map<?, ?> page = quickSearch(Map.of("page", 0, "pageSize", 10, "keywords", cmcId.substring(0, 8)));
            return Integer.valueOf(0).equals(page.get("totalElements")) ? null : page;
        });
        assertThat(result.get("versionApiKcdb")).isEqualTo("1.0.13");
        assertThat(result.get("totalElements")).isEqualTo(1);
        Map<?, ?> record = (Map<?, ?>) ((List<?>) result.get("data")).get(0);
        assertThat(record.get("kcdbCode")).isEqualTo(published.kcdbCode());
        assertThat(record.get("status")).isEqualTo("Published");
        assertThat(record.get("countryValue")).isEqualTo("Germany");
        assertThat(record.get("physicsCode")).isEqualTo("1.2.1");
        assertThat(record.get("kcdbServiceCategory")).isEqualTo("PR/Photo-1.2.1");
        assertThat(((Map<?, ?>) record.get("cmc")).containsKey("lowerLimit")).isTrue();

        http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.quantityValue").isEqualTo(quantity);
        assertThat(events.allOf(EventType.CMC_PUBLISHED, CmcPublished.class, e -> e.cmcId().equals(cmcId), 1,
                Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(1);
    }

    /**
     * The review events the publication does not act on (all but {@code cmc.approved}) are dropped before the binder
     * converts them and calls the consumer: the consumer counts each event it has no handler for
     * ({@code kcdb.events.ignored}) and each it applied ({@code kcdb.events.consumed}). The unhandled events go first
     * on the CMC's partition, so they are behind the consumer once the approval is published.
     */
    @Test
    void reviewEventsThePublicationDoesNotHandleNeverReachItsConsumer() {
        String cmcId = UUID.randomUUID().toString();
        int unhandled = 12;
        double ignoredBefore = reviewEvents(EventMeters.IGNORED);
        double appliedBefore = reviewEvents(EventMeters.CONSUMED);
        for (int i = 0; i < unhandled; i++) {
            events.send(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, "r-" + i, cmcId, "EURAMET", "PR",
                    "INTRA_RMO_REVIEW"), "/kcdb/review");
        }
        // An institute of its own: another class's CMC of the same code on the shared broker would confuse its count.
        events.send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, "r1", "KRISS", "KR", "APMP",
                "chair.apmp", null, content("Illuminance filtered " + cmcId.substring(0, 8))), "/kcdb/review");
        events.await(EventType.CMC_PUBLISHED, CmcPublished.class, e -> e.cmcId().equals(cmcId),
                Duration.ofSeconds(30));

        // The approval reached the consumer (another test's approval may have too); none of the twelve openings did.
        assertThat(reviewEvents(EventMeters.CONSUMED) - appliedBefore).isGreaterThanOrEqualTo(1);
        assertThat(reviewEvents(EventMeters.IGNORED) - ignoredBefore).isZero();
    }

    /** What the {@code reviewEvents} consumer counted on the meter, over every type. */
    private double reviewEvents(String meter) {
        return meters.find(meter).tag("consumer", "publication.reviews").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /**
     * The publication's processed-event record is written only after the record (one insert, no look before): a
     * crash between the two leaves the event unmarked, and its redelivery finds the record and publishes nothing
     * again. The crash is the mark taken away from the store.
     */
    @Test
    void aRedeliveryAfterACrashBeforeTheMarkPublishesNothingTwice() {
        String cmcId = UUID.randomUUID().toString();
        CmcApproved approved = new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, "r1", "PTB", "DE",
                "EURAMET", "chair.euramet", null, content("Illuminance crash " + cmcId.substring(0, 8)));
        events.send(approved, "/kcdb/review");
        CmcPublished published = events.await(EventType.CMC_PUBLISHED, CmcPublished.class,
                e -> e.cmcId().equals(cmcId), Duration.ofSeconds(30));
        Query mark = Query.query(Criteria.where("_id").is("publication.reviews:" + approved.eventId()));
        Eventually.await("the processed-event mark", () -> mark(mark));
        mongo.remove(mark, "processed_events").block();

        events.send(approved, "/kcdb/review");

        Eventually.await("the redelivery marked", () -> mark(mark));
        assertThat(events.allOf(EventType.CMC_PUBLISHED, CmcPublished.class, e -> e.cmcId().equals(cmcId), 1,
                Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(1);
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(cmcId)), "published_cmcs").block()).isEqualTo(1);
        Map<?, ?> found = Eventually.await("the CMC in the public search", () -> {
            Map<?, ?> page = quickSearch(Map.of("keywords", cmcId.substring(0, 8), "pageSize", 10));
            return Integer.valueOf(0).equals(page.get("totalElements")) ? null : page;
        });
        assertThat(found.get("totalElements")).isEqualTo(1);
        assertThat(((Map<?, ?>) ((List<?>) found.get("data")).get(0)).get("kcdbCode")).isEqualTo(published.kcdbCode());
    }

    private Boolean mark(Query mark) {
        return Boolean.TRUE.equals(mongo.exists(mark, "processed_events").block()) ? Boolean.TRUE : null;
    }

    /**
     * A burst of approvals is published without a search index reopen per record; the public search still finds
     * every one, each once, within the refresh interval of the last.
     */
    @Test
    void aBurstOfPublishedCmcsIsFoundByThePublicSearchEachOnce() {
        String marker = "burst" + UUID.randomUUID().toString().substring(0, 6);
        int burst = 60;
        for (int i = 0; i < burst; i++) {
            events.send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID().toString(), "r", "NPL",
                    "GB", "EURAMET", "chair.euramet", null, content(marker + " " + i)), "/kcdb/review");
        }
        Map<?, ?> all = Eventually.await("the burst in the public search", () -> {
            Map<?, ?> page = quickSearch(Map.of("keywords", marker, "pageSize", 100));
            return Integer.valueOf(burst).equals(page.get("totalElements")) ? page : null;
        });
        assertThat((List<?>) all.get("data")).hasSize(burst).extracting(r -> ((Map<?, ?>) r).get("kcdbCode"))
                .doesNotHaveDuplicates();
    }

    @Test
    void badSearchCriteriaAre400ProblemsNot500s() {
        http.post().uri("/api/kcdb/cmc/searchData/quickSearch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("page", -1, "pageSize", 20000, "status", "Invalid")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.length()").isEqualTo(3);
        http.post().uri("/api/kcdb/cmc/searchData/quickSearch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("pageSize", "many")).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/kcdb/cmc/EURAMET-M-DE-ZZZZZZZZ-9").exchange().expectStatus().isNotFound();
    }

    @Test
    void pagingWalksToTheEndLikeKcdbClientsDo() {
        String marker = "paging" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            events.send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID().toString(), "r", "NIST",
                    "US", "SIM", "chair.sim", null, content(marker + " " + i)), "/kcdb/review");
        }
        List<Object> seen = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (quickSearch(Map.of("keywords", marker, "pageSize", 10)).get("totalElements").equals(5) == false
                && Instant.now().isBefore(deadline)) {
            sleep();
        }
        for (int page = 0; ; page++) {
            Map<?, ?> result = quickSearch(Map.of("keywords", marker, "page", page, "pageSize", 2));
            if (((Number) result.get("numberOfElements")).intValue() == 0) {
                break;
            }
            assertThat(result.get("totalPages")).isEqualTo(3);
            seen.addAll((List<?>) result.get("data"));
        }
        assertThat(seen).hasSize(5).extracting(r -> ((Map<?, ?>) r).get("kcdbCode")).doesNotHaveDuplicates();
    }

    @Test
    void concurrentAllocationsNeverRepeatASerial() throws Exception {
        Counters counters = new Counters(mongo);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<Long> serials = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> serials.add(counters.next("kcdb-code:APMP-EM-JP"))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(serials).hasSize(200);
        assertThat(Collections.max(serials)).isEqualTo(200L);
    }

    @Test
    void aRegisteredComparisonIsListedPublicly() {
        ComparisonRegistered registered = new ComparisonRegistered(UUID.randomUUID(), Instant.now(), 1, "CCM.M-K7",
                "KEY", "CCM", "M", "Mass", "kg", "PTB", List.of("PTB", "NPL"), null, "PLANNED", "coordinator.ptb", null, null, null, null);
        events.send(registered, "/kcdb/comparison");
        events.send(registered, "/kcdb/comparison");
        Instant deadline = Instant.now().plusSeconds(30);
        List<?> listed = List.of();
        while (listed.isEmpty() && Instant.now().isBefore(deadline)) {
            listed = http.get().uri("/api/kcdb/comparisons?identifier=CCM.M-K7").exchange().expectStatus().isOk()
                    .expectBody(List.class).returnResult().getResponseBody();
            sleep();
        }
        assertThat(listed).hasSize(1);
        http.get().uri("/api/kcdb/comparisons/CCM.M-K7").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.pilot").isEqualTo("PTB");
    }

    @Test
    void aPublishedComparisonShowsItsDegreesOfEquivalenceButNeverADraft() {
        String id = "CCQM-K120.a";
        Instant t = Instant.now();
        events.send(new ComparisonRegistered(UUID.randomUUID(), t, 1, id, "KEY", "CCQM", "QM",
                "CO2 in air", "µmol/mol", "NIST", List.of("NIST", "NPL", "KRISS"), null, "PLANNED",
                "coordinator.nist", List.of(), null, null, null), "/kcdb/comparison");
        ComparisonEvaluated evaluation = new ComparisonEvaluated(UUID.randomUUID(), t, 1, id, 1, "WEIGHTED_MEAN",
                "µmol/mol", 380.02, 0.03, 0.06, 1.1, 2, 0.58, true, 2.0, "WITH_CORRELATION", List.of(),
                List.of(new ComparisonEvaluated.Result("NIST", 380.00, 0.05),
                        new ComparisonEvaluated.Result("NPL", 380.05, 0.05),
                        new ComparisonEvaluated.Result("KRISS", 380.01, 0.06)),
                List.of(new ComparisonEvaluated.Degree("NIST", -0.02, 0.04, 0.08, -0.25, true),
                        new ComparisonEvaluated.Degree("NPL", 0.03, 0.04, 0.08, 0.37, true),
                        new ComparisonEvaluated.Degree("KRISS", -0.01, 0.05, 0.10, -0.1, true)), "coordinator.nist",
                List.of(new ComparisonEvaluated.PairwiseDegree("NIST", "NPL", -0.05, 0.14),
                        new ComparisonEvaluated.PairwiseDegree("NIST", "KRISS", -0.01, 0.16),
                        new ComparisonEvaluated.PairwiseDegree("NPL", "NIST", 0.05, 0.14),
                        new ComparisonEvaluated.PairwiseDegree("NPL", "KRISS", 0.04, 0.16),
                        new ComparisonEvaluated.PairwiseDegree("KRISS", "NIST", 0.01, 0.16),
                        new ComparisonEvaluated.PairwiseDegree("KRISS", "NPL", -0.04, 0.16)));
        events.send(evaluation, "/kcdb/comparison");
        events.send(new ComparisonStatusChanged(UUID.randomUUID(), t, 1, id, "QM", "DRAFT_B", "APPROVED",
                "coordinator.nist"), "/kcdb/comparison");
        awaitStatus(id, "APPROVED");
        http.get().uri("/api/kcdb/comparisons/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.evaluation").doesNotExist().jsonPath("$.draftEvaluation").doesNotExist();

        ComparisonStatusChanged published = new ComparisonStatusChanged(UUID.randomUUID(), t.plusSeconds(1), 1, id,
                "QM", "APPROVED", "PUBLISHED", "kcdb.office");
        events.send(published, "/kcdb/comparison");
        events.send(published, "/kcdb/comparison"); // redelivered: published once
        awaitStatus(id, "PUBLISHED");
        http.get().uri("/api/kcdb/comparisons/" + id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.evaluation.kcrv").isEqualTo(380.02)
                .jsonPath("$.evaluation.degreesOfEquivalence.length()").isEqualTo(3)
                .jsonPath("$.evaluation.degreesOfEquivalence[1].institute").isEqualTo("NPL")
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence.length()").isEqualTo(6)
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[3].institute").isEqualTo("NPL")
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[3].other").isEqualTo("KRISS")
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[3].d").isEqualTo(0.04)
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[3].expandedUncertainty").isEqualTo(0.16)
                .jsonPath("$.graphOfEquivalence").isEqualTo("/api/comparisons/" + id + "/degrees-of-equivalence.svg");
        // The relay sends it after the store has it: awaited, then checked for a second one.
        assertThat(events.allOf(EventType.COMPARISON_PUBLISHED, ComparisonPublished.class,
                e -> e.identifier().equals(id), 1, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(3)))
                .singleElement().satisfies(e -> assertThat(e.degreesOfEquivalence()).hasSize(3));
    }

    private void awaitStatus(String id, String status) {
        Instant deadline = Instant.now().plusSeconds(30);
        String seen = null;
        while (!status.equals(seen) && Instant.now().isBefore(deadline)) {
            seen = http.get().uri("/api/kcdb/comparisons?identifier=" + id).exchange().expectStatus().isOk()
                    .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                    }).returnResult().getResponseBody().stream().map(c -> (String) c.get("status")).findFirst()
                    .orElse(null);
            if (!status.equals(seen)) {
                sleep();
            }
        }
        assertThat(seen).isEqualTo(status);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
