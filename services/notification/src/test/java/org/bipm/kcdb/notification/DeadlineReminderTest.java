package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewCommentAdded;
import org.bipm.kcdb.events.ReviewDeadlineExtended;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.ReviewerAssigned;
import org.bipm.kcdb.events.RmoDecided;
import org.bipm.kcdb.events.RmoIntentDeclared;
import org.bipm.kcdb.notification.application.Notifications;
import org.bipm.kcdb.notification.application.Reminders;
import org.bipm.kcdb.notification.domain.Deadline;
import org.bipm.kcdb.notification.domain.DeadlinePhase;
import org.bipm.kcdb.notification.domain.DeadlineStep;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.persistence.DeadlineStore;
import org.bipm.kcdb.notification.persistence.InboxStore;
import org.bipm.kcdb.test.Eventually;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deadlines of the review's steps (issue 14, item 3): each person who must act is reminded before their
 * deadline and escalated after it, once, with several instances looking. Time is moved on by the service's clock,
 * not waited for; it only ever moves forward, as time does (the other tests read it too).
 */
class DeadlineReminderTest extends NotificationComponentTest {

    @Autowired
    DeadlineStore deadlines;
    @Autowired
    Notifications notifications;
    @Autowired
    InboxStore inbox;

    /**
     * Sending and the deadline scan are independent: while the sender is held in the middle of a round (a relay that
     * keeps it waiting, as a thousand-e-mail backlog would keep it busy), a reminder that falls due is still written
     * to the inbox; once the relay is back, the held e-mails go out too, nothing lost.
     */
    @Test
    void aReminderFallsDueWhileTheSenderIsHeldInTheMiddleOfARound() throws Exception {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        stopSmtp();
        HoldingRelay relay = new HoldingRelay(SMTP_PORT);
        try {
            Instant t0 = CLOCK.instant();
            submitted(cmc, review, "EM");
            send(new ReviewOpened(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW",
                    t0.plus(days(40))));
            send(new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "reviewer.npl",
                    "chair.euramet", "EURAMET", t0.plus(days(20))));
            Eventually.await("the sender connected to the relay that holds it",
                    () -> relay.accepted() > 0 ? true : null);

            CLOCK.advance(days(14)); // past the reviewer's reminder (7 days before their deadline)
            Eventually.await("the reminder in reviewer.npl's inbox", () -> inbox.page("reviewer.npl", false, 0, 100)
                    .filter(item -> item.kind() == NotificationKind.DEADLINE_APPROACHING
                            && item.toString().contains(cmc)).hasElements().block() ? true : null);
            assertThat(relay.senderLeft()).as("the sender is still held in its round").isFalse();
        } finally {
            // The relay lets the held connection go first (421, a failed attempt the sender retries): a listener cannot
            // always bind a port that still has an accepted connection of an earlier listener (seen on Linux 6.18).
            relay.close();
            smtp = startSmtp(); // on the port the relay listened on: the retry reaches it
        }
        // the relay ended the held connection (421): the e-mails wait, are retried, and arrive
        assertThat(awaitRecipients("You are asked to review CMC " + cmc, 1)).containsExactly(
                "reviewer.npl@kcdb.example");
        assertThat(awaitRecipients("approaching for CMC " + cmc, 1)).containsExactly("reviewer.npl@kcdb.example");
    }

    /**
     * An SMTP relay that accepts connections and keeps each waiting in its greeting: a continuation line
     * ({@code 220-}) every half second, so the sender's read timeout never ends the wait; closed, it answers 421
     * (service not available), which the sender treats as a failed attempt to be retried.
     */
    static final class HoldingRelay implements AutoCloseable {

        private final java.net.ServerSocket server;
        private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean senderLeft =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean closing =
                new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newCachedThreadPool();

        HoldingRelay(int port) throws java.io.IOException {
            server = new java.net.ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            threads.execute(this::accept);
        }

        int accepted() {
            return held.size();
        }

        /** Whether a sender hung up while held (it would, were its round over). */
        boolean senderLeft() {
            return senderLeft.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket socket = server.accept();
                    held.add(socket);
                    threads.execute(() -> hold(socket));
                } catch (java.io.IOException closed) {
                    return;
                }
            }
        }

        private void hold(java.net.Socket socket) {
            threads.execute(() -> {
                try {
                    if (socket.getInputStream().read() < 0 && !closing.get()) {
                        senderLeft.set(true);
                    }
                } catch (java.io.IOException ended) {
                    if (!closing.get()) {
                        senderLeft.set(true);
                    }
                }
            });
            try {
                while (write(socket, "220-kcdb-test holding")) {
                    Thread.sleep(500); // the pace of the lines; the sender's read timeout is seconds
                }
            } catch (java.io.IOException | InterruptedException ended) {
                // the sender hung up, or the test is over
            }
        }

        /** One line, unless the relay is closing; false then. */
        private static boolean write(java.net.Socket socket, String line) throws java.io.IOException {
            synchronized (socket) {
                if (socket.isClosed()) {
                    return false;
                }
                socket.getOutputStream().write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return true;
            }
        }

        @Override
        public void close() throws java.io.IOException {
            closing.set(true);
            server.close();
            for (java.net.Socket socket : held) {
                synchronized (socket) {
                    try {
                        write(socket, "421 kcdb-test closing");
                    } catch (java.io.IOException gone) {
                        // the sender hung up already
                    }
                    socket.close();
                }
            }
            threads.shutdownNow();
        }
    }

    @Test
    void eachPersonIsRemindedOfTheirOwnDeadlineAndEscalatedOnceAStepTakenEndsIt() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        Instant t0 = CLOCK.instant();
        submitted(cmc, review, "EM");
        send(new ReviewOpened(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW",
                t0.plus(days(40))));
        ReviewerAssigned lne = new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET",
                "reviewer.lne", "chair.euramet", "EURAMET", t0.plus(days(20)));
        send(lne);
        send(new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "reviewer.npl", "chair.euramet",
                "EURAMET", t0.plus(days(20))));
        send(new ReviewCommentAdded(UUID.randomUUID(), t0, 1, review, cmc, "c1", "reviewer.lne", null,
                "Reviewed: the budget holds."));
        awaitRecipients("Reviewed: the budget holds", 3); // writer, the other reviewer, the chair
        send(lne); // redelivered: sets the same deadline again, which changes nothing

        CLOCK.advance(days(14)); // past the reviewers' reminder (7 days before), before their deadline
        assertThat(awaitRecipients("approaching for CMC " + cmc, 1))
                .as("the reviewer who has not commented, in person; the one who did is done")
                .containsExactly("reviewer.npl@kcdb.example");

        CLOCK.advance(days(7)); // past the reviewers' deadline; two more instances look at the same moment
        Reminders second = new Reminders(deadlines, notifications, CLOCK, Duration.ofMinutes(5));
        Reminders third = new Reminders(deadlines, notifications, CLOCK, Duration.ofMinutes(5));
        CompletableFuture.allOf(CompletableFuture.runAsync(second::tellDue),
                CompletableFuture.runAsync(third::tellDue)).join();
        assertThat(awaitRecipients("Overdue: reviewer.npl on CMC " + cmc, 2))
                .as("the reviewer and their own RMO's chairs, each once")
                .containsExactly("chair.euramet@kcdb.example", "reviewer.npl@kcdb.example");

        send(new ReviewReturned(UUID.randomUUID(), CLOCK.instant(), 2, review, cmc, "chair.euramet",
                "Please add the uncertainty budget.", CLOCK.instant().plus(days(10))));
        awaitRecipients("CMC " + cmc + " was returned", 2);
        CLOCK.advance(days(6)); // past the writer's reminder (half-way, the step being shorter than 14 days)
        assertThat(awaitRecipients("approaching for CMC " + cmc, 2)).containsExactly("reviewer.npl@kcdb.example",
                "writer.ptb@kcdb.example");
        CLOCK.advance(days(6)); // past the writer's deadline; the RMO's own review would have been reminded now
        assertThat(awaitRecipients("Overdue: writer.ptb on CMC " + cmc, 2))
                .as("the writer who submitted, and the chairs who wait on the answer")
                .containsExactly("chair.euramet@kcdb.example", "writer.ptb@kcdb.example");
        assertThat(mailAbout("Overdue: writer.ptb on CMC " + cmc)).as("the step in words, never its code name")
                .allSatisfy(mail -> assertThat(mail.body()).contains("the writer's answer after a return")
                        .doesNotContain("WRITER_ANSWER"));

        assertThat(mailAbout(cmc)).as("the RMO's review ended with the return: never reminded")
                .noneMatch(mail -> mail.body().contains("intra-RMO review"));
        assertThat(recipientsOf("approaching for CMC " + cmc)).hasSize(2);
        assertThat(mailAbout("Overdue:")).filteredOn(mail -> mail.body().contains(cmc)).hasSize(4);
    }

    @Test
    void theSubmittingRmosOwnReviewIsEscalatedToTheJcrbSecretaryAndAResubmissionEndsTheWritersWait() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        Instant t0 = CLOCK.instant();
        submitted(cmc, review, "EM");
        send(new ReviewOpened(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "EM", "INTRA_RMO_REVIEW",
                t0.plus(days(30))));
        Eventually.await("the RMO's deadline on record", () -> deadlines.find(
                Deadline.idOf(cmc, DeadlineStep.INTRA_RMO_REVIEW, "EURAMET")).block());

        CLOCK.advance(days(31)); // no reminder was told in time (the scan was not looking): escalated at once
        assertThat(awaitRecipients("Overdue: EURAMET on CMC " + cmc, 2))
                .containsExactly("chair.euramet@kcdb.example", "jcrb.secretary@kcdb.example");
        assertThat(recipientsOf("approaching for CMC " + cmc)).isEmpty();
    }

    @Test
    void aJcrbExtensionMovesTheReviewersDeadlineSoNoReminderComesForTheOldDateAndOneComesForTheNew() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        Instant t0 = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS); // as the store keeps instants
        submitted(cmc, review, "EM");
        send(new IntraRmoReviewApproved(UUID.randomUUID(), t0, 1, review, cmc, "PTB", "DE", "EURAMET", "EM",
                "chair.euramet", "EURAMET TC-Q 2026/01", List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"), t0.plus(days(14)),
                t0.plus(days(42))));
        send(new RmoIntentDeclared(UUID.randomUUID(), t0, 1, review, cmc, "SIM", true, t0.plus(days(30)),
                "chair.sim"));
        send(new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "reviewer.nrc", "chair.sim",
                "SIM", t0.plus(days(20))));
        String nrc = Deadline.idOf(cmc, DeadlineStep.REVIEWER, "reviewer.nrc");
        Eventually.await("the SIM reviewer's deadline on record", () -> deadlines.find(nrc).block());

        ReviewDeadlineExtended extended = new ReviewDeadlineExtended(UUID.randomUUID(), t0.plus(days(1)), 1, review,
                cmc, "EURAMET", 1, t0.plus(days(30)), t0.plus(days(60)), "jcrb.secretary", List.of("SIM"),
                List.of("reviewer.nrc"));
        send(extended);
        assertThat(awaitRecipients("More time for CMC " + cmc, 2))
                .as("whoever the extension gives more time: the reviewing RMO's chairs and its reviewer")
                .containsExactly("chair.sim@kcdb.example", "reviewer.nrc@kcdb.example");
        assertThat(mailAbout("More time for CMC " + cmc)).allSatisfy(mail -> assertThat(mail.text())
                .contains(day(t0.plus(days(30))), day(t0.plus(days(60)))));
        assertThat(deadlines.find(nrc).block().dueAt()).isEqualTo(t0.plus(days(60)));
        send(extended); // redelivered: no second notice, the deadline stays where it is
        settle();
        assertThat(recipientsOf("More time for CMC " + cmc)).hasSize(2);

        CLOCK.advance(days(14)); // past the old reminder (7 days before day 20)
        settle();
        assertThat(recipientsOf("approaching for CMC " + cmc)).as("no reminder for the old date").isEmpty();
        CLOCK.advance(days(7)); // past the old due date
        settle();
        assertThat(mailAbout("Overdue: reviewer.nrc on CMC " + cmc)).as("no escalation on the old clock").isEmpty();

        CLOCK.advance(days(33)); // day 54: within a week of the new due date
        assertThat(awaitRecipients("approaching for CMC " + cmc, 1)).containsExactly("reviewer.nrc@kcdb.example");
        assertThat(mailAbout("approaching for CMC " + cmc)).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains(day(t0.plus(days(60)))));
    }

    @Test
    void whenAReviewingRmoDecidesItsReviewersAreNoLongerRemindedWhileTheOtherRmosReviewersStillAre() {
        String cmc = cmcId();
        String review = "rev-" + cmc;
        Instant t0 = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
        submitted(cmc, review, "EM");
        send(new IntraRmoReviewApproved(UUID.randomUUID(), t0, 1, review, cmc, "PTB", "DE", "EURAMET", "EM",
                "chair.euramet", "EURAMET TC-Q 2026/01", List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"),
                t0.plus(days(14)), t0.plus(days(42))));
        send(new RmoIntentDeclared(UUID.randomUUID(), t0, 1, review, cmc, "SIM", true, t0.plus(days(30)),
                "chair.sim"));
        send(new RmoIntentDeclared(UUID.randomUUID(), t0, 1, review, cmc, "APMP", true, t0.plus(days(30)),
                "chair.apmp"));
        send(new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "reviewer.nrc", "chair.sim",
                "SIM", t0.plus(days(20))));
        send(new ReviewerAssigned(UUID.randomUUID(), t0, 2, review, cmc, "EURAMET", "reviewer.kriss", "chair.apmp",
                "APMP", t0.plus(days(20))));
        String nrc = Deadline.idOf(cmc, DeadlineStep.REVIEWER, "reviewer.nrc");
        String kriss = Deadline.idOf(cmc, DeadlineStep.REVIEWER, "reviewer.kriss");
        Eventually.await("both reviewers' deadlines on record", () -> deadlines.find(nrc).block() != null
                && deadlines.find(kriss).block() != null ? true : null);
        assertThat(deadlines.find(nrc).block().reviewingRmo()).as("kept with the RMO reviewed for").isEqualTo("SIM");

        RmoDecided simApproves = new RmoDecided(UUID.randomUUID(), t0.plus(days(1)), 1, review, cmc, "SIM",
                "APPROVE", "chair.sim", null);
        send(simApproves);
        Eventually.await("SIM's reviewer's deadline met",
                () -> deadlines.find(nrc).block().phase() == DeadlinePhase.MET ? true : null);
        send(simApproves); // redelivered: changes nothing
        assertThat(deadlines.find(kriss).block().phase()).as("APMP has not decided")
                .isEqualTo(DeadlinePhase.WAITING);

        CLOCK.advance(days(14)); // past both reviewers' reminder time
        assertThat(awaitRecipients("approaching for CMC " + cmc, 1))
                .as("only the reviewer whose RMO has not decided").containsExactly("reviewer.kriss@kcdb.example");
        CLOCK.advance(days(7)); // past both reviewers' due date
        assertThat(awaitRecipients("Overdue: reviewer.kriss on CMC " + cmc, 2))
                .containsExactly("chair.apmp@kcdb.example", "reviewer.kriss@kcdb.example");
        assertThat(mailAbout(cmc)).as("SIM's reviewer hears nothing more once SIM decided")
                .noneMatch(mail -> mail.to().equals("reviewer.nrc@kcdb.example")
                        && (mail.subject().contains("approaching") || mail.subject().contains("Overdue")));
        assertThat(deadlines.find(nrc).block().phase()).isEqualTo(DeadlinePhase.MET);
    }

    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }
}
