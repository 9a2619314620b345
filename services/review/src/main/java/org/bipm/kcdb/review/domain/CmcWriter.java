package org.bipm.kcdb.review.domain;

/** Staff of an NMI or DI who write its CMCs and answer the reviewers. */
public record CmcWriter(String username, String institute) implements Actor {
}
