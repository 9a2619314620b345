package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** A TC reviewer the chair assigned to the intra-RMO review. */
public record Assignment(String reviewer, String institute, String assignedBy, Instant at) {
}
