package org.bipm.kcdb.notification.domain;

/**
 * Where an e-mail is on its way. {@code AWAITING_DIGEST} → {@code IN_DIGEST} → {@code DIGESTED} for notices a
 * person reads once a day (their digest is a delivery of its own); {@code PENDING} → {@code SENDING} → {@code SENT},
 * back to {@code PENDING} with a later attempt when the SMTP server fails, {@code PARKED} after the last attempt
 * (the KCDB office sees it and may resend it).
 */
public enum DeliveryState {
    AWAITING_DIGEST,
    IN_DIGEST,
    DIGESTED,
    PENDING,
    SENDING,
    SENT,
    PARKED
}
