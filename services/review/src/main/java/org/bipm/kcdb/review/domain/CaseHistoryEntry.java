package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** One transition of the case: when, who, from which stage to which. */
public record CaseHistoryEntry(Instant at, String by, String action, ReviewStage fromStage, ReviewStage toStage) {
}
