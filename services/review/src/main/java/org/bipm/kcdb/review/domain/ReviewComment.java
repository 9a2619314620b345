package org.bipm.kcdb.review.domain;

import java.time.Instant;

/** One comment of the review's thread; {@code inReplyTo} is the id of the comment it answers, if any. */
public record ReviewComment(String id, String author, String text, String inReplyTo, int round, Instant at) {
}
