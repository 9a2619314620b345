package org.bipm.kcdb.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.DirectoryUser;
import org.bipm.kcdb.directory.InMemoryDirectory;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.IntegrationEvent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.platform.Ports;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.test.Eventually;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The notification service against the real broker and store, a real SMTP server (GreenMail) in this JVM, and the
 * realm's users as the directory. Each test works on CMCs and comparisons of its own, and reads only the mail about
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kcdb.notification.send-interval=100ms",
        "kcdb.notification.first-retry=300ms",
        "kcdb.notification.max-retry=3s",
        "kcdb.notification.max-attempts=5",
        "kcdb.notification.deadline-scan=200ms",
        "kcdb.notification.reminder-before=7d",
        "kcdb.notification.submission-wait=10s",
        "kcdb.notification.digest-cron=-"}) // the tests assemble digests themselves
@Import({KcdbServiceTest.LocalTokens.class, NotificationComponentTest.People.class})
abstract class NotificationComponentTest extends KcdbServiceTest {

    static final int SMTP_PORT = Ports.freePort(); // below the range of outgoing connections' ports
    static GreenMail smtp = startSmtp();
    static final List<Mail> EARLIER = new CopyOnWriteArrayList<>();
    static TestEvents events;

    /**
     * The service's time: the deadline tests move it on by days instead of waiting. Tests that write the service's
     * records themselves take their times from it.
     */
    static final MovableClock CLOCK = new MovableClock();
    static final InMemoryDirectory DIRECTORY = InMemoryDirectory.ofRealm()
            .add(new DirectoryUser("reviewer.npl", "reviewer.npl", null, "reviewer.npl@kcdb.example",
                    Set.of(Role.TC_REVIEWER), "NPL", null, "EURAMET", Set.of("EM")))
            .add(user("writer2.ptb", Role.CMC_WRITER, "PTB", "EURAMET", Set.of()))
            .add(user("coordinator.npl", Role.COMPARISON_COORDINATOR, "NPL", "EURAMET", Set.of()))
            .add(user("coordinator.nist", Role.COMPARISON_COORDINATOR, "NIST", "SIM", Set.of()))
            .add(user("chair.euramet.qm", Role.TC_CHAIR, "LGC", "EURAMET", Set.of("QM")))
            .add(user("writer.lne", Role.CMC_WRITER, "LNE", "EURAMET", Set.of()))
            .add(user("writer2.lne", Role.CMC_WRITER, "LNE", "EURAMET", Set.of()))
            .add(user("writer.inm", Role.CMC_WRITER, "INM", "EURAMET", Set.of()));

