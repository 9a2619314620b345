package org.bipm.kcdb.submission.domain;

/** Who acts on a CMC, as far as its rules care: the writer and the institute the CMC belongs to, as the token says. */
public record Actor(String username, String institute, String country, String rmo) {
}
