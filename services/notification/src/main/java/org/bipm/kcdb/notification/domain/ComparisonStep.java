package org.bipm.kcdb.notification.domain;

import java.util.Optional;

/** What one event does to a comparison file, and what, if anything, is to be told about it. */
public record ComparisonStep(ComparisonFile next, Optional<Notice> notice) {
}
