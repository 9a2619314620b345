package org.bipm.kcdb.notification.application;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import org.bipm.kcdb.notification.NotificationProperties;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bipm.kcdb.support.metrics.DeliveryMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends the recorded e-mails over SMTP. Each is claimed (SENDING) before it is sent and marked SENT after the server
 * accepted it; a failure puts it back with a doubled wait, and after the last attempt it is parked for the KCDB
 * office. A sender that stops mid-send leaves a claim that another takes over once the lease ran out. Every
 * e-mail carries a Message-ID derived from its delivery, so the one repeat that remains possible (the server
 * accepted it, the sender stopped before recording that) is recognisable as the same message.
 */
public class Postman {

    private static final Logger log = LoggerFactory.getLogger(Postman.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** E-mails sent over one SMTP connection (relays limit how many they take on one), and connections per round. */
    private static final int PER_CONNECTION = 100;
    private static final int CONNECTIONS_PER_ROUND = 10;

    private final DeliveryStore deliveries;
    private final JavaMailSender smtp;
    private final MailComposer composer;
    private final NotificationProperties properties;
    private final Clock clock;
    private final DeliveryMeters meters;

    public Postman(DeliveryStore deliveries, JavaMailSender smtp, MailComposer composer,
                   NotificationProperties properties, Clock clock) {
        this(deliveries, smtp, composer, properties, clock, DeliveryMeters.mails(new SimpleMeterRegistry()));
    }

    public Postman(DeliveryStore deliveries, JavaMailSender smtp, MailComposer composer,
                   NotificationProperties properties, Clock clock, DeliveryMeters meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.smtp = smtp;
        this.composer = composer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends what is due, over one connection per {@link #PER_CONNECTION} e-mails (so the backlog of a busy hour goes
     * out at the server's pace, not one greeting per e-mail); stops at the first failure (the server is likely down
     * for the next too).
     */
    public int sendDue() {
        int sent = 0;
        Claims claims = new Claims();
        for (int connection = 0; connection < CONNECTIONS_PER_ROUND; connection++) {
            int sentOverIt = sendOverOneConnection(claims);
            sent += sentOverIt;
            if (sentOverIt < PER_CONNECTION) {
                break; // nothing more due, or a failure
            }
        }
        return sent;
    }

    /**
     * Claims and sends e-mails one at a time over one SMTP connection, each recorded as sent as soon as the server
     * accepted it, so a sender that stops mid-round leaves at most the one e-mail in flight to be sent again (as with
     * a connection per e-mail). Opening a connection is the slow part of a send: the greeting and the EHLO exchange
     * each wait a round trip, the EHLO answer (several lines) often a delayed acknowledgement as well (about 40 ms on
     * Linux); the benchmark spent most of each e-mail's time there (bench/README.md, "Notifications").
     */
    private int sendOverOneConnection(Claims claims) {
        int sent = 0;
        try (Outgoing outgoing = new Outgoing(smtp)) {
            for (int i = 0; i < PER_CONNECTION; i++) {
                Delivery delivery = claims.next();
                if (delivery == null) {
                    return sent;
                }
                try {
                    outgoing.send(message(delivery));
                } catch (MailException | MessagingException | IllegalStateException e) {
                    failed(delivery, e);
                    return sent;
                }
                deliveries.sent(delivery.id(), clock.instant()).block(WAIT);
                meters.delivered();
                sent++;
            }
        }
        return sent;
    }

    /**
     * The e-mails of one round, claimed one at a time: first those left mid-send by a sender that stopped (their
     * lease ran out), then those due. Left ones are looked for until none is found, once a round, not before every
     * due e-mail (one query fewer per e-mail sent): a sender stopping mid-send leaves one e-mail, taken over at the
     * next round, minutes after the lease anyway.
     */
    private final class Claims {

        private boolean leftMidSend = true;
        /** Due e-mails found a batch at a time, each claimed only when its turn comes (one in flight at most). */
        private final Deque<String> due = new ArrayDeque<>();

        Delivery next() {
            Instant now = clock.instant();
            if (leftMidSend) {
                Delivery left = deliveries.claimLeftMidSend(now, properties.lease()).block(WAIT);
                if (left != null) {
                    return left;
                }
                leftMidSend = false;
            }
            while (true) {
                if (due.isEmpty()) {
                    due.addAll(deliveries.dueIds(now, PER_CONNECTION).collectList().block(WAIT));
                    if (due.isEmpty()) {
                        return null;
                    }
                }
                Delivery claimed = deliveries.claimDue(due.poll(), now).block(WAIT);
                if (claimed != null) {
                    return claimed;
                } // another sender took it: the next
            }
        }
    }

    /**
     * The e-mails of one connection: with Spring's {@link JavaMailSenderImpl} (what {@code spring.mail.*} configures),
     * one Jakarta Mail transport opened at the first e-mail and closed at the end, as Spring itself sends a batch;
     * with any other sender, its own {@code send} per e-mail.
     */
    private static final class Outgoing implements AutoCloseable {

        private final JavaMailSender smtp;
        private Transport transport;

        Outgoing(JavaMailSender smtp) {
            this.smtp = smtp;
        }

        void send(MimeMessage message) throws MessagingException {
            if (!(smtp instanceof JavaMailSenderImpl sender)) {
                smtp.send(message);
                return;
            }
            if (transport == null) {
                // Opened once; not asked isConnected() per e-mail (a NOOP round trip each): a connection that
                // dropped fails the next send, which is retried like any failure.
                transport = connect(sender);
            }
            // As Spring sends: a Message-ID set before saving is kept (the same delivery always has the same one).
            String messageId = message.getMessageID();
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            Address[] recipients = message.getAllRecipients();
            transport.sendMessage(message, recipients != null ? recipients : new Address[0]);
        }

        private static Transport connect(JavaMailSenderImpl sender) throws MessagingException {
            String protocol = sender.getProtocol() != null ? sender.getProtocol()
                    : sender.getSession().getProperty("mail.transport.protocol");
            Transport transport = sender.getSession().getTransport(protocol != null ? protocol : "smtp");
            String username = sender.getUsername();
            String password = sender.getPassword();
            transport.connect(sender.getHost(), sender.getPort(), "".equals(username) ? null : username,
                    "".equals(username) && "".equals(password) ? null : password);
            return transport;
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.debug("Closing the SMTP connection: {}", e.toString());
                }
                transport = null;
            }
        }
    }

