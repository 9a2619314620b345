package org.bipm.kcdb.submission.domain;

import java.time.Instant;
import java.util.List;

/** Who did what to a CMC, when, and what changed. */
public record HistoryEntry(Instant at, String by, String action, CmcStatus fromStatus, CmcStatus toStatus,
                           List<FieldChange> changes) {
}
