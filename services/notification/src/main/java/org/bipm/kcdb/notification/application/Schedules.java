package org.bipm.kcdb.notification.application;

import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The service's clockwork: sending what is due, the deadlines' reminders and escalations, the review events held
 * past their wait, the daily digests, the daily look at long-open comparisons. Sending runs on a thread of its own ({@link #MAIL}): a round may send up to a
 * thousand e-mails, or wait on a slow relay, and a deadline reminder must not wait behind it; the deadline scan and
 * the daily work share the other ({@link #CLOCKWORK}).
 */
@Component
class Schedules {

    private final Postman postman;
    private final Digests digests;
    private final Notifications notifications;
    private final Reminders reminders;

    @Bean(name = MAIL)
    static ThreadPoolTaskScheduler mailScheduler() {
        return scheduler("mail-");
    }

    @Bean(name = CLOCKWORK)
    static ThreadPoolTaskScheduler clockworkScheduler() {
        return scheduler("clockwork-");
    }

    /** One thread each: a task never runs beside itself, and a failing run is logged and tried at the next tick. */
    private static ThreadPoolTaskScheduler scheduler(String threadNamePrefix) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix(threadNamePrefix);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }

    Schedules(Postman postman, Digests digests, Notifications notifications, Reminders reminders) {
        this.postman = postman;
        this.digests = digests;
        this.notifications = notifications;
        this.reminders = reminders;
    }

    /** The scheduler that sends e-mails, and the one of everything else. */
    static final String MAIL = "mailScheduler";
    static final String CLOCKWORK = "clockworkScheduler";

    @Scheduled(fixedDelayString = "${kcdb.notification.send-interval:1s}", scheduler = MAIL)
    void send() {
        postman.sendDue();
    }

    @Scheduled(fixedDelayString = "${kcdb.notification.deadline-scan:1m}", scheduler = CLOCKWORK)
    void deadlines() {
        reminders.tellDue();
    }

    /** Review events held for a submission that has not come within the wait. */
    @Scheduled(fixedDelayString = "${kcdb.notification.deadline-scan:1m}", scheduler = CLOCKWORK)
    void heldEvents() {
        notifications.releaseOverdue();
    }

    @Scheduled(cron = "${kcdb.notification.digest-cron:0 0 7 * * *}", zone = "UTC", scheduler = CLOCKWORK)
    void digests() {
        digests.assemble();
        notifications.remindLongOpenComparisons();
    }
}
