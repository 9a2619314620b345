package org.bipm.kcdb.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kcdb.notification.*}.
 *
 * @param portalUrl     the portal's address as people reach it (the gateway), for the links in e-mails
 * @param from          the sender of every e-mail
 * @param sendInterval  how often the sender looks for e-mails due
 * @param lease         how long a sender may take over one e-mail before another takes it (it stopped mid-send)
 * @param firstRetry    the wait after the first failed attempt; doubled after each further one
 * @param maxRetry      the longest wait between two attempts
 * @param maxAttempts   attempts before an e-mail is parked for the KCDB office
 * @param digestCron    when the daily digests are assembled (Spring cron, UTC)
 * @param reminderBefore how long before a deadline whoever must act is reminded (at most half its period)
 * @param deadlineScan  how often the deadlines are looked at; a reminder or escalation is told at most this late
 *                      (and how often the review events held for their submission are looked at)
 * @param submissionWait how long a review event that came before its CMC's submission waits for it before it is
 *                      applied without it (counted and logged)
 */
@ConfigurationProperties("kcdb.notification")
public record NotificationProperties(String portalUrl, String from, Duration sendInterval, Duration lease,
                                     Duration firstRetry, Duration maxRetry, Integer maxAttempts, String digestCron,
                                     Duration reminderBefore, Duration deadlineScan, Duration submissionWait) {

    public NotificationProperties {
        portalUrl = portalUrl == null ? "http://127.0.0.1:8080" : portalUrl.replaceAll("/$", "");
        from = from == null ? "KCDB <no-reply@kcdb.example>" : from;
        sendInterval = sendInterval == null ? Duration.ofSeconds(1) : sendInterval;
        lease = lease == null ? Duration.ofMinutes(5) : lease;
        firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
        maxRetry = maxRetry == null ? Duration.ofMinutes(30) : maxRetry;
        maxAttempts = maxAttempts == null ? 8 : maxAttempts;
        digestCron = digestCron == null ? "0 0 7 * * *" : digestCron;
        reminderBefore = reminderBefore == null ? Duration.ofDays(7) : reminderBefore;
        deadlineScan = deadlineScan == null ? Duration.ofMinutes(1) : deadlineScan;
        submissionWait = submissionWait == null ? Duration.ofMinutes(2) : submissionWait;
    }
}
