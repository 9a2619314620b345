package org.bipm.kcdb.notification.domain;

/** How a person wants e-mail of one kind: at once, gathered in one message a day, or not at all. */
public enum DeliveryChoice {
    IMMEDIATE,
    DAILY_DIGEST,
    OFF
}
