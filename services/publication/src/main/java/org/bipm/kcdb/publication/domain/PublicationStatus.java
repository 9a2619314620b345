package org.bipm.kcdb.publication.domain;

import java.util.Arrays;
import java.util.Optional;

/** The statuses the public KCDB shows, with the original's spelling. */
public enum PublicationStatus {
    PUBLISHED("Published"), ARCHIVED("Archived"), GREYED_OUT("Greyed out"), DELETED("Deleted");

    private final String label;

    PublicationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<PublicationStatus> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }
}
