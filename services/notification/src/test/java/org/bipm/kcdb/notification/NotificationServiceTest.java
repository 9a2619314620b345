package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.ComparisonRegistered;
import org.bipm.kcdb.events.ComparisonStatusChanged;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineApproaching;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.notification.application.Digests;
import org.bipm.kcdb.notification.application.HeldEventMeters;
import org.bipm.kcdb.notification.application.Notifications;
import org.bipm.kcdb.notification.application.Postman;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.domain.DeliveryState;
import org.bipm.kcdb.notification.domain.InboxItem;
import org.bipm.kcdb.notification.domain.Letter;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.WhoIsTold;
import org.bipm.kcdb.notification.persistence.CaseFileStore;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import org.bipm.kcdb.test.ContractSnapshot;
import org.bipm.kcdb.test.Eventually;
import org.bipm.kcdb.test.EveryEndpoint;
import org.bipm.kcdb.test.TestMongo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class NotificationServiceTest extends NotificationComponentTest {

    static final List<String> OTHER_CHAIRS = List.of("chair.sim@kcdb.example", "chair.apmp@kcdb.example",
            "chair.coomet@kcdb.example", "chair.afrimets@kcdb.example", "chair.gulfmet@kcdb.example");

    @Autowired
    Notifications notifications;
    @Autowired
    Digests digests;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Postman postman;

    @Autowired
    CaseFileStore caseFiles;
    @Autowired
    AggregateStore<CaseFile> storedCaseFiles;

    /**
     * The case files this instance remembers save the read before a change, never a decision: another instance's
     * write in between makes the remembered file's write fail and the change is decided again on the stored file, and
     * a decision that would write nothing on the remembered file is made again on the stored one.
     */
    @Test
    void aCaseFileAnotherInstanceChangedIsDecidedOnAsStored() {
        String cmc = cmcId();
        CaseFileStore otherInstance = new CaseFileStore(storedCaseFiles);
        caseFiles.change(cmc, file -> file.submitted("PTB", "EURAMET", "Length", "writer.ptb@kcdb.example"))
                .block(Duration.ofSeconds(10));
        otherInstance.change(cmc, file -> file.joinedBy("SIM")).block(Duration.ofSeconds(10));

        List<CaseFile> decidedOn = new ArrayList<>();
        CaseFile changed = caseFiles.change(cmc, file -> {
            decidedOn.add(file);
            return file.joinedBy("SIM");
        }).block(Duration.ofSeconds(10));
        assertThat(changed.takingPart()).containsExactly("SIM");
        assertThat(decidedOn.get(decidedOn.size() - 1).takingPart()).containsExactly("SIM");
        assertThat(storedCaseFiles.find(cmc).block(Duration.ofSeconds(10)).version())
                .as("nothing written over the other instance's file").isEqualTo(2);

        otherInstance.change(cmc, file -> file.joinedBy("APMP")).block(Duration.ofSeconds(10));
        decidedOn.clear();
        caseFiles.change(cmc, file -> {
            decidedOn.add(file);
            return file;
        }).block(Duration.ofSeconds(10));
        assertThat(decidedOn.get(decidedOn.size() - 1).takingPart()).containsExactlyInAnyOrder("SIM", "APMP");
    }

    /** The API as served, against the committed snapshot: a change of the contract is a reviewed change. */
    @Test
    void theOpenApiDocumentIsTheCommittedOne() {
        String served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        ContractSnapshot.assertMatches(served, Path.of("src/test/resources/openapi.json"), "servers");
    }

    /**
     * Jakarta Mail finds its stream provider by the name the service gave it as it started, not by a search of the
     * class path for every MIME part (about a quarter of the sender's CPU: bench/README.md, notify-cpu2).
     */
    @Test
    void jakartaMailIsToldItsStreamProviderByName() {
        assertThat(System.getProperty(MailStreamProviderName.STREAM_PROVIDER))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /**
     * The senders' claim of the e-mails due, the deadline scan and each reader's inbox are answered by indexes on
     * MongoDB, created at start (the local store accepts and lists them too).
     */
    @Test
    void theSendersClaimTheDeadlineScanAndTheInboxHaveTheirIndexes() {
        assertThat(indexes("deliveries")).contains(List.of("state", "nextAttemptAt"), List.of("state", "claimedAt"));
        assertThat(indexes("deadlines")).contains(List.of("phase", "remindAt"), List.of("phase", "dueAt"),
                List.of("cmcId"));
        assertThat(indexes("inbox_items")).contains(List.of("username", "createdAt"));
    }

    private List<List<String>> indexes(String collection) {
        return mongo.indexOps(collection).getIndexInfo()
                .map(index -> index.getIndexFields().stream().map(IndexField::getKey).toList())
                .collectList().block(Duration.ofSeconds(10));
    }

    /**
     * Every endpoint, with requests generated from the OpenAPI snapshot (EveryEndpoint: seeded, a few cases per
     * operation, -Pproperties-long for many): never a 5xx, every refusal a problem, nothing stored by a refusal
     * (the deliveries are the sender's: it moves them on its own).
     */
    @Test
    void everyEndpointAnswersGeneratedRequestsWithoutA5xxAndRefusalsStoreNothing() {
        assertThat(EveryEndpoint.ofSnapshot().ignoring("deliveries")
                .check(port, EveryEndpoint.demoCallers(), TestMongo.uri("notification-test"))).isEmpty();
    }

    @Test
    void anAssignedReviewerIsToldWithALinkIntoThePortalAndFindsItInTheirInbox() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "EM");
        send(new ReviewerAssigned(UUID.randomUUID(), Instant.now(), 1, review, cmc, "EURAMET", "reviewer.lne",
                "chair.euramet"));

        assertThat(awaitRecipients(cmc, 1)).containsExactly("reviewer.lne@kcdb.example");
        Mail mail = mailAbout(cmc).get(0);
        assertThat(mail.subject()).isEqualTo("[KCDB] You are asked to review CMC " + cmc);
        assertThat(mail.text()).contains("Dear Reviewer LNE,").contains("chair.euramet of EURAMET assigned you")
                .contains("Open in the KCDB portal: http://127.0.0.1:8080/reviews/" + review);
        assertThat(mail.html()).contains("<a href=\"http://127.0.0.1:8080/reviews/" + review + "\">");

        String lne = token("reviewer.lne", "tc-reviewer");
        Map<?, ?> page = http.get().uri("/api/notifications?size=50").headers(h -> h.setBearerAuth(lne))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        // the platform's one page shape (Paging.Page), as GET /api/cmcs or /api/reviews answer
        assertThat(page.keySet().stream().map(String::valueOf).toList())
                .containsExactlyInAnyOrder("page", "size", "totalElements", "content");
        assertThat(page.get("size")).isEqualTo(50);
        List<?> items = (List<?>) page.get("content");
        Map<?, ?> item = (Map<?, ?>) items.stream().filter(i -> cmc.equals(((Map<?, ?>) i).get("subject")))
                .findFirst().orElseThrow();
        assertThat(item.get("title")).isEqualTo("You are asked to review CMC " + cmc);
        assertThat(item.get("link")).isEqualTo("/reviews/" + review);
        assertThat(item.get("read")).isEqualTo(false);
        long unread = ((Number) http.get().uri("/api/notifications/unread-count").headers(h -> h.setBearerAuth(lne))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("unread")).longValue();
        assertThat(unread).isPositive();
        Map<?, ?> unreadOnly = http.get().uri("/api/notifications?unreadOnly=true&size=1&page=0")
                .headers(h -> h.setBearerAuth(lne)).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(((Number) unreadOnly.get("totalElements")).longValue()).isEqualTo(unread);
        assertThat((List<?>) unreadOnly.get("content")).hasSize(1);

        String id = (String) item.get("id");
        String writer = token("writer.ptb", "cmc-writer");
        http.post().uri("/api/notifications/{id}/read", id).headers(h -> h.setBearerAuth(writer)).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/notifications/{id}/read", id).headers(h -> h.setBearerAuth(lne)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/api/notifications/unread-count").headers(h -> h.setBearerAuth(lne)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.unread").isEqualTo((int) unread - 1);
        http.get().uri("/api/notifications?size=1001&page=-1").headers(h -> h.setBearerAuth(lne)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[*].field").value(fields ->
                        assertThat(String.valueOf(fields)).isEqualTo("[\"page\",\"size\"]"));
        http.get().uri("/api/notifications").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theSignedInUsersStreamCarriesTheirNewNoticesAndNobodyElses() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "QM");
        settle();
        String chair = token("chair.euramet", "tc-chair");
        reactor.core.publisher.Flux<String> stream = http.get().uri("/api/notifications/stream")
                .headers(h -> h.setBearerAuth(chair)).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody();
        reactor.test.StepVerifier.create(stream.filter(data -> data.contains(cmc)).take(1))
                .then(() -> send(new ReviewCommentAdded(UUID.randomUUID(), Instant.now(), 1, review, cmc, "k9",
                        "writer.ptb", null, "Streamed remark " + cmc)))
                .assertNext(data -> assertThat(data).contains("New comment on CMC " + cmc)
                        .contains("/reviews/" + review))
                .thenCancel().verify(Duration.ofSeconds(30));
    }

    @Test
    void anIntraRmoCommentStaysInTheRmoAndTheInterRmoReviewReachesOnlyTheRmosTakingPart() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "EM");
        send(new ReviewerAssigned(UUID.randomUUID(), Instant.now(), 1, review, cmc, "EURAMET", "reviewer.lne",
                "chair.euramet"));
        send(new ReviewCommentAdded(UUID.randomUUID(), Instant.now(), 1, review, cmc, "k1", "reviewer.lne", null,
                "Intra-RMO remark " + cmc));
        assertThat(awaitRecipients("Intra-RMO remark " + cmc, 2))
                .containsExactly("chair.euramet@kcdb.example", "writer.ptb@kcdb.example");

        send(new IntraRmoReviewApproved(UUID.randomUUID(), Instant.now(), 1, review, cmc, "PTB", "DE", "EURAMET",
                "EM", "chair.euramet", "Q", List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"),
                Instant.now().plus(Duration.ofDays(14)), Instant.now().plus(Duration.ofDays(42))));
        Eventually.await("the other chairs asked", () -> mailAbout("Will your RMO review CMC " + cmc).size() >= 5
                ? true : null);
        settle();
        assertThat(mailAbout("Will your RMO review CMC " + cmc)).extracting(Mail::to)
                .containsExactlyInAnyOrderElementsOf(OTHER_CHAIRS);
        assertThat(mailAbout("Intra-RMO remark " + cmc)).extracting(Mail::to)
                .as("no other RMO was told of the intra-RMO draft").noneMatch(OTHER_CHAIRS::contains);

        send(new RmoIntentDeclared(UUID.randomUUID(), Instant.now(), 1, review, cmc, "SIM", true,
                Instant.now().plus(Duration.ofDays(30)), "chair.sim"));
        send(new RmoIntentDeclared(UUID.randomUUID(), Instant.now(), 1, review, cmc, "APMP", false, null,
                "chair.apmp"));
        send(new ReviewCommentAdded(UUID.randomUUID(), Instant.now(), 1, review, cmc, "k2", "chair.sim", null,
                "Inter-RMO question " + cmc));
        assertThat(awaitRecipients("Inter-RMO question " + cmc, 3)).containsExactly("chair.euramet@kcdb.example",
                "reviewer.lne@kcdb.example", "writer.ptb@kcdb.example");
    }

    /**
     * The review's events read before the CMC's submission (two topics, two consumers: a rebalance lets either come
     * first) wait for it: the writer is told of the comment once, and so is everyone else.
     */
    @Test
    void aReviewReadBeforeItsSubmissionWaitsForItAndTheWriterIsToldOnce() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        send(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW"));
        send(new ReviewerAssigned(UUID.randomUUID(), Instant.now(), 1, review, cmc, "EURAMET", "reviewer.lne",
                "chair.euramet"));
        ReviewCommentAdded comment = new ReviewCommentAdded(UUID.randomUUID(), Instant.now(), 1, review, cmc, "k1",
                "reviewer.lne", null, "Early remark " + cmc);
        send(comment);
        Eventually.await("the comment read", () -> read("notification.reviews", comment.eventId()) ? true : null);

        sendSubmission(cmc, "EM", "PTB", "writer.ptb");
        assertThat(awaitRecipients("Early remark " + cmc, 2))
                .containsExactly("chair.euramet@kcdb.example", "writer.ptb@kcdb.example");
        assertThat(recipientsOf("You are asked to review CMC " + cmc)).containsExactly("reviewer.lne@kcdb.example");
        assertThat(heldOf(cmc)).as("nothing left held").isZero();
    }

    /**
     * A review event whose submission does not come within the wait (a CMC from before the service ran) is told
     * then, without the writer, and counted; one that can only be told to the writers waits on, and its late
     * submission still tells them, once.
     */
    @Test
    void aReviewEventWhoseSubmissionDoesNotComeIsToldAfterTheWaitAndOneForTheWritersWaitsOn() {
        double expiredBefore = heldEvents("expired");
        String cmc = cmcId();
        String review = "rev-" + cmc;
        send(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW"));
        send(new ReviewCommentAdded(UUID.randomUUID(), Instant.now(), 1, review, cmc, "k1", "reviewer.lne", null,
                "Unsubmitted remark " + cmc));
        String returned = cmcId();
        send(new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, "rev-" + returned, returned, "chair.euramet",
                "Fix the range"));
        assertThat(awaitRecipients("Unsubmitted remark " + cmc, 1)).containsExactly("chair.euramet@kcdb.example");
        Eventually.await("the three events past their wait", () -> heldEvents("expired") >= expiredBefore + 3
                ? true : null);
        assertThat(heldOf(cmc)).isZero();
        assertThat(heldOf(returned)).as("the return waits for whom to tell").isOne();
        assertThat(recipientsOf("CMC " + returned + " was returned")).isEmpty();

        sendSubmission(returned, "EM", "PTB", "writer.ptb");
        assertThat(awaitRecipients("CMC " + returned + " was returned", 2))
                .containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        assertThat(heldOf(returned)).isZero();
    }

    @Test
    void aReturnAnApprovalAndThePublicationReachEveryWriterOfTheInstituteAndNoOtherInstitute() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "M");
        send(new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc, "chair.euramet", "Fix the range"));
        assertThat(awaitRecipients("CMC " + cmc + " was returned", 2))
                .containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmc, review, "PTB", "DE", "EURAMET",
                "chair.euramet", null, null));
        send(new CmcPublished(UUID.randomUUID(), Instant.now(), 1, cmc, "EURAMET-M-DE-0000ABCD-1", 1, "PTB", "DE",
                "EURAMET", "M", LocalDate.now()));
        assertThat(awaitRecipients("CMC " + cmc + " was approved", 2))
                .containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        assertThat(awaitRecipients("EURAMET-M-DE-0000ABCD-1", 2))
                .containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        assertThat(recipientsOf(cmc)).doesNotContain("writer.npl@kcdb.example", "reviewer.lne@kcdb.example");
    }

    @Test
    void anOverdueDeadlineIsEscalatedToTheJcrbSecretaryAnApproachingOneIsNot() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "T");
        send(new ReviewDeadlineApproaching(UUID.randomUUID(), Instant.now(), 2, review, cmc, "SIM", "RMO_REVIEW",
                Instant.now().plus(Duration.ofDays(7)), false, List.of("reviewer.nrc")));
        assertThat(awaitRecipients("approaching for CMC " + cmc, 2)).as("SIM's chairs and, by name, its reviewer")
                .containsExactly("chair.sim@kcdb.example", "reviewer.nrc@kcdb.example");
        send(new ReviewDeadlineApproaching(UUID.randomUUID(), Instant.now(), 1, review, cmc, "SIM", "RMO_REVIEW",
                Instant.now(), true)); // as written before schema version 2: the RMO alone
        assertThat(awaitRecipients("Overdue: SIM on CMC " + cmc, 2))
                .containsExactly("chair.sim@kcdb.example", "jcrb.secretary@kcdb.example");
    }

    @Test
    void comparisonParticipantsAndPilotAreToldOfRegistrationAndDraftsNotOthers() {
        String id = "EURAMET.EM-S" + UUID.randomUUID().toString().substring(0, 6);
        send(new ComparisonRegistered(UUID.randomUUID(), Instant.now(), 1, id, "SUPPLEMENTARY", "EURAMET", "EM",
                "DC voltage", "V", "PTB", List.of("PTB", "NPL"), null, "PLANNED", "kcdb.office", List.of(), null,
                null, null));
        assertThat(awaitRecipients("Comparison " + id + " registered", 2))
                .containsExactly("coordinator.npl@kcdb.example", "coordinator.ptb@kcdb.example");
        send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 1, id, "EM", "PLANNED", "APPROVED",
                "coordinator.ptb"));
        send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 1, id, "EM", "APPROVED", "DRAFT_A",
                "coordinator.ptb"));
        assertThat(awaitRecipients("Comparison " + id + ": DRAFT_A", 1))
                .as("the pilot's coordinator moved it, so only the participant is told")
                .containsExactly("coordinator.npl@kcdb.example");
        assertThat(mailAbout(id)).extracting(Mail::subject).noneMatch(s -> s.contains("APPROVED"));
        assertThat(recipientsOf(id)).doesNotContain("coordinator.nist@kcdb.example");
    }

    @Test
    void aPublishedComparisonReachesTheParticipantsWritersTooItsDraftsOnlyTheirCoordinatorsEvenUnregistered() {
        // registered before this service ran: only the status changes (schema version 2) say who takes part
        String id = "EURAMET.EM-S" + UUID.randomUUID().toString().substring(0, 6);
        send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 2, id, "EM", "MEASUREMENTS", "DRAFT_A",
                "kcdb.office", "PTB", List.of("PTB", "INM")));
        assertThat(awaitRecipients("Comparison " + id + ": DRAFT_A", 1))
                .as("a draft is the participants' contact persons' business, not their writers'")
                .containsExactly("coordinator.ptb@kcdb.example");
        send(new ComparisonStatusChanged(UUID.randomUUID(), Instant.now(), 2, id, "EM", "APPROVED", "PUBLISHED",
                "kcdb.office", "PTB", List.of("PTB", "INM")));
        assertThat(awaitRecipients("Comparison " + id + ": PUBLISHED", 4)).containsExactly(
                "coordinator.ptb@kcdb.example", "writer.inm@kcdb.example", "writer.ptb@kcdb.example",
                "writer2.ptb@kcdb.example");
        assertThat(recipientsOf(id)).as("no laboratory outside the comparison")
                .doesNotContain("writer.lne@kcdb.example", "writer.nist@kcdb.example");
    }

    @Test
    void aRedeliveredEventSendsNoSecondMessage() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "L");
        ReviewReturned returned = new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc,
                "chair.euramet", "Once only");
        send(returned);
        send(returned);
        awaitRecipients("CMC " + cmc + " was returned", 2);
        // As if the consumer stopped after telling and before marking the event applied: it is applied again.
        notifications.onCase(cmc, file -> WhoIsTold.returned(file, returned));
        settle();
        assertThat(recipientsOf(cmc)).containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        assertThat(mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("eventId").is(returned.eventId())),
                InboxItem.class, "inbox_items").block()).isEqualTo(2);
    }

    private boolean read(String consumer, UUID eventId) {
        return Boolean.TRUE.equals(mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(consumer + ":" + eventId)),
                "processed_events").block());
    }

    private long heldOf(String cmcId) {
        return mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("cmcId").is(cmcId)), "held_events").block();
    }

    private double heldEvents(String outcome) {
        return meters.get(HeldEventMeters.NAME).tag("outcome", outcome).counter().count();
    }

    /**
     * A notice's items and e-mails are written together (one bulk insert each): when some of them are there already
     * (applied part-way before a crash), the others are still written and the ones there are left as they were.
     */
    @Test
    void anEventAppliedPartWayBeforeTellsTheOthersAndLeavesWhatWasWritten() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "L");
        ReviewReturned returned = new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc,
                "chair.euramet", "Part way " + cmc);
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
        InboxItem there = new InboxItem(InboxItem.idOf(returned.eventId(), "writer.ptb"), "writer.ptb",
                returned.eventId(), NotificationKind.RETURNED, cmc, "/cmcs/" + cmc, Map.of(), earlier, earlier, true);
        mongo.insert(there, "inbox_items").block();
        send(returned);
        assertThat(awaitRecipients("CMC " + cmc + " was returned", 2))
                .containsExactly("writer.ptb@kcdb.example", "writer2.ptb@kcdb.example");
        List<InboxItem> items = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("eventId").is(returned.eventId())),
                InboxItem.class, "inbox_items").collectList().block();
        assertThat(items).extracting(InboxItem::username).containsExactlyInAnyOrder("writer.ptb", "writer2.ptb");
        assertThat(items).filteredOn(item -> item.username().equals("writer.ptb")).singleElement()
                .satisfies(item -> assertThat(item.createdAt()).isEqualTo(earlier))
                .satisfies(item -> assertThat(item.read()).isTrue());
    }

    @Test
    void aDailyDigestGathersTheDaysNoticesInTheReadersLanguage() {
        String digestReader = token("writer.lne", "cmc-writer");
        http.put().uri("/api/notifications/preferences").headers(h -> h.setBearerAuth(digestReader))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("language", "fr", "choices", Map.of("DEADLINE_OVERDUE", "OFF")))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("choices.DEADLINE_OVERDUE");
        http.put().uri("/api/notifications/preferences").headers(h -> h.setBearerAuth(digestReader))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("language", "fr", "choices", Map.of("RETURNED", "DAILY_DIGEST",
                        "APPROVED", "DAILY_DIGEST", "PUBLISHED", "OFF")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.language").isEqualTo("fr");

        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "M", "LNE", "writer.lne");
        send(new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc, "chair.euramet", "Corrigez"));
        send(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmc, review, "LNE", "FR", "EURAMET",
                "chair.euramet", null, null));
        send(new CmcPublished(UUID.randomUUID(), Instant.now(), 1, cmc, "EURAMET-M-FR-0000LNE1-1", 1, "LNE", "FR",
                "EURAMET", "M", LocalDate.now()));
        awaitRecipients(cmc, 3);
        assertThat(recipientsOf(cmc)).as("writer2.lne reads at once, writer.lne waits for the digest or not at all")
                .containsOnly("writer2.lne@kcdb.example").hasSize(3);

        assertThat(digests.assemble()).isPositive();
        Mail digest = Eventually.await("the digest", () -> mailAbout("Votre résumé quotidien").stream()
                .filter(m -> m.to().equals("writer.lne@kcdb.example")).findFirst().orElse(null));
        assertThat(digest.subject()).isEqualTo("[KCDB] Votre résumé quotidien : 2 avis");
        assertThat(digest.body()).contains("Bonjour").contains("La CMC " + cmc + " vous a été renvoyée")
                .contains("La CMC " + cmc + " a été approuvée").contains("Ouvrir dans le portail de la KCDB")
                .doesNotContain("EURAMET-M-FR-0000LNE1-1");
        assertThat(digests.assemble()).as("nothing left to gather").isZero();
        settle();
        assertThat(mailAbout("Votre résumé quotidien")).filteredOn(m -> m.to().equals("writer.lne@kcdb.example"))
                .hasSize(1);

        Map<?, ?> page = http.get().uri("/api/notifications?size=100").headers(h -> h.setBearerAuth(digestReader))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("content");
        assertThat(items).extracting(i -> (String) i.get("title"))
                .as("the inbox has every notice, in French, whatever the e-mail choice")
                .contains("La CMC " + cmc + " est publiée sous EURAMET-M-FR-0000LNE1-1");
    }

    @Test
    void whileTheSmtpServerIsDownMailWaitsIsRetriedThenParkedForTheOfficeAndNothingIsLostOrDoubled() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        submitted(cmc, review, "AUV", "INM", "writer.inm");
        settle();
        String before = scrape();
        stopSmtp();
        ReviewReturned first = new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc,
                "chair.euramet", "First return");
        send(first);
        String firstId = InboxItem.idOf(first.eventId(), "writer.inm");
        Eventually.await("two failed attempts", () -> {
            Delivery d = deliveries.find(firstId).block();
            return d != null && d.attempts() >= 2 && d.state() == DeliveryState.PENDING ? d : null;
        });
        smtp = startSmtp();
        assertThat(awaitRecipients("First return", 1)).containsExactly("writer.inm@kcdb.example");
        assertThat(deliveries.find(firstId).block().state()).isEqualTo(DeliveryState.SENT);

        stopSmtp();
        ReviewReturned second = new ReviewReturned(UUID.randomUUID(), Instant.now(), 1, review, cmc,
                "chair.euramet", "Second return");
        send(second);
        String secondId = InboxItem.idOf(second.eventId(), "writer.inm");
        Eventually.await("the e-mail parked", () -> {
            Delivery d = deliveries.find(secondId).block();
            return d != null && d.state() == DeliveryState.PARKED ? d : null;
        });
        String office = token("kcdb.office", "kcdb-office");
        Map<?, ?> parked = http.get().uri("/api/notifications/deliveries?size=1000")
                .headers(h -> h.setBearerAuth(office)).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mails = (List<Map<String, Object>>) parked.get("content");
        assertThat(mails).filteredOn(m -> secondId.equals(m.get("id"))).singleElement()
                .satisfies(m -> assertThat(m.get("attempts")).isEqualTo(5));
        assertThat(((Number) parked.get("totalElements")).intValue()).isEqualTo(mails.size());
        http.get().uri("/api/notifications/deliveries?page={page}&size=1", mails.size())
                .headers(h -> h.setBearerAuth(office)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(mails.size())
                .jsonPath("$.content.length()").isEqualTo(0);
        http.get().uri("/api/notifications/deliveries?size=0").headers(h -> h.setBearerAuth(office)).exchange()
                .expectStatus().isBadRequest();
        // The writer learns nothing, not even that the parameter is wrong: rights are judged first.
        http.get().uri("/api/notifications/deliveries?size=0").headers(h -> h.setBearerAuth(token("writer.inm",
                "cmc-writer"))).exchange().expectStatus().isForbidden();
        smtp = startSmtp();
        settle();
        assertThat(mailAbout("Second return")).as("parked until resent").isEmpty();
        http.post().uri("/api/notifications/deliveries/{id}/resend", secondId).headers(h -> h.setBearerAuth(office))
                .exchange().expectStatus().isAccepted();
        assertThat(awaitRecipients("Second return", 1)).containsExactly("writer.inm@kcdb.example");
        http.post().uri("/api/notifications/deliveries/{id}/resend", secondId).headers(h -> h.setBearerAuth(office))
                .exchange().expectStatus().isNotFound();
        settle();
        assertThat(mailAbout("First return")).hasSize(1);
        assertThat(mailAbout("Second return")).hasSize(1);
        // What the operator saw meanwhile (docs/metrics.md): attempts that failed, one parked, both finally sent.
        String after = scrape();
        assertThat(mails(after, "failed")).isGreaterThanOrEqualTo(mails(before, "failed") + 2 + 4);
        assertThat(mails(after, "parked")).isGreaterThanOrEqualTo(mails(before, "parked") + 1);
        assertThat(mails(after, "delivered")).isGreaterThanOrEqualTo(mails(before, "delivered") + 2);
    }

    private String scrape() {
        // The scrape (histogram buckets included) is larger than a client buffers by default.
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    private static double mails(String scrape, String outcome) {
        String sample = "kcdb_mail_deliveries_total{outcome=\"" + outcome + "\"} ";
        return scrape.lines().filter(line -> line.startsWith(sample)).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length()).trim())).orElse(0.0);
    }

    @Test
    void anEmailLeftMidSendByAStoppedSenderIsSentOnceByTheNext() {
        String marker = "Left mid-send " + UUID.randomUUID();
        Letter letter = new Letter(NotificationKind.COMMENT_ADDED, "cmc-x", "/reviews/x",
                Map.of("cmc", "cmc-x", "actor", "chair.euramet", "text", marker), CLOCK.instant());
        Delivery stranded = new Delivery("stranded-" + UUID.randomUUID(), "writer.ptb", "writer.ptb@kcdb.example",
                "Writer PTB", "en", false, List.of(letter), DeliveryState.SENDING, 0, CLOCK.instant(),
                CLOCK.instant().minus(Duration.ofMinutes(10)), null, null, null, CLOCK.instant());
        Delivery inFlight = new Delivery("in-flight-" + UUID.randomUUID(), "writer.ptb", "writer.ptb@kcdb.example",
                "Writer PTB", "en", false, List.of(new Letter(NotificationKind.COMMENT_ADDED, "cmc-y", "/reviews/y",
                Map.of("cmc", "cmc-y", "text", marker + " (live)"), CLOCK.instant())), DeliveryState.SENDING, 0,
                CLOCK.instant(), CLOCK.instant(), null, null, null, CLOCK.instant());
        mongo.insert(stranded, "deliveries").block();
        mongo.insert(inFlight, "deliveries").block();
        assertThat(awaitRecipients(marker, 1)).containsExactly("writer.ptb@kcdb.example");
        assertThat(mailAbout(marker).get(0).messageId()).isEqualTo("<" + stranded.id() + "@kcdb>");
        assertThat(deliveries.find(stranded.id()).block().state()).isEqualTo(DeliveryState.SENT);
        assertThat(deliveries.find(inFlight.id()).block().state()).as("another sender holds it within its lease")
                .isEqualTo(DeliveryState.SENDING);
    }

    /**
     * Senders find the due e-mails a batch at a time and claim each when its turn comes: with three senders at once
     * (two rounds here beside the service's own) every one of a backlog larger than a batch is sent exactly once.
     */
    @Test
    void threeSendersAtOnceSendEachOfABacklogOnce() throws Exception {
        String marker = "Backlog " + UUID.randomUUID();
        int backlog = 250;
        List<Delivery> pending = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            Letter letter = new Letter(NotificationKind.COMMENT_ADDED, "cmc-b" + i, "/reviews/b" + i,
                    Map.of("cmc", "cmc-b" + i, "actor", "chair.euramet", "text", marker + " #" + i), CLOCK.instant());
            pending.add(new Delivery(marker.substring(8) + "-" + i, "writer.ptb", "writer.ptb@kcdb.example",
                    "Writer PTB", "en", false, List.of(letter), DeliveryState.PENDING, 0, CLOCK.instant(), null,
                    null, null, null, CLOCK.instant()));
        }
        mongo.insert(pending, "deliveries").blockLast();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> rounds = List.of(senders.submit(postman::sendDue), senders.submit(postman::sendDue));
            for (Future<Integer> round : rounds) {
                round.get(2, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        Eventually.await("every e-mail of the backlog sent", () -> mailAbout(marker).size() >= backlog ? true : null);
        List<Mail> sent = mailAbout(marker);
        assertThat(sent).hasSize(backlog);
        assertThat(sent.stream().map(Mail::deliveryId).distinct()).hasSize(backlog);
        for (Delivery delivery : pending) {
            assertThat(deliveries.find(delivery.id()).block().state()).isEqualTo(DeliveryState.SENT);
        }
    }
}
