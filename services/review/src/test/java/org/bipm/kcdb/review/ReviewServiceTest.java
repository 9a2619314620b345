package org.bipm.kcdb.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.CmcDeletionRequested;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.CmcWithdrawn;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.test.ContractSnapshot;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.EveryEndpoint;
import org.bipm.kcdb.test.TestMongo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.json.JsonMapper;

/** Every command of CONTRACT.md §3 over HTTP: what it does, and how it refuses. */
class ReviewServiceTest extends ReviewComponentTest {

    @Autowired
    List<ScheduledTaskHolder> schedulers;
    @Autowired
    @Qualifier("submissionEvents")
    java.util.function.Consumer<Message<byte[]>> submissionEvents;
    @Autowired
    ProcessedEvents processed;
    @Autowired
    JsonMapper json;

    /** The API as served, against the committed snapshot: a change of the contract is a reviewed change. */
    @Test
    void theOpenApiDocumentIsTheCommittedOne() {
        String served = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        ContractSnapshot.assertMatches(served, Path.of("src/test/resources/openapi.json"), "servers");
    }

    /**
     * Every endpoint, with requests generated from the OpenAPI snapshot (EveryEndpoint: seeded, a few cases per
     * operation, -Pproperties-long for many): never a 5xx, every refusal a problem, nothing stored by a refusal.
     */
    @Test
    void everyEndpointAnswersGeneratedRequestsWithoutA5xxAndRefusalsStoreNothing() {
        assertThat(EveryEndpoint.ofSnapshot().knowing("id", openCase())
                .check(port, EveryEndpoint.demoCallers(), TestMongo.uri("review-test"))).isEmpty();
    }

