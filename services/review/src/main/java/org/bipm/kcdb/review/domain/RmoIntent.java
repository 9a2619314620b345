package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** An RMO's answer to the JCRB: whether it will review the CMC and, if so, by when. */
public record RmoIntent(String rmo, boolean willReview, Instant deadline, String declaredBy, Instant at) {
}