    @LocalServerPort
    int port;
    @Autowired
    AggregateStore<CaseFile> caseFiles;
    WebTestClient http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database(registry, "notification-test");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.host", () -> "127.0.0.1");
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
        if (!smtp.isRunning()) {
            smtp = startSmtp();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class People {

        /** The realm's users and a few more, in place of Keycloak (both keep {@code DirectoryContract}). */
        @Bean
        @Primary
        Directory testDirectory() {
            return DIRECTORY;
        }

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    /** The real time, moved on by whatever the test says has passed. */
    static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static DirectoryUser user(String username, Role role, String institute, String rmo, Set<String> areas) {
        return new DirectoryUser(username, username, null, username + "@kcdb.example", Set.of(role), institute,
                null, rmo, areas);
    }

    /** The SMTP server goes down; what it received so far is kept for the tests to read. */
    static void stopSmtp() {
        Arrays.stream(smtp.getReceivedMessages()).map(Mail::of).forEach(EARLIER::add);
        smtp.stop();
    }

    /**
     * The SMTP server on its port, again after a stop. The kernel may refuse the port for a moment after the
     * connections of the listener before were closed, so a refused start is tried again for a few seconds.
     */
    static GreenMail startSmtp() {
        for (int attempt = 1; ; attempt++) {
            GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            try {
                server.start();
                return server;
            } catch (IllegalStateException refused) {
                server.stop();
                if (attempt == 20) {
                    throw refused;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    static String cmcId() {
        return "cmc-" + UUID.randomUUID();
    }

    static void send(IntegrationEvent event) {
        events.send(event, "/kcdb/test");
    }

    /** A CMC of PTB (EURAMET) in {@code area}, submitted by writer.ptb, its review opened as {@code reviewId}. */
    void submitted(String cmcId, String reviewId, String area) {
        submitted(cmcId, reviewId, area, "PTB", "writer.ptb");
    }

    /**
     * The review's events follow only once the service has the submission on file, as they follow it on the
     * platform. The submission and the review's events are on two topics, each read by a consumer of its own, and
     * nothing orders one topic's events after the other's: when the group rebalances (its four consumers join one by
     * one as the service starts), the submissions' consumer can wait in the group's join while the reviews' consumer
     * finishes a poll that brought a comment. The service holds such a comment for the submission, at most
     * {@code submission-wait} (NotificationServiceTest tests that order); these tests, which are about other things,
     * wait here so that a slow start cannot outlast it.
     */
    void submitted(String cmcId, String reviewId, String area, String institute, String writer) {
        sendSubmission(cmcId, area, institute, writer);
        Eventually.await("the submission of " + cmcId + " on file", () -> {
            Versioned<CaseFile> file = caseFiles.find(cmcId).block();
            return file != null && writer.equals(file.aggregate().writer()) ? true : null;
        });
        send(new ReviewOpened(UUID.randomUUID(), Instant.now(), 1, reviewId, cmcId, "EURAMET", area,
                "INTRA_RMO_REVIEW"));
    }

    /** The CMC's submission in {@code area}, by {@code writer} of {@code institute} (EURAMET). */
    static void sendSubmission(String cmcId, String area, String institute, String writer) {
        send(new CmcSubmitted(UUID.randomUUID(), Instant.now(), 1, cmcId, 1, institute, "DE", "EURAMET", writer,
                null, new CmcContent("PHYSICS", area, area + "/DC", "1", "1", "1", "DC voltage", "Zener", "Josephson",
                List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null, "Relative", 2.0, 95.0,
                "PTB", null, "PTB-1", List.of(), "EURAMET TC-Q 2026/01")));
    }

    /** The messages the SMTP server received that mention {@code about} in their subject or body, by recipient. */
    static List<Mail> mailAbout(String about) {
        List<Mail> all = new ArrayList<>(EARLIER);
        Arrays.stream(smtp.getReceivedMessages()).map(Mail::of).forEach(all::add);
        return all.stream()
                .filter(mail -> mail.subject().contains(about) || mail.body().contains(about)).toList();
    }

    static List<String> recipientsOf(String about) {
        return mailAbout(about).stream().map(Mail::to).sorted().toList();
    }

    /** Waits until exactly {@code expected} recipients have mail about {@code about}, then a little more. */
    static List<String> awaitRecipients(String about, int expected) {
        Eventually.await(expected + " messages about " + about,
                () -> mailAbout(about).size() >= expected ? true : null);
        settle();
        return recipientsOf(about);
    }

    /** Long enough for anything still on its way (consumer, sender) to arrive. */
    static void settle() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String token(String username, String... roles) {
        return ISSUER.token(username, List.of(roles), Map.of());
    }

    /** A received e-mail: its plain-text and HTML parts decoded. */
    record Mail(String to, String subject, String text, String html, String deliveryId, String messageId) {

        static Mail of(MimeMessage message) {
            try {
                StringBuilder text = new StringBuilder();
                StringBuilder html = new StringBuilder();
                parts(message, text, html);
                return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString()
                        .replaceAll(".*<(.*)>.*", "$1"), message.getSubject(), text.toString(), html.toString(),
                        message.getHeader("X-Kcdb-Delivery", null), message.getMessageID());
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String body() {
            return text + "\n" + html;
        }

        private static void parts(Part part, StringBuilder text, StringBuilder html)
                throws MessagingException, IOException {
            if (part.isMimeType("text/plain")) {
                text.append(part.getContent());
            } else if (part.isMimeType("text/html")) {
                html.append(part.getContent());
            } else if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    parts(multipart.getBodyPart(i), text, html);
                }
            }
        }
    }
}
