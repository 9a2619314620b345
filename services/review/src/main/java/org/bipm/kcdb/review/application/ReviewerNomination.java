package org.bipm.kcdb.review.application;

/**
 * A TC reviewer a chair asks to review a CMC, as the chair states them.
 *
 * @param rmo the reviewer's RMO; the chair's own when left out
 */
public record ReviewerNomination(String username, String institute, String rmo) {
}
