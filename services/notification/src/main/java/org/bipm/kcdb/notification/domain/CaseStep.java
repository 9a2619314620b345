package org.bipm.kcdb.notification.domain;

import java.util.Optional;

/**
 * What one event does to a case file, what, if anything, is to be told about it, and which of the case's deadlines it
 * meets or sets.
 */
public record CaseStep(CaseFile next, Optional<Notice> notice, Timetable timetable) {

    public CaseStep {
        timetable = timetable == null ? Timetable.NONE : timetable;
    }

    public CaseStep(CaseFile next, Optional<Notice> notice) {
        this(next, notice, Timetable.NONE);
    }

    static CaseStep silent(CaseFile next) {
        return new CaseStep(next, Optional.empty());
    }

    static CaseStep tell(CaseFile next, Notice notice) {
        return new CaseStep(next, Optional.of(notice));
    }

    CaseStep with(Timetable timetable) {
        return new CaseStep(next, notice, timetable);
    }
}
