package org.bipm.kcdb.comparison.domain;

import java.time.Instant;

/** One step of the comparison's life cycle, for its history. */
public record StatusChange(ComparisonStatus from, ComparisonStatus to, String by, Instant at) {
}
