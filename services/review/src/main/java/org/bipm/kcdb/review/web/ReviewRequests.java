package org.bipm.kcdb.review.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.review.domain.Decision;
import org.bipm.kcdb.review.domain.RmoDecision;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The bodies of the review's commands (CONTRACT.md §3), and the 400 that lists every missing field at once. */
final class ReviewRequests {

    private ReviewRequests() {
    }

    /** The chair names the reviewer by username, nothing else: the directory knows who they are. */
    record ReviewerRequest(String reviewer) {
        ReviewerRequest requireComplete() {
            new Fields().required("reviewer", reviewer, "is required: the reviewer's username").check();
            return this;
        }
    }

    record CommentRequest(String text, String inReplyTo) {
        CommentRequest requireComplete() {
            new Fields().required("text", text).check();
            return this;
        }
    }

    /** {@code qmsStatementRef}: for an approval, the RMO's QMS statement; defaults to the one the CMC cites. */
    record DecisionRequest(Decision.Kind decision, String comment, String qmsStatementRef) {
        DecisionRequest requireComplete() {
            Fields fields = new Fields().required("decision", decision, "must be APPROVE, RETURN or REJECT");
            if (decision != null && decision != Decision.Kind.APPROVE) {
                fields.required("comment", comment, "is required when returning or rejecting");
            }
            fields.check();
            return this;
        }
    }

    /** {@code deadline}: when the RMO will have reviewed; the latest the maximum review period allows if left out. */
    record IntentRequest(Boolean willReview, Instant deadline) {
        IntentRequest requireComplete() {
            Fields fields = new Fields().required("willReview", willReview, "must be true or false");
            if (Boolean.FALSE.equals(willReview) && deadline != null) {
                fields.error("deadline", "only an RMO that will review gives a deadline");
            }
            fields.check();
            return this;
        }
    }

    record RmoDecisionRequest(RmoDecision.Kind decision, String comment) {
        RmoDecisionRequest requireComplete() {
            Fields fields = new Fields().required("decision", decision, "must be APPROVE or OBJECT");
            if (decision == RmoDecision.Kind.OBJECT) {
                fields.required("comment", comment, "is required with an objection: what should the writer correct?");
            }
            fields.check();
            return this;
        }
    }

    record DeadlineRequest(Instant deadline) {
        DeadlineRequest requireComplete() {
            new Fields().required("deadline", deadline, "is required: an instant such as 2026-12-31T12:00:00Z")
                    .check();
            return this;
        }
    }

    record CloseRequest(String comment) {
        CloseRequest requireComplete() {
            new Fields().required("comment", comment, "is required: why does the JCRB close the case?").check();
            return this;
        }
    }

    /** Collects what is wrong with a body so that one 400 names every field. */
    static final class Fields {

        private final List<ApiProblem.FieldError> errors = new ArrayList<>();

        Fields required(String field, Object value) {
            return required(field, value, "is required");
        }

        Fields required(String field, Object value, String message) {
            if (value == null || value instanceof String text && text.isBlank()) {
                error(field, message);
            }
            return this;
        }

        Fields error(String field, String message) {
            errors.add(new ApiProblem.FieldError(field, message));
            return this;
        }

        void check() {
            if (!errors.isEmpty()) {
                throw ApiProblem.invalid(HttpStatus.BAD_REQUEST, "Some fields are missing or invalid.", errors);
            }
        }
    }
}
