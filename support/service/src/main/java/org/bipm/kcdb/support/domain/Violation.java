package org.bipm.kcdb.support.domain;

/** One field at fault, named by its JSON path in the request (e.g. {@code cmc.upperLimit}), and what is wrong. */
public record Violation(String field, String message) {
}
