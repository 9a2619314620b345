package org.bipm.kcdb.review.domain;

/** The JCRB executive secretary, who coordinates the inter-RMO review of every case. */
public record JcrbSecretary(String username) implements Actor {
}
