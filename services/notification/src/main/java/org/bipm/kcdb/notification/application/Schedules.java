package org.bipm.kcdb.notification.application;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The service's clockwork: sending what is due, the deadlines' reminders and escalations, the daily digests, the
 * daily look at long-open comparisons.
 */
@Component
class Schedules {

    private final Postman postman;
    private final Digests digests;
    private final Notifications notifications;
    private final Reminders reminders;

    Schedules(Postman postman, Digests digests, Notifications notifications, Reminders reminders) {
        this.postman = postman;
        this.digests = digests;
        this.notifications = notifications;
        this.reminders = reminders;
    }

    @Scheduled(fixedDelayString = "${kcdb.notification.send-interval:1s}")
    void send() {
        postman.sendDue();
    }

    @Scheduled(fixedDelayString = "${kcdb.notification.deadline-scan:1m}")
    void deadlines() {
        reminders.tellDue();
    }

    @Scheduled(cron = "${kcdb.notification.digest-cron:0 0 7 * * *}", zone = "UTC")
    void digests() {
        digests.assemble();
        notifications.remindLongOpenComparisons();
    }
}
