package org.bipm.kcdb.notification.domain;

import java.util.Optional;

/** What one event does to a case file, and what, if anything, is to be told about it. */
public record CaseStep(CaseFile next, Optional<Notice> notice) {

    static CaseStep silent(CaseFile next) {
        return new CaseStep(next, Optional.empty());
    }

    static CaseStep tell(CaseFile next, Notice notice) {
        return new CaseStep(next, Optional.of(notice));
    }
}
