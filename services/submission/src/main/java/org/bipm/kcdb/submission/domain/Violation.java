package org.bipm.kcdb.submission.domain;

/** One field of a CMC that breaks a rule, named by its JSON path (e.g. {@code cmc.upperLimit}). */
public record Violation(String field, String message) {
}
