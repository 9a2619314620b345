package org.bipm.kcdb.review.domain;

import java.util.List;
import org.bipm.kcdb.support.domain.Violation;

/**
 * The chair may assign reviewers, but not this one: a reviewer of another RMO, without the CMC's area, or from the
 * submitting institute (conflict of interest). Judged on the directory's facts about the reviewer; the request's
 * {@code reviewer} is the field at fault.
 */
public class UnsuitableReviewer extends ReviewRuleViolation {

    public UnsuitableReviewer(String message) {
        this(message, message);
    }

    /** @param detail what is wrong, @param fieldMessage what the {@code reviewer} field's error says */
    public UnsuitableReviewer(String detail, String fieldMessage) {
        super(detail, List.of(new Violation("reviewer", fieldMessage)));
    }
}
