package org.bipm.kcdb.notification;

import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.directory.Directory;
import org.bipm.kcdb.directory.DirectoryProperties;
import org.bipm.kcdb.directory.KeycloakDirectory;
import org.bipm.kcdb.notification.application.Digests;
import org.bipm.kcdb.notification.application.HeldEventMeters;
import org.bipm.kcdb.notification.application.Inbox;
import org.bipm.kcdb.notification.application.MailComposer;
import org.bipm.kcdb.notification.application.Notifications;
import org.bipm.kcdb.notification.application.Postman;
import org.bipm.kcdb.notification.application.Reminders;
import org.bipm.kcdb.notification.domain.CaseFile;
import org.bipm.kcdb.notification.persistence.CaseFileStore;
import org.bipm.kcdb.notification.persistence.ComparisonFileStore;
import org.bipm.kcdb.notification.persistence.DeadlineStore;
import org.bipm.kcdb.notification.persistence.DeliveryStore;
import org.bipm.kcdb.notification.persistence.HeldEventStore;
import org.bipm.kcdb.notification.persistence.InboxStore;
import org.bipm.kcdb.notification.persistence.PreferenceStore;
import org.bipm.kcdb.support.metrics.DeliveryMeters;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The notification service: tells people what concerns them, by e-mail and in their inbox. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({NotificationProperties.class, DirectoryProperties.class})
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }

    /** The time deliveries and digests are measured by; tests put a clock of their own in its place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Who the users are: Keycloak's admin REST API; component tests put a directory of their own in its place. */
    @Bean
    Directory directory(DirectoryProperties properties) {
        return new KeycloakDirectory(properties);
    }

    @Bean
    CaseFileStore caseFileStore(AggregateStore<CaseFile> caseFiles) {
        return new CaseFileStore(caseFiles);
    }

    @Bean
    ComparisonFileStore comparisonFileStore(ReactiveMongoTemplate mongo) {
        return new ComparisonFileStore(mongo);
    }

    @Bean
    DeadlineStore deadlineStore(ReactiveMongoTemplate mongo) {
        DeadlineStore store = new DeadlineStore(mongo);
        store.ensureIndexes();
        return store;
    }

    @Bean
    InboxStore inboxStore(ReactiveMongoTemplate mongo) {
        InboxStore store = new InboxStore(mongo);
        store.ensureIndexes();
        return store;
    }

    @Bean
    DeliveryStore deliveryStore(ReactiveMongoTemplate mongo) {
        DeliveryStore store = new DeliveryStore(mongo);
        store.ensureIndexes();
        return store;
    }

    @Bean
    HeldEventStore heldEventStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        HeldEventStore store = new HeldEventStore(mongo, json);
        store.ensureIndexes();
        return store;
    }

    @Bean
    PreferenceStore preferenceStore(ReactiveMongoTemplate mongo) {
        return new PreferenceStore(mongo);
    }

    @Bean
    MailComposer mailComposer(NotificationProperties properties) {
        return new MailComposer(properties.portalUrl());
    }

    @Bean
    Notifications notifications(CaseFileStore files, ComparisonFileStore comparisons, DeadlineStore deadlines,
                                NotificationProperties properties, InboxStore inbox, DeliveryStore deliveries,
                                PreferenceStore preferences, Directory directory, Clock clock,
                                HeldEventStore held, MeterRegistry registry) {
        return new Notifications(files, comparisons, deadlines, properties.reminderBefore(), inbox, deliveries,
                preferences, directory, clock, held, properties.submissionWait(), new HeldEventMeters(registry));
    }

    @Bean
    Reminders reminders(DeadlineStore deadlines, Notifications notifications, Clock clock,
                        NotificationProperties properties) {
        return new Reminders(deadlines, notifications, clock, properties.lease());
    }

    @Bean
    Postman postman(DeliveryStore deliveries, JavaMailSender smtp, MailComposer composer,
                    NotificationProperties properties, Clock clock, MeterRegistry registry) {
        return new Postman(deliveries, smtp, composer, properties, clock, DeliveryMeters.mails(registry));
    }

    @Bean
    Digests digests(DeliveryStore deliveries, Clock clock) {
        return new Digests(deliveries, clock);
    }

    @Bean
    Inbox inbox(InboxStore inbox, PreferenceStore preferences, DeliveryStore deliveries, MailComposer composer,
                Clock clock) {
        return new Inbox(inbox, preferences, deliveries, composer, clock, Duration.ofSeconds(1));
    }
}
