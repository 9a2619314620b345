package org.bipm.kcdb.notification.application;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bipm.kcdb.notification.NotificationProperties;
import org.bipm.kcdb.notification.domain.Delivery;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bipm.kcdb.support.metrics.DeliveryMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
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
    private static final int PER_ROUND = 200;

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

    /** Sends what is due; stops the round at the first failure (the server is likely down for the next too). */
    public int sendDue() {
        int sent = 0;
        for (int i = 0; i < PER_ROUND; i++) {
            Delivery delivery = deliveries.claimNext(clock.instant(), properties.lease()).block(WAIT);
            if (delivery == null) {
                break;
            }
            try {
                smtp.send(message(delivery));
            } catch (MailException | IllegalStateException e) {
                failed(delivery, e);
                break;
            }
            deliveries.sent(delivery.id(), clock.instant()).block(WAIT);
            meters.delivered();
            sent++;
        }
        return sent;
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
        } catch (jakarta.mail.MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("E-mail " + delivery.id() + " cannot be written: " + e.getMessage(), e);
        }
    }
}