    @Test
    void aSubmittedCmcOpensOneCaseEvenWhenTheEventIsRedelivered() {
        CmcSubmitted submitted = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        events.send(submitted, "/kcdb/submission");
        String reviewId = open(submitted); // sends it a second time
        assertThat(view(reviewId).get("version")).isEqualTo(1);

        // As if the record of having applied it were lost: the handler itself changes nothing either.
        reviews.onSubmitted(submitted);
        Map<String, Object> after = view(reviewId);
        assertThat(after.get("version")).isEqualTo(1);
        assertThat((List<?>) after.get("history")).hasSize(1);
        assertThat(events.allOf(EventType.REVIEW_OPENED, ReviewOpened.class,
                e -> e.cmcId().equals(submitted.cmcId()), 1, Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(1);
    }

    /**
     * The consumer marks a submission in one round trip, after the handler, without a look first: a delivery whose
     * case was opened but whose mark was lost (a crash in between) and that comes again after the case moved on
     * finds the case by the CMC and changes nothing; it is marked then.
     */
    @Test
    void aSubmissionAppliedButNotMarkedAndRedeliveredAfterTheCaseMovedOnChangesNothing() {
        CmcSubmitted submitted = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        reviews.onSubmitted(submitted); // applied, not marked
        String reviewId = ReviewCase.idFor(submitted.cmcId());
        approveIntraRmo(reviewId);

        submissionEvents.accept(MessageBuilder.withPayload(json.writeValueAsBytes(submitted))
                .setHeader(CloudEventHeaders.TYPE, EventType.CMC_SUBMITTED.ceType()).build());

        Map<String, Object> after = view(reviewId);
        assertThat(after.get("version")).isEqualTo(2);
        assertThat(after.get("stage")).isEqualTo("INTER_RMO_REVIEW");
        assertThat(processed.alreadyApplied("review.submissions", submitted.eventId().toString())).isTrue();
        assertThat(events.allOf(EventType.REVIEW_OPENED, ReviewOpened.class,
                e -> e.cmcId().equals(submitted.cmcId()), 1, Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(1);
    }

    /**
     * The consumer applies a poll's run of submissions at once, their cases inserted in one round trip: each CMC
     * still gets one case and one {@code review.opened}, a CMC twice in the run is opened by its first event, and a
     * case that had moved on (a redelivery whose mark was lost) is left as it is.
     */
    @Test
    void aRunOfSubmissionsOpensEachCaseOnceAndLeavesACaseThatMovedOnAsItIs() {
        CmcSubmitted earlier = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        reviews.onSubmitted(earlier);
        String movedOn = ReviewCase.idFor(earlier.cmcId());
        approveIntraRmo(movedOn);
        CmcSubmitted first = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        CmcSubmitted second = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        CmcSubmitted firstAgain = submission(first.cmcId(), 1, content("EM", List.of(), QMS));

        reviews.onSubmitted(List.of(first, earlier, second, firstAgain));

        for (CmcSubmitted opened : List.of(first, second)) {
            Map<String, Object> view = view(ReviewCase.idFor(opened.cmcId()));
            assertThat(view.get("version")).isEqualTo(1);
            assertThat(view.get("stage")).isEqualTo("INTRA_RMO_REVIEW");
            assertThat((List<?>) view.get("history")).hasSize(1);
            assertThat(events.allOf(EventType.REVIEW_OPENED, ReviewOpened.class,
                    e -> e.cmcId().equals(opened.cmcId()), 1, Duration.ofSeconds(60), Duration.ofSeconds(2)))
                    .hasSize(1);
        }
        Map<String, Object> after = view(movedOn);
        assertThat(after.get("version")).isEqualTo(2);
        assertThat(after.get("stage")).isEqualTo("INTER_RMO_REVIEW");
    }

    @Test
    void aReferenceDataChangeOnTheSubmissionTopicIsIgnoredNeitherAppliedNorDeadLettered() {
        ReferenceDataChanged changed = new ReferenceDataChanged(UUID.randomUUID(), CLOCK.instant(), 1, "institutes",
                "MSL", Map.of("nmiCode", "MSL", "nmiName", "Measurement Standards Laboratory", "countryLabel", "NZ"),
                false, "kcdb.office");
        // the consumer itself: no handler for the type, no exception (which would retry and dead-letter it)
        submissionEvents.accept(MessageBuilder.withPayload(json.writeValueAsBytes(changed))
                .setHeader(CloudEventHeaders.TYPE, EventType.REFERENCE_DATA_CHANGED.ceType()).build());
        assertThat(processed.alreadyApplied("review.submissions", changed.eventId().toString())).isFalse();
        // and on the topic: the submission behind it still opens its case
        events.send(changed, "/kcdb/submission");
        CmcSubmitted submitted = submission(UUID.randomUUID().toString(), 1, content("EM", List.of(), QMS));
        events.send(submitted, "/kcdb/submission");
        open(submitted);
    }

    @Test
    void aDeletionRequestOpensACaseThatSaysWhatIsToBeDeletedAndWhy() {
        String cmcId = UUID.randomUUID().toString();
        events.send(new CmcDeletionRequested(UUID.randomUUID(), CLOCK.instant(), CmcDeletionRequested.SCHEMA_VERSION,
                cmcId, 1, "PTB", "DE", "EURAMET", "writer.ptb", "EURAMET-EM-DE-0000000Z-1",
                "The Josephson system is retired.", content("EM", List.of(), QMS)), "/kcdb/submission");
        String reviewId = await("a review case for the deletion request", () -> {
            List<Map<String, Object>> found = poll(SECRETARY, "/api/reviews?cmcId=" + cmcId);
            return found != null && found.size() == 1 ? (String) found.get(0).get("id") : null;
        });
        Map<String, Object> opened = view(reviewId);
        assertThat(opened.get("deletionRequest")).isEqualTo(true);
        assertThat(opened.get("supersedesKcdbCode")).isEqualTo("EURAMET-EM-DE-0000000Z-1");
        assertThat(opened.get("stage")).isEqualTo("INTRA_RMO_REVIEW");
        assertThat(String.valueOf(((List<?>) opened.get("history")).get(0)))
                .contains("deletion of EURAMET-EM-DE-0000000Z-1 requested: The Josephson system is retired.");
    }

    @Test
    void theEurametChairsApprovalOpensTheInterRmoReview() {
        String reviewId = openCase(content("EM", List.of(), "QMS-1"));
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision", Map.of("decision", "APPROVE", "comment", "ok"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.stage").isEqualTo("INTER_RMO_REVIEW")
                .jsonPath("$.decisions[0].tier").isEqualTo("INTRA_RMO")
                .jsonPath("$.decisions[0].qmsStatementRef").isEqualTo("QMS-1")
                .jsonPath("$.interRmoReview.askedRmos.length()").isEqualTo(5)
                .jsonPath("$.deadline").isEqualTo(CLOCK.instant().plus(Duration.ofDays(14)).toString());
        IntraRmoReviewApproved approved = events.await(EventType.REVIEW_INTRA_RMO_APPROVED,
                IntraRmoReviewApproved.class, e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(approved.askedRmos()).containsExactly("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM");
        assertThat(approved.latestReviewDeadline()).isEqualTo(approved.occurredAt().plus(Duration.ofDays(40)));

        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision", Map.of("decision", "REJECT", "comment", "late"))
                .expectStatus().isEqualTo(409).expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.currentState").isEqualTo("INTER_RMO_REVIEW");
        assertThat((List<?>) view(reviewId).get("history")).hasSize(2);
    }

    @Test
    void anApprovalWithoutAnyQmsStatementBreaksTheRules() {
        String reviewId = openCase(content("EM", List.of(), null));
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision", Map.of("decision", "APPROVE"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.detail").value(detail ->
                        assertThat((String) detail).contains("quality management system"));
        assertThat(view(reviewId).get("stage")).isEqualTo("INTRA_RMO_REVIEW");
    }

    @Test
    void writersAndOtherRmosCannotDecide() {
        String reviewId = openCase();
        String decision = "/api/reviews/" + reviewId + "/decision";
        post(WRITER_PTB, decision, Map.of("decision", "APPROVE")).expectStatus().isForbidden();
        post(CHAIR_SIM, decision, Map.of("decision", "APPROVE")).expectStatus().isNotFound();
        post(CHAIR_EURAMET, decision, Map.of("decision", "RETURN")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        post(CHAIR_EURAMET, decision, Map.of("decision", "MAYBE")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("decision");
        post(CHAIR_EURAMET, decision, Map.of("decision", "APPROVE", "verdict", "yes")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("verdict");
        assertThat(view(reviewId).get("stage")).isEqualTo("INTRA_RMO_REVIEW");
    }

    /**
     * Authorization before the body (issue 17 item 5): with an empty body, a caller whose role has no part in the
     * command hears 403 and one who does not see the case 404, never the 400 that names the body's rules; only a
     * caller with rights on the case hears which field is missing.
     */
    @Test
    void aCallerWithoutRightsOnTheCaseIsRefusedBeforeTheBodyIsJudged() {
        String reviewId = openCase();
        String unknown = "/api/reviews/" + org.bipm.kcdb.review.domain.ReviewCase.idFor(UUID.randomUUID().toString());
        for (String command : List.of("reviewers", "decision", "rmo-intents", "rmo-decisions")) {
            String path = "/api/reviews/" + reviewId + "/" + command;
            post(WRITER_PTB, path, Map.of()).expectStatus().isForbidden();
            post(SECRETARY, path, Map.of()).expectStatus().isForbidden();
            post(CHAIR_SIM, path, Map.of()).expectStatus().isNotFound();
            post(CHAIR_EURAMET, unknown + "/" + command, Map.of()).expectStatus().isNotFound();
        }
        for (String command : List.of("deadline", "close")) {
            post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/" + command, Map.of()).expectStatus().isForbidden();
            post(SECRETARY, unknown + "/" + command, Map.of()).expectStatus().isNotFound();
        }
        String comments = "/api/reviews/" + reviewId + "/comments";
        post(OFFICE, comments, Map.of()).expectStatus().isForbidden();
        post(WRITER_NPL, comments, Map.of()).expectStatus().isNotFound();
        post(CHAIR_SIM, comments, Map.of()).expectStatus().isNotFound();
        post(CHAIR_EURAMET, "/api/reviews/bulk-decision", Map.of()).expectStatus().isBadRequest();
        post(WRITER_PTB, "/api/reviews/bulk-decision", Map.of()).expectStatus().isForbidden();

        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("decision");
        post(WRITER_PTB, comments, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/reviewers", Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reviewer");
        assertThat(view(reviewId).get("version")).isEqualTo(1);
    }

    @Test
    void theChairAssignsAReviewerOfTheRmoFromAnotherInstitute() {
        String reviewId = openCase();
        String reviewers = "/api/reviews/" + reviewId + "/reviewers";
        post(CHAIR_EURAMET, reviewers, Map.of("reviewer", "reviewer.lne"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.assignments[0].reviewer").isEqualTo("reviewer.lne")
                .jsonPath("$.assignments[0].institute").isEqualTo("LNE")
                .jsonPath("$.assignments[0].assignedBy").isEqualTo("chair.euramet");
        ReviewerAssigned assigned = events.await(EventType.REVIEW_REVIEWER_ASSIGNED, ReviewerAssigned.class,
                e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(assigned.reviewer()).isEqualTo("reviewer.lne");

        post(REVIEWER_LNE, reviewers, Map.of("reviewer", "reviewer.npl")).expectStatus().isForbidden();
        post(CHAIR_SIM, reviewers, Map.of("reviewer", "reviewer.nrc")).expectStatus().isNotFound();
        post(CHAIR_EURAMET, reviewers, Map.of()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").value(fields ->
                        assertThat(String.valueOf(fields)).isEqualTo("[\"reviewer\"]"));

        approveIntraRmo(reviewId); // the inter-RMO review's reviewers are the reviewing RMOs' to assign
        post(CHAIR_EURAMET, reviewers, Map.of("reviewer", "reviewer.npl")).expectStatus().isForbidden();
    }

    @Test
    void anAssignedReviewerCommentsAndTheWriterAnswersInTheThread() {
        String reviewId = openCase();
        String comments = "/api/reviews/" + reviewId + "/comments";
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/reviewers",
                Map.of("reviewer", "reviewer.lne")).expectStatus().isOk();

        post(REVIEWER_LNE, comments, Map.of("text", "Which Josephson array?")).expectStatus().isOk()
                .expectBody().jsonPath("$.comments[0].id").isEqualTo("c-1")
                .jsonPath("$.comments[0].author").isEqualTo("reviewer.lne");
        post(WRITER_PTB, comments, Map.of("text", "The PTB 10 V SINIS array.", "inReplyTo", "c-1"))
                .expectStatus().isOk().expectBody().jsonPath("$.comments[1].inReplyTo").isEqualTo("c-1");
        ReviewCommentAdded reply = events.await(EventType.REVIEW_COMMENT_ADDED, ReviewCommentAdded.class,
                e -> e.reviewId().equals(reviewId) && "c-2".equals(e.commentId()), Duration.ofSeconds(30));
        assertThat(reply.author()).isEqualTo("writer.ptb");

        post(WRITER_PTB, comments, Map.of("text", "?", "inReplyTo", "c-9")).expectStatus().isEqualTo(422);
        post(REVIEWER_NPL, comments, Map.of("text", "Me too.")).expectStatus().isForbidden(); // not assigned
        post(WRITER_NPL, comments, Map.of("text", "Me too.")).expectStatus().isNotFound(); // not their CMC
        post(OFFICE, comments, Map.of("text", "Me too.")).expectStatus().isForbidden();
        post(REVIEWER_LNE, comments, Map.of("text", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");

        // The writer reads the thread of their CMC's case to answer it.
        get(WRITER_PTB, "/api/reviews/" + reviewId).expectStatus().isOk()
                .expectBody().jsonPath("$.comments.length()").isEqualTo(2);
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision", Map.of("decision", "REJECT", "comment", "No."))
                .expectStatus().isOk();
        post(REVIEWER_LNE, comments, Map.of("text", "Too late?")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentState").isEqualTo("REJECTED");
    }

    @Test
    void anotherRmosChairDeclaresWhetherItWillReviewWithinTheRules() {
        String reviewId = openCase();
        String intents = "/api/reviews/" + reviewId + "/rmo-intents";
        post(CHAIR_SIM, intents, Map.of("willReview", false)).expectStatus().isNotFound(); // not yet SIM's to see
        post(CHAIR_EURAMET, intents, Map.of("willReview", false)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentState").isEqualTo("INTRA_RMO_REVIEW");
        approveIntraRmo(reviewId);

        post(WRITER_PTB, intents, Map.of("willReview", false)).expectStatus().isForbidden();
        post(CHAIR_EURAMET, intents, Map.of("willReview", false)).expectStatus().isForbidden(); // its own CMC
        post(CHAIR_SIM, intents, Map.of("deadline", CLOCK.instant().plus(Duration.ofDays(20)).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("willReview");
        post(CHAIR_SIM, intents, Map.of("willReview", true,
                "deadline", CLOCK.instant().plus(Duration.ofDays(60)).toString()))
                .expectStatus().isEqualTo(422); // beyond the maximum review period of 42 days

        Instant deadline = CLOCK.instant().plus(Duration.ofDays(30));
        post(CHAIR_SIM, intents, Map.of("willReview", true, "deadline", deadline.toString())).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.intents[0].rmo").isEqualTo("SIM")
                .jsonPath("$.intents[0].willReview").isEqualTo(true)
                .jsonPath("$.deadline").isEqualTo(deadline.toString())
                .jsonPath("$.interRmoReview.reviewingRmos[0]").isEqualTo("SIM");
        RmoIntentDeclared declared = events.await(EventType.REVIEW_RMO_INTENT_DECLARED, RmoIntentDeclared.class,
                e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(declared.deadline()).isEqualTo(deadline);
        post(CHAIR_SIM, intents, Map.of("willReview", false)).expectStatus().isEqualTo(409);
    }

    @Test
    void onlyAReviewingRmosChairDecidesAndAnObjectionSaysWhy() {
        String reviewId = openCase();
        String decisions = "/api/reviews/" + reviewId + "/rmo-decisions";
        post(CHAIR_SIM, decisions, Map.of("decision", "APPROVE")).expectStatus().isNotFound();
        approveIntraRmo(reviewId);
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", true))
                .expectStatus().isOk();
        post(CHAIR_APMP, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", true))
                .expectStatus().isOk();

        post(CHAIR_COOMET, decisions, Map.of("decision", "APPROVE")).expectStatus().isForbidden(); // not reviewing
        post(REVIEWER_NRC, decisions, Map.of("decision", "APPROVE")).expectStatus().isForbidden(); // not a chair
        post(CHAIR_SIM, decisions, Map.of("decision", "OBJECT")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        post(CHAIR_SIM, decisions, Map.of("decision", "APPROVE", "comment", "Consistent with SIM.EM-K8."))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.stage").isEqualTo("INTER_RMO_REVIEW") // APMP still reviews
                .jsonPath("$.decisions[1].tier").isEqualTo("INTER_RMO")
                .jsonPath("$.decisions[1].rmo").isEqualTo("SIM");
        post(CHAIR_SIM, decisions, Map.of("decision", "OBJECT", "comment", "On second thoughts..."))
                .expectStatus().isEqualTo(409);
    }

    @Test
    void theJcrbSecretaryExtendsTheInterRmoDeadlineOnlyForward() {
        String reviewId = openCase();
        String deadline = "/api/reviews/" + reviewId + "/deadline";
        Instant later = CLOCK.instant().plus(Duration.ofDays(50));
        post(SECRETARY, deadline, Map.of("deadline", later.toString())).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentState").isEqualTo("INTRA_RMO_REVIEW");
        approveIntraRmo(reviewId);
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", true,
                "deadline", CLOCK.instant().plus(Duration.ofDays(30)).toString())).expectStatus().isOk();
        post(CHAIR_SIM, "/api/reviews/" + reviewId + "/reviewers", Map.of("reviewer", "reviewer.nrc"))
                .expectStatus().isOk();

        post(CHAIR_EURAMET, deadline, Map.of("deadline", later.toString())).expectStatus().isForbidden();
        post(SECRETARY, deadline, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deadline");
        post(SECRETARY, deadline, Map.of("deadline", "next week")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("deadline");
        post(SECRETARY, deadline, Map.of("deadline", CLOCK.instant().plus(Duration.ofDays(20)).toString()))
                .expectStatus().isEqualTo(422); // earlier than SIM's
        post(SECRETARY, deadline, Map.of("deadline", later.toString())).expectStatus().isOk()
                .expectBody().jsonPath("$.deadline").isEqualTo(later.toString());
        assertThat((List<?>) view(reviewId).get("history")).last().asString().contains("deadline extended");

        // The others who keep a clock on the round hear of it, keyed by the CMC like the case's other events.
        ReviewDeadlineExtended extended = events.await(EventType.REVIEW_DEADLINE_EXTENDED,
                ReviewDeadlineExtended.class, e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(events.headersOf(EventType.REVIEW_DEADLINE_EXTENDED, extended.cmcId(), Duration.ofSeconds(30)))
                .containsEntry("kafka.key", extended.cmcId());
        assertThat(extended.rmo()).isEqualTo("EURAMET");
        assertThat(extended.round()).isEqualTo(1);
        assertThat(extended.previousDeadline()).isEqualTo(CLOCK.instant().plus(Duration.ofDays(30)));
        assertThat(extended.deadline()).isEqualTo(later);
        assertThat(extended.extendedBy()).isEqualTo("jcrb.secretary");
        assertThat(extended.rmos()).containsExactly("SIM");
        assertThat(extended.reviewers()).containsExactly("reviewer.nrc");
        assertThat(events.allOf(EventType.REVIEW_DEADLINE_EXTENDED, ReviewDeadlineExtended.class,
                e -> e.reviewId().equals(reviewId), 1, Duration.ofSeconds(60), Duration.ofSeconds(2)))
                .as("the refused extensions published nothing").hasSize(1);
    }

    /**
     * The JCRB dashboard pages the inter-RMO cases by deadline (issue 13): the list sorts by deadline or opening date
     * either way, ties by case id, so that pages of any size give each case once and in order; an unknown order is a
     * field error.
     */
    @Test
    void theCaseListSortsByDeadlineOrOpeningDateAndPagesInThatOrder() {
        List<String> ids = new java.util.ArrayList<>();
        for (int days : List.of(30, 40, 35)) {
            String reviewId = openCase();
            approveIntraRmo(reviewId);
            post(CHAIR_SIM, "/api/reviews/" + reviewId + "/rmo-intents", Map.of("willReview", true,
                    "deadline", CLOCK.instant().plus(Duration.ofDays(days)).toString())).expectStatus().isOk();
            ids.add(reviewId);
        }
        String inter = "/api/reviews?stage=INTER_RMO_REVIEW&size=1000&sort=";
        assertThat(mine(poll(SECRETARY, inter + "deadline"), ids)).containsExactly(ids.get(0), ids.get(2), ids.get(1));
        assertThat(mine(poll(SECRETARY, inter + "-deadline"), ids)).containsExactly(ids.get(1), ids.get(2), ids.get(0));

        List<Map<String, Object>> oldest = poll(SECRETARY, inter + "opened");
        List<Map<String, Object>> newest = poll(SECRETARY, inter + "-opened");
        java.util.Comparator<Map<String, Object>> byOpening = java.util.Comparator.comparing(c -> Instant.parse(
                (String) c.get("openedAt")));
        java.util.Comparator<Map<String, Object>> byId = java.util.Comparator.comparing(c -> (String) c.get("id"));
        assertThat(oldest).hasSizeGreaterThanOrEqualTo(3).isSortedAccordingTo(byOpening.thenComparing(byId));
        assertThat(newest).isSortedAccordingTo(byOpening.reversed().thenComparing(byId));

        // a page at a time, one case a page: every case once, in the order of the whole list
        List<Map<String, Object>> all = poll(SECRETARY, inter + "deadline");
        List<Object> paged = new java.util.ArrayList<>();
        for (int page = 0; page < all.size(); page++) {
            paged.add(poll(SECRETARY, "/api/reviews?stage=INTER_RMO_REVIEW&sort=deadline&size=1&page=" + page)
                    .get(0).get("id"));
        }
        assertThat(paged).isEqualTo(all.stream().map(c -> c.get("id")).toList());

        get(SECRETARY, "/api/reviews?sort=age").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sort");
    }

    private static List<Object> mine(List<Map<String, Object>> cases, List<String> ids) {
        return cases.stream().map(c -> c.get("id")).filter(ids::contains).toList();
    }

    @Test
    void theJcrbSecretaryClosesACaseItHoldsAsARejection() {
        String reviewId = openCase();
        String close = "/api/reviews/" + reviewId + "/close";
        post(SECRETARY, close, Map.of("comment", "Not the JCRB's yet.")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentState").isEqualTo("INTRA_RMO_REVIEW");
        approveIntraRmo(reviewId);
        post(CHAIR_EURAMET, close, Map.of("comment", "Enough.")).expectStatus().isForbidden();
        post(SECRETARY, close, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("comment");
        post(SECRETARY, close, Map.of("comment", "Superseded by a new submission.")).expectStatus().isOk()
                .expectBody().jsonPath("$.stage").isEqualTo("REJECTED");
        CmcRejected rejected = events.await(EventType.CMC_REJECTED, CmcRejected.class,
                e -> e.reviewId().equals(reviewId), Duration.ofSeconds(30));
        assertThat(rejected.rejectedBy()).isEqualTo("jcrb.secretary");
        post(SECRETARY, close, Map.of("comment", "Again.")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentState").isEqualTo("REJECTED");
    }

    @Test
    void theClockTicksAtTheConfiguredPeriod() {
        assertThat(schedulers).flatExtracting(ScheduledTaskHolder::getScheduledTasks)
                .extracting(ScheduledTask::getTask)
                .filteredOn(FixedDelayTask.class::isInstance)
                .extracting(task -> ((FixedDelayTask) task).getIntervalDuration())
                .containsExactly(Duration.ofDays(1));
    }

    @Test
    void aChairWhoseTokenNamesNoRmoActsOnNothing() {
        String reviewId = openCase();
        String chairWithoutRmo = DemoUsers.token("chair.x", List.of("tc-chair"), Map.of("institute", "METAS"));
        post(chairWithoutRmo, "/api/reviews/" + reviewId + "/decision", Map.of("decision", "APPROVE"))
                .expectStatus().isForbidden();
        get(chairWithoutRmo, "/api/reviews/" + reviewId).expectStatus().isForbidden();
        get(chairWithoutRmo, "/api/reviews?assignedTo=me").expectStatus().isOk();
    }

    @Test
    void aCaseNobodyKnowsIsNotFoundAndAnUnreadableBodyIsABadRequest() {
        get(SECRETARY, "/api/reviews/" + UUID.randomUUID()).expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        get(OFFICE, "/api/reviews").expectStatus().isForbidden();
        String reviewId = openCase();
        http.post().uri("/api/reviews/" + reviewId + "/comments").headers(h -> h.setBearerAuth(REVIEWER_LNE))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue("{\"text\": ")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void aCmcWithdrawnByItsInstituteEndsItsReview() {
        String cmcId = UUID.randomUUID().toString();
        String reviewId = open(submission(cmcId, 1, content("EM", List.of(), QMS)));
        CmcWithdrawn withdrawn = new CmcWithdrawn(UUID.randomUUID(), CLOCK.instant(), CmcWithdrawn.SCHEMA_VERSION,
                cmcId, 1, "PTB", "DE", "EURAMET", "writer.ptb", "Service discontinued");
        events.send(withdrawn, "/kcdb/submission");
        events.send(withdrawn, "/kcdb/submission"); // redelivered
        await("the case withdrawn", () -> "WITHDRAWN".equals(view(reviewId).get("stage")) ? true : null);
        post(CHAIR_EURAMET, "/api/reviews/" + reviewId + "/decision",
                Map.of("decision", "APPROVE", "comment", "Fine.", "qmsStatementRef", QMS))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.currentState").isEqualTo("WITHDRAWN");
    }

    @Test
    void theApiIsDescribedAsOpenApiWithoutAToken() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3."))
                .jsonPath("$.paths['/api/reviews/{id}/decision']").exists();
    }
}
