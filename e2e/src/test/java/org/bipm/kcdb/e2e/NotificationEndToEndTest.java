package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A CMC through its whole review on the shared platform, and then the mailboxes of the local mail server (IMAP, as a
 * person reads them): each party received what concerns them, and no other RMO was told of the intra-RMO draft.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class NotificationEndToEndTest {

    static final List<String> OTHER_CHAIRS = List.of("chair.sim", "chair.apmp", "chair.coomet", "chair.afrimets",
            "chair.gulfmet");

    private Platform platform;
    private Http gateway;

    @BeforeAll
    void platform(Platform platform) {
        this.platform = platform;
        gateway = new Http(platform.gatewayUrl());
    }

    @Test
    void everyPartyOfAReviewIsToldByEmailAndInTheirInboxAndNoOtherRmoHearsOfTheDraft() {
        String writer = token("writer.ptb");
        String chair = token("chair.euramet");
        String reviewer = token("reviewer.lne");

        String cmcId = gateway.post("/api/cmcs", writer, PlatformEndToEndTest.dcVoltageCmc()).body().get("id")
                .asText();
        assertThat(gateway.post("/api/cmcs/" + cmcId + "/submit", writer, "").status()).isEqualTo(200);
        String reviewId = await("the review case", () -> {
            Http.Response cases = gateway.get("/api/reviews?cmcId=" + cmcId, chair);
            return cases.status() == 200 && cases.body().get("content").size() == 1 ? cases.body().get("content").get(0).get("id").asText() : null;
        });

        // Intra-RMO: a reviewer is assigned and comments; only EURAMET's parties and the writer may hear of it.
        assertThat(gateway.post("/api/reviews/" + reviewId + "/reviewers", chair, Map.of("reviewer", "reviewer.lne"))
                .status()).isEqualTo(200);
        String remark = "Intra-RMO remark " + UUID.randomUUID();
        assertThat(gateway.post("/api/reviews/" + reviewId + "/comments", reviewer, Map.of("text", remark))
                .status()).isIn(200, 201);
        assertThat(gateway.post("/api/reviews/" + reviewId + "/decision", chair, Map.of("decision", "APPROVE",
                "comment", "Covered by the QMS.", "qmsStatementRef", "EURAMET TC-Q 2026/01")).status())
                .isEqualTo(200);

        // Inter-RMO: every other RMO is asked, declines, and the CMC is approved and published.
        for (String other : OTHER_CHAIRS) {
            assertThat(gateway.post("/api/reviews/" + reviewId + "/rmo-intents", token(other),
                    Map.of("willReview", false)).status()).as(other).isEqualTo(200);
        }
        await("the CMC published", () -> "PUBLISHED".equals(gateway.get("/api/cmcs/" + cmcId, writer).body()
                .get("status").asText()) ? true : null);

        awaitMail("reviewer.lne", "You are asked to review CMC " + cmcId);
        awaitMail("chair.euramet", "New comment on CMC " + cmcId);
        Mail comment = awaitMail("writer.ptb", "New comment on CMC " + cmcId);
        assertThat(comment.text()).contains(remark).contains(platform.gatewayUrl() + "/reviews/" + reviewId);
        awaitMail("writer.ptb", "CMC " + cmcId + " was approved");
        awaitMail("writer.ptb", "CMC " + cmcId + " is published as EURAMET-EM-DE-");
        for (String other : OTHER_CHAIRS) {
            awaitMail(other, "Will your RMO review CMC " + cmcId);
        }
        for (String other : OTHER_CHAIRS) {
            assertThat(mailbox(other)).as(other + " was not told of the intra-RMO draft")
                    .noneMatch(m -> m.subject().contains("New comment on CMC " + cmcId) || m.text().contains(remark)
                            || m.subject().contains("asked to review CMC " + cmcId));
        }
        assertThat(mailbox("writer.npl")).as("another institute's writer").noneMatch(m -> m.text().contains(cmcId)
                || m.subject().contains(cmcId));
        assertThat(mailbox("reviewer.lne")).as("the reviewer is not told of the outcome meant for writers")
                .noneMatch(m -> m.subject().contains("CMC " + cmcId + " was approved"));

        // The same notices in the writer's inbox, through the gateway.
        JsonNode inbox = gateway.get("/api/notifications?size=100", writer).body();
        List<String> titles = new ArrayList<>();
        inbox.get("content").forEach(item -> titles.add(item.get("title").asText()));
        assertThat(titles).contains("New comment on CMC " + cmcId, "CMC " + cmcId + " was approved");
        assertThat(gateway.get("/api/notifications/unread-count", writer).body().get("unread").asLong()).isPositive();
        assertThat(gateway.get("/api/notifications", null).status()).isEqualTo(401);
    }

    private String token(String user) {
        return Http.passwordToken(platform.tokenUrl(), user);
    }

    record Mail(String subject, String text) {
    }

    private Mail awaitMail(String user, String subject) {
        return await(user + "'s e-mail '" + subject + "'", () -> mailbox(user).stream()
                .filter(m -> m.subject().contains(subject)).findFirst().orElse(null));
    }

    /** The user's mailbox on the platform's mail server, read over IMAP as any mail client would. */
    private List<Mail> mailbox(String user) {
        List<Mail> mails = new ArrayList<>();
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", platform.ports().imap(), user + "@kcdb.example", "any");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message message : inbox.getMessages()) {
                    StringBuilder text = new StringBuilder();
                    collectText(message, text);
                    mails.add(new Mail(message.getSubject(), text.toString()));
                }
                inbox.close(false);
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError("Cannot read " + user + "'s mailbox: " + e, e);
        }
        return mails;
    }

    private static void collectText(Part part, StringBuilder text) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectText(multipart.getBodyPart(i), text);
            }
        }
    }

    private static <T> T await(String what, Supplier<T> probe) {
        // Generous: on the shared platform this test's events queue behind those of the classes before it (the
        // authorization matrix's set-up opens some 60 inter-RMO reviews), and a busy CI machine is slower still.
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what);
    }
}
