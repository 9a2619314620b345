package org.bipm.kcdb.submission.domain;

/** The writer and the institute a CMC belongs to, as the token says. */
public record Author(String username, String institute, String country, String rmo) {
}
