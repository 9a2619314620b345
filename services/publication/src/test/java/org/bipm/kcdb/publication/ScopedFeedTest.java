package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcArchived;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcGreyedOut;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcRestored;
import org.bipm.kcdb.events.CmcResubmitted;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who receives what (docs/events.md): a EURAMET CMC goes through both reviews, SIM takes part in the inter-RMO review,
 * GULFMET declines, COOMET says nothing; each event type is checked against what each reader receives, over SSE and
 * over a webhook alike.
 */
@KcdbComponentTest(properties = {
        "kcdb.webhooks.tick=100ms", "kcdb.feed.poll-interval=50ms", "kcdb.webhooks.allow-http=true",
        "kcdb.webhooks.allowed-targets=127.0.0.1"})
public class ScopedFeedTest extends KcdbServiceTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The feed's consumer group, new for this test: it reads the feed's topics from their beginning. */
    static final String FEED_GROUP = "feed-" + UUID.randomUUID();
    /**
     * How long a reader may wait for its events: a bound for a machine under any load, not a measure; a reader
     * stops as soon as it has as many events as it should have.
     */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Map<String, String> READERS = new LinkedHashMap<>();
    static TestEvents events;

    static {
        for (String rmo : List.of("EURAMET", "SIM", "GULFMET", "COOMET")) {
            READERS.put(rmo, ISSUER.token("service-account-rmo-" + rmo.toLowerCase(), List.of("rmo-subscriber"),
                    Map.of("rmo", rmo)));
        }
        READERS.put("no RMO", ISSUER.token("service-account-rmo-x", List.of("rmo-subscriber"), Map.of()));
    }

    static final String SECRETARY = DemoUsers.token("jcrb.secretary");
    static final String OFFICE = DemoUsers.token("kcdb.office");

    @LocalServerPort
    int port;
    @Value("${spring.cloud.stream.bindings.feedEvents-in-0.destination}")
    String feedTopics;
    final Map<String, String> labels = new LinkedHashMap<>();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "scoped-feed-test");
        registry.add("spring.cloud.stream.bindings.feedEvents-in-0.group", () -> FEED_GROUP);
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    /** One row: an event of a EURAMET CMC's life, and which RMO subscribers receive it ("*": every one). */
    public record Row(String label, IntegrationEvent event, Set<String> receivers) {
    }

    static final Set<String> ALL = Set.of("*");
    static final Set<String> OWNER = Set.of("EURAMET");
    static final Set<String> INTER = Set.of("EURAMET", "SIM");

    public static List<Row> table(String cmc, String cmc2, String comparison) {
        Instant now = Instant.now();
        Instant deadline = now.plus(Duration.ofDays(42));
        String review = "review-" + cmc;
        String code = "EURAMET-EM-DE-00000001-1";
        List<Row> rows = new ArrayList<>();
        // Intra-RMO review: EURAMET's alone.
        rows.add(new Row("submitted", new CmcSubmitted(id(), now, 1, cmc, 1, "PTB", "DE", "EURAMET", "writer.ptb",
                null, PublicationServiceTest.content("Illuminance responsivity"), null), OWNER));
        rows.add(new Row("opened", new ReviewOpened(id(), now, 1, review, cmc, "EURAMET", "EM", "INTRA_RMO"), OWNER));
        rows.add(new Row("intra reviewer", new ReviewerAssigned(id(), now, 1, review, cmc, "EURAMET", "reviewer.npl",
                "chair.euramet"), OWNER));
        rows.add(new Row("intra comment", new ReviewCommentAdded(id(), now, 1, review, cmc, "c1", "reviewer.npl",
                null, "Check the range"), OWNER));
        // The inter-RMO window opens for every RMO.
        rows.add(new Row("intra approved", new IntraRmoReviewApproved(id(), now, 1, review, cmc, "PTB", "DE",
                "EURAMET", "EM", "chair.euramet", "QS-2026-7", List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"),
                now.plus(Duration.ofDays(14)), deadline), ALL));
        rows.add(new Row("SIM will review", new RmoIntentDeclared(id(), now, 1, review, cmc, "SIM", true, deadline,
                "chair.sim"), INTER));
        rows.add(new Row("GULFMET declines", new RmoIntentDeclared(id(), now, 1, review, cmc, "GULFMET", false,
                null, "chair.gulfmet"), Set.of("EURAMET", "SIM", "GULFMET")));
        rows.add(new Row("inter reviewer", new ReviewerAssigned(id(), now, 1, review, cmc, "SIM", "reviewer.nist",
                "chair.sim"), INTER));
        rows.add(new Row("inter comment", new ReviewCommentAdded(id(), now, 1, review, cmc, "c2", "reviewer.nist",
                null, "Uncertainty budget?"), INTER));
        rows.add(new Row("deadline", new ReviewDeadlineApproaching(id(), now, 1, review, cmc, "SIM", "RMO_REVIEW",
                deadline, false), INTER));
        rows.add(new Row("deadline extended", new ReviewDeadlineExtended(id(), now, 1, review, cmc, "EURAMET", 1,
                deadline, deadline.plus(Duration.ofDays(14)), "jcrb.secretary", List.of("SIM"),
                List.of("reviewer.nist")), INTER));
        rows.add(new Row("SIM decides", new RmoDecided(id(), now, 1, review, cmc, "SIM", "APPROVE", "chair.sim",
                "fine"), INTER));
        rows.add(new Row("approved", new CmcApproved(id(), now, 1, cmc, review, "PTB", "DE", "EURAMET",
                "jcrb.secretary", null, PublicationServiceTest.content("Illuminance responsivity"), null), INTER));
        // Public facts.
        LocalDate today = LocalDate.now();
        rows.add(new Row("published", new CmcPublished(id(), now, 1, cmc, code, 1, "PTB", "DE", "EURAMET", "EM",
                today), ALL));
        rows.add(new Row("greyed out", new CmcGreyedOut(id(), now, 1, cmc, code, "PTB", "DE", "EURAMET", "EM", today,
                "kcdb.office", "expired"), ALL));
        rows.add(new Row("restored", new CmcRestored(id(), now, 1, cmc, code, "PTB", "DE", "EURAMET", "EM", today,
                "kcdb.office", "renewed"), ALL));
        rows.add(new Row("archived", new CmcArchived(id(), now, 1, cmc, code, "PTB", "DE", "EURAMET", "EM", today,
                "EURAMET-EM-DE-00000001-2"), ALL));
        rows.add(new Row("deleted", new CmcDeleted(id(), now, 1, cmc, code, "PTB", "DE", "EURAMET", "EM", today,
                "kcdb.office", "withdrawn by the institute"), ALL));
        // Another CMC of EURAMET's, returned, resubmitted, withdrawn, asked to be deleted, rejected: EURAMET's alone.
        String review2 = "review-" + cmc2;
        rows.add(new Row("submitted 2", new CmcSubmitted(id(), now, 1, cmc2, 1, "PTB", "DE", "EURAMET", "writer.ptb",
                null, PublicationServiceTest.content("DC voltage"), null), OWNER));
        rows.add(new Row("opened 2", new ReviewOpened(id(), now, 1, review2, cmc2, "EURAMET", "EM", "INTRA_RMO"),
                OWNER));
        rows.add(new Row("returned", new ReviewReturned(id(), now, 1, review2, cmc2, "chair.euramet", "incomplete"),
                OWNER));
        rows.add(new Row("resubmitted", new CmcResubmitted(id(), now, 1, cmc2, 2, "PTB", "DE", "EURAMET",
                "writer.ptb", null, PublicationServiceTest.content("DC voltage"), false), OWNER));
        rows.add(new Row("reopened 2", new ReviewOpened(id(), now, 1, review2, cmc2, "EURAMET", "EM", "INTRA_RMO"),
                OWNER));
        rows.add(new Row("rejected", new CmcRejected(id(), now, 1, review2, cmc2, "chair.euramet", "out of scope"),
                OWNER));
        rows.add(new Row("withdrawn", new CmcWithdrawn(id(), now, 1, cmc2, 2, "PTB", "DE", "EURAMET", "writer.ptb",
                "superseded"), OWNER));
        rows.add(new Row("deletion requested", new CmcDeletionRequested(id(), now, 1, cmc2, 3, "PTB", "DE",
                "EURAMET", "writer.ptb", code, "no longer offered",
                PublicationServiceTest.content("DC voltage")), OWNER));
        // The comparisons' public steps, and the end of the table.
        rows.add(new Row("comparison", new ComparisonStatusChanged(id(), now, 1, comparison, "EM", "PLANNED",
                "MEASUREMENTS", "coordinator.ptb"), ALL));
        return rows;
    }

    @Test
    void eachReaderReceivesOverSseAndWebhooksExactlyWhatTheRuleGivesIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String cmc = "cmc-" + tag;
        String cmc2 = "cmc2-" + tag;
        String comparison = "CCEM-K" + (1000 + Math.abs(tag.hashCode() % 8000));
        Set<String> subjects = Set.of(cmc, cmc2, comparison);
        List<Row> table = table(cmc, cmc2, comparison);
        table.forEach(row -> labels.put(row.event().eventId().toString(), row.label()));
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(30));

        Map<String, WebhookDeliveryTest.Receiver> receivers = new LinkedHashMap<>();
        Map<String, String> webhookTokens = new LinkedHashMap<>(READERS);
        webhookTokens.put("KCDB office", OFFICE);
        for (Map.Entry<String, String> reader : webhookTokens.entrySet()) {
            WebhookDeliveryTest.Receiver receiver = new WebhookDeliveryTest.Receiver();
            receivers.put(reader.getKey(), receiver);
            http.post().uri("/api/subscriptions").headers(h -> h.setBearerAuth(reader.getValue()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", receiver.url(), "secret", "whsec-" + UUID.randomUUID()))
                    .exchange().expectStatus().isCreated();
        }
        try {
            awaitFeedCaughtUp();
            // The topics keep no order between them; the platform's services do (a review opens on a submission):
            // each CMC's submission is in the feed before anything else about the CMC, as in the platform.
            List<Row> submissions = table.stream().filter(row -> row.event() instanceof CmcSubmitted).toList();
            for (Row row : submissions) {
                events.send(row.event(), "/kcdb/submission");
            }
            assertThat(sse(http, SECRETARY, subjects, submissions.size()))
                    .containsExactlyInAnyOrder("submitted", "submitted 2");
            for (Row row : table) {
                if (!submissions.contains(row)) {
                    events.send(row.event(), "/kcdb/" + EventType.of(row.event()).topic().writer());
                }
            }
            // Each topic keeps its order, not the order between topics: each reader is read until it has as many
            // events as it should have, and then compared.

            Map<String, String> sseTokens = new LinkedHashMap<>();
            sseTokens.put("JCRB secretary", SECRETARY);
            sseTokens.put("KCDB office", OFFICE);
            sseTokens.putAll(READERS);
            for (Map.Entry<String, String> reader : sseTokens.entrySet()) {
                List<String> received = sse(http, reader.getValue(), subjects,
                        expected(table, reader.getKey()).size());
                assertThat(received).as("over SSE, %s receives", reader.getKey())
                        .containsExactlyInAnyOrderElementsOf(expected(table, reader.getKey()));
            }
            for (Map.Entry<String, WebhookDeliveryTest.Receiver> reader : receivers.entrySet()) {
                List<String> received = awaitWebhook(reader.getValue(), expected(table, reader.getKey()).size());
                assertThat(received).as("over a webhook, %s receives", reader.getKey())
                        .containsExactlyInAnyOrderElementsOf(expected(table, reader.getKey()));
            }
        } finally {
            receivers.values().forEach(WebhookDeliveryTest.Receiver::stop);
        }
    }

    /**
     * The submissions topic and the reviews topic keep no order between them: the feed may read a CMC's review events
     * before the submission that caused them, or a new round's first review events before the resubmission that
     * opened it. Each step below is in the feed (the JCRB secretary reads it) before the next is sent, so both orders
     * are driven, not hoped for; what each RMO's subscribers then read must be what the platform's order gives them.
     */
    @Test
    void aCmcsEventsReadFromTwoTopicsInEitherOrderReachTheSameReaders() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String late = "late-submission-" + tag;
        String next = "early-round-" + tag;
        String lagging = "lagging-review-" + tag;
        String sentinel = "CCEM-K" + (1000 + Math.abs(tag.hashCode() % 8000));
        Set<String> subjects = Set.of(late, next, lagging, sentinel);
        Instant now = Instant.now();
        Instant deadline = now.plus(Duration.ofDays(42));
        List<String> asked = List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");
        WebTestClient http = TestHttp.client(port, Duration.ofSeconds(30));
        List<Row> fed = new ArrayList<>();
        awaitFeedCaughtUp();

        // A CMC whose review events are read before its submission: SIM, taking part, keeps receiving.
        String review = "review-" + late;
        feed(http, subjects, fed,
                new Row("late: opened", new ReviewOpened(id(), now, 1, review, late, "EURAMET", "EM", "INTRA_RMO"),
                        OWNER),
                new Row("late: intra approved", new IntraRmoReviewApproved(id(), now, 1, review, late, "PTB", "DE",
                        "EURAMET", "EM", "chair.euramet", "QS-1", asked, now, deadline), ALL),
                new Row("late: SIM will review", new RmoIntentDeclared(id(), now, 1, review, late, "SIM", true,
                        deadline, "chair.sim"), INTER),
                new Row("late: inter comment", new ReviewCommentAdded(id(), now, 1, review, late, "c1",
                        "reviewer.nist", null, "Range?"), INTER));
        feed(http, subjects, fed, new Row("late: submitted", new CmcSubmitted(id(), now, 1, late, 1, "PTB", "DE",
                "EURAMET", "writer.ptb", null, PublicationServiceTest.content("Luminous flux"), null), OWNER));
        feed(http, subjects, fed,
                new Row("late: inter comment after", new ReviewCommentAdded(id(), now, 1, review, late, "c2",
                        "reviewer.nist", null, "Budget?"), INTER),
                new Row("late: SIM decides", new RmoDecided(id(), now, 1, review, late, "SIM", "APPROVE", "chair.sim",
                        "fine"), INTER));

        // A CMC whose second round's first review events are read before its resubmission: the first round's
        // participant receives nothing of the second round's intra-RMO review.
        String review2 = "review-" + next;
        feed(http, subjects, fed, new Row("next: submitted", new CmcSubmitted(id(), now, 1, next, 1, "PTB", "DE",
                "EURAMET", "writer.ptb", null, PublicationServiceTest.content("DC voltage"), null), OWNER));
        feed(http, subjects, fed,
                new Row("next: opened", new ReviewOpened(id(), now, 1, review2, next, "EURAMET", "EM", "INTRA_RMO"),
                        OWNER),
                new Row("next: intra approved", new IntraRmoReviewApproved(id(), now, 1, review2, next, "PTB", "DE",
                        "EURAMET", "EM", "chair.euramet", "QS-2", asked, now, deadline), ALL),
                new Row("next: SIM will review", new RmoIntentDeclared(id(), now, 1, review2, next, "SIM", true,
                        deadline, "chair.sim"), INTER),
                new Row("next: returned", new ReviewReturned(id(), now, 1, review2, next, "chair.sim", "redo"), INTER),
                new Row("next: round 2 opened", new ReviewOpened(id(), now, 1, review2, next, "EURAMET", "EM",
                        "INTRA_RMO"), OWNER),
                new Row("next: round 2 intra comment", new ReviewCommentAdded(id(), now, 1, review2, next, "c3",
                        "reviewer.npl", null, "Round 2"), OWNER));
        feed(http, subjects, fed, new Row("next: resubmitted", new CmcResubmitted(id(), now, 1, next, 2, "PTB", "DE",
                "EURAMET", "writer.ptb", null, PublicationServiceTest.content("DC voltage"), false), OWNER));
        feed(http, subjects, fed, new Row("next: round 2 intra comment after", new ReviewCommentAdded(id(), now, 1,
                review2, next, "c4", "reviewer.npl", null, "Round 2 again"), OWNER));

        // A CMC withdrawn in its second round while the feed has not read that round's opening yet: the first
        // round's participant does not receive the withdrawal.
        String review3 = "review-" + lagging;
        feed(http, subjects, fed, new Row("lagging: submitted", new CmcSubmitted(id(), now, 1, lagging, 1, "PTB",
                "DE", "EURAMET", "writer.ptb", null, PublicationServiceTest.content("AC current"), null), OWNER));
        feed(http, subjects, fed,
                new Row("lagging: opened", new ReviewOpened(id(), now, 1, review3, lagging, "EURAMET", "EM",
                        "INTRA_RMO"), OWNER),
                new Row("lagging: intra approved", new IntraRmoReviewApproved(id(), now, 1, review3, lagging, "PTB",
                        "DE", "EURAMET", "EM", "chair.euramet", "QS-3", asked, now, deadline), ALL),
                new Row("lagging: SIM will review", new RmoIntentDeclared(id(), now, 1, review3, lagging, "SIM", true,
                        deadline, "chair.sim"), INTER),
                new Row("lagging: returned", new ReviewReturned(id(), now, 1, review3, lagging, "chair.sim", "redo"),
                        INTER));
        feed(http, subjects, fed,
                new Row("lagging: resubmitted", new CmcResubmitted(id(), now, 1, lagging, 2, "PTB", "DE", "EURAMET",
                        "writer.ptb", null, PublicationServiceTest.content("AC current"), false), OWNER),
                new Row("lagging: withdrawn", new CmcWithdrawn(id(), now, 1, lagging, 2, "PTB", "DE", "EURAMET",
                        "writer.ptb", "superseded"), OWNER));
        feed(http, subjects, fed, new Row("lagging: round 2 opened", new ReviewOpened(id(), now, 1, review3, lagging,
                "EURAMET", "EM", "INTRA_RMO"), OWNER));

        // A public fact last: every reader receives it, so a reader that received anything more would show it first.
        feed(http, subjects, fed, new Row("sentinel", new ComparisonStatusChanged(id(), now, 1, sentinel, "EM",
                "PLANNED", "MEASUREMENTS", "coordinator.ptb"), ALL));
        for (Map.Entry<String, String> reader : READERS.entrySet()) {
            List<String> expected = expected(fed, reader.getKey());
            assertThat(sse(http, reader.getValue(), subjects, expected.size()))
                    .as("over SSE, %s receives", reader.getKey()).containsExactlyElementsOf(expected);
        }
    }

    /** Sends events and waits until the JCRB secretary reads them in the feed, the feed's earlier rows first. */
    private void feed(WebTestClient http, Set<String> subjects, List<Row> fed, Row... rows) {
        for (Row row : rows) {
            labels.put(row.event().eventId().toString(), row.label());
            events.send(row.event(), "/kcdb/" + EventType.of(row.event()).topic().writer());
        }
        List<Row> before = List.copyOf(fed);
        fed.addAll(List.of(rows));
        List<String> read = sse(http, SECRETARY, subjects, fed.size());
        assertThat(read).as("the feed holds what was sent").hasSize(fed.size());
        assertThat(read.subList(0, before.size())).as("the feed holds what was sent before first")
                .containsExactlyInAnyOrderElementsOf(before.stream().map(Row::label).toList());
        // The feed's order is what the tests below read: the rows in the order the feed holds them.
        List<Row> inFeed = read.stream().map(label -> fed.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow()).toList();
        fed.clear();
        fed.addAll(inFeed);
    }

    /**
     * The feed's consumers, a new group, read the feed's topics from their beginning: every record the module's
     * earlier test classes sent (a hundred and more, each appended to the feed), before this test's events. Awaited
     * here until the group's committed offsets reach the ends the topics have now, with the patience a loaded machine
     * needs, so that the readers below wait for this test's events alone and not for that backlog as well.
     */
    private void awaitFeedCaughtUp() {
        ConsumerGroups.awaitThroughBacklog(FEED_GROUP, Set.of(feedTopics.split(",")), PATIENCE.multipliedBy(2));
    }

    /** The labels of the rows a reader receives, in order. */
    private static List<String> expected(List<Row> table, String reader) {
        boolean everything = reader.equals("JCRB secretary") || reader.equals("KCDB office");
        return table.stream().filter(r -> everything || r.receivers().contains("*") || r.receivers().contains(reader))
                .map(Row::label).toList();
    }

    private List<String> sse(WebTestClient http, String token, Set<String> subjects, int count) {
        List<String> ids = http.get().uri("/api/events/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(e -> e.data() != null)
                .map(e -> JSON.readTree(e.data()))
                .filter(e -> subjects.contains(e.get("subject").asString()))
                .map(e -> e.get("id").asString())
                .filter(labels::containsKey)
                .take(count)
                .take(PATIENCE)
                .collectList().block(PATIENCE.plusSeconds(10));
        return labels(ids);
    }

    private List<String> awaitWebhook(WebhookDeliveryTest.Receiver receiver, int count) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < until && labels(receiver.acceptedEventIds()).size() < count) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // anything sent that should not have been would be here by now
        return labels(receiver.acceptedEventIds());
    }

    private List<String> labels(List<String> ids) {
        return ids.stream().filter(labels::containsKey).map(labels::get).toList();
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