    private void failed(Delivery delivery, Exception e) {
        int attempts = delivery.attempts() + 1;
        Instant next = attempts >= properties.maxAttempts() ? null : clock.instant().plus(backoff(attempts));
        if (next == null) {
            meters.parked();
            log.warn("E-mail {} to {} parked after {} attempts: {}", delivery.id(), delivery.username(), attempts,
                    e.toString());
        } else {
            meters.failed();
            log.info("E-mail {} to {} failed (attempt {}), next at {}: {}", delivery.id(), delivery.username(),
                    attempts, next, e.toString());
        }
        deliveries.failed(delivery.id(), attempts, next, e.getMessage()).block(WAIT);
    }

    Duration backoff(int attempts) {
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : wait;
    }

    private MimeMessage message(Delivery delivery) {
        MailComposer.Mail mail = composer.compose(delivery);
        MimeMessage message = smtp.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(new InternetAddress(delivery.email(), delivery.name(), "UTF-8"));
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            // Spring keeps a Message-ID set before sending: the same delivery always has the same one.
            message.setHeader("Message-ID", "<" + delivery.id().replaceAll("[^A-Za-z0-9.-]", ".") + "@kcdb>");
            message.setHeader("X-Kcdb-Delivery", delivery.id());
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("E-mail " + delivery.id() + " cannot be written: " + e.getMessage(), e);
        }
    }
}
