package org.bipm.kcdb.publication.domain;

/**
 * One event in the subscribers' feed: its position ({@code seq}, the SSE id), its CloudEvents attributes, the
 * attributes subscribers filter on, the payload exactly as it was published, and who may read it
 * ({@link FeedScope}: {@code *}, or the RMOs, comma-separated; null for entries fed before the feed was scoped).
 */
public record FeedEntry(String id, long seq, String type, String source, String subject, String time, String area,
                        String rmo, String country, String data, String audience) {
}
