package org.bipm.kcdb.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.DirectoryUser;
import org.bipm.kcdb.review.application.ReviewApplication;
import org.bipm.kcdb.directory.InMemoryDirectory;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.Eventually;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestKafka;
import org.bipm.kcdb.test.ThreadDump;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The review service against the real broker and store, with tokens shaped like the realm's demo users and a clock
 * the tests move. The test classes share one application context (and database), so each test works on cases of
 * its own and, where it counts cases, in an area or RMO of its own.
 */
@KcdbComponentTest(properties = {
        "kcdb.review.clock-tick=1d", // the tests tick the clock themselves
        "kcdb.review.maximum-review-period=40d"}) // not the default, to show the JCRB timetable is configuration
@Import(ReviewComponentTest.Clocks.class)
abstract class ReviewComponentTest extends KcdbServiceTest {

    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final List<String> ALL_AREAS = List.of("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI");

    static final String CHAIR_EURAMET = DemoUsers.token("chair.euramet");
    static final String CHAIR_SIM = DemoUsers.token("chair.sim");
    static final String CHAIR_APMP = DemoUsers.token("chair.apmp");
    static final String CHAIR_COOMET = DemoUsers.token("chair.coomet");
    static final String CHAIR_AFRIMETS = DemoUsers.token("chair.afrimets");
    static final String CHAIR_GULFMET = DemoUsers.token("chair.gulfmet");
    static final String REVIEWER_LNE = DemoUsers.token("reviewer.lne");
    static final String REVIEWER_NPL = reviewer("reviewer.npl", "NPL", "GB", "EURAMET");
    static final String REVIEWER_NRC = DemoUsers.token("reviewer.nrc");
    static final String WRITER_PTB = DemoUsers.token("writer.ptb");
    static final String WRITER_NPL = DemoUsers.token("writer.npl");
    static final String SECRETARY = DemoUsers.token("jcrb.secretary");
    static final String OFFICE = DemoUsers.token("kcdb.office");
    static final String QMS = "EURAMET TC-Q 2026/01";

    static TestEvents events;

    @LocalServerPort
    int port;
    @Autowired
    ReviewApplication reviews;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "review-test");
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void closeBroker() {
        events.close();
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(20));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        /** The realm's users and a few more, in place of Keycloak (both keep {@code DirectoryContract}). */
        @Bean
        @Primary
        Directory testDirectory() {
            return DIRECTORY;
        }
    }

    static final InMemoryDirectory DIRECTORY = InMemoryDirectory.ofRealm()
            .add(directoryReviewer("reviewer.npl", "NPL", "GB", "EURAMET", ALL_AREAS))
            .add(directoryReviewer("reviewer.ptb", "PTB", "DE", "EURAMET", ALL_AREAS))
            .add(directoryReviewer("reviewer.nist", "NIST", "US", "SIM", ALL_AREAS))
            .add(directoryReviewer("reviewer.inm", "INM", "RO", "EURAMET", List.of("T")));

    static DirectoryUser directoryReviewer(String username, String institute, String country, String rmo,
                                           List<String> areas) {
        return new DirectoryUser(username, "Reviewer", institute, username + "@kcdb.example",
                Set.of(Role.TC_REVIEWER), institute, country, rmo, Set.copyOf(areas));
    }

    /** A TC reviewer the realm does not have, of every area like the realm's reviewers. */
    static String reviewer(String username, String institute, String country, String rmo) {
        return DemoUsers.like("reviewer.lne", username, institute, country, rmo);
    }

    static CmcContent content(String area, List<String> supportingComparisons, String qmsStatementRef) {
        return new CmcContent("PHYSICS", area, area + "/DC", "1", "1", "1", "DC voltage", "Zener", "Josephson",
                List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null, "Relative", 2.0, 95.0,
                "PTB", null, "PTB-1", supportingComparisons, qmsStatementRef);
    }

    /** A PTB (EURAMET) CMC submitted in {@code round}, as the submission service announces it. */
    static CmcSubmitted submission(String cmcId, int round, CmcContent content) {
        return new CmcSubmitted(UUID.randomUUID(), CLOCK.instant(), CmcSubmitted.SCHEMA_VERSION, cmcId, round, "PTB",
                "DE", "EURAMET", "writer.ptb", null, content);
    }

    /** Submits a new EM CMC and returns the id of the review case it opened. */
    String openCase() {
        return openCase(content("EM", List.of(), QMS));
    }

    String openCase(CmcContent content) {
        return open(submission(UUID.randomUUID().toString(), 1, content));
    }

    String open(CmcSubmitted submitted) {
        events.send(submitted, "/kcdb/submission");
        return await("a review case for CMC " + submitted.cmcId(), () -> {
            List<Map<String, Object>> found = poll(SECRETARY, "/api/reviews?cmcId=" + submitted.cmcId());
            return found != null && found.size() == 1 ? (String) found.get(0).get("id") : null;
        });
    }

    /** The EURAMET chair approves: the case goes to inter-RMO review, asking the five other RMOs. */
    void approveIntraRmo(String reviewId) {
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision",
                Map.of("decision", "APPROVE", "comment", "Fine.", "qmsStatementRef", QMS))
                .expectStatus().isOk().expectBody().jsonPath("$.stage").isEqualTo("INTER_RMO_REVIEW");
    }

    WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String path) {
        try {
            return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
        } catch (IllegalStateException noResponse) {
            throw new AssertionError("No response to GET " + path + "; the threads:\n" + ThreadDump.now(), noResponse);
        }
    }

    /** The cases of a list's first page (the API pages its lists: {page, size, totalElements, content}). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String token, String path) {
        return (List<Map<String, Object>>) page(token, path).get("content");
    }

    /** A list the API answers whole (the reviewers' directory). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> array(String token, String path) {
        return get(token, path).expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> page(String token, String path) {
        return get(token, path).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /**
     * One look while waiting for the service to catch up: a call left without an answer (seen once on CI, a loaded
     * two-core machine, right after the previous test class) counts as "not yet" and the next look goes out again;
     * a service that never answers still fails the wait.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> poll(String token, String path) {
        try {
            return (List<Map<String, Object>>) http.mutate().responseTimeout(Duration.ofSeconds(5)).build().get().uri(path)
                    .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody().get("content");
        } catch (IllegalStateException noAnswer) {
            System.err.println("No answer to GET " + path + " within 5 s; looking again. The threads:\n"
                    + ThreadDump.now());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> view(String reviewId) {
        return get(SECRETARY, "/api/reviews/" + reviewId).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    static <T> T await(String what, Supplier<T> probe) {
        return Eventually.await(what, probe);
    }
}
