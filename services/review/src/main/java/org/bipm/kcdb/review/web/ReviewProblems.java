package org.bipm.kcdb.review.web;

import java.util.List;
import org.bipm.kcdb.review.domain.IllegalReviewTransition;
import org.bipm.kcdb.review.domain.NotEntitled;
import org.bipm.kcdb.review.domain.ReviewRuleViolation;
import org.bipm.kcdb.review.domain.UnsuitableReviewer;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.ProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The review domain's refusals: 409 naming the current stage, 403 for a reviewer out of scope, 422 for a request
 * that breaks a review rule (a deadline beyond the maximum review period, an approval without its QMS statement).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewProblems {

    private final ProblemHandler problems = new ProblemHandler();

    @ExceptionHandler({IllegalReviewTransition.class, ReviewRuleViolation.class, NotEntitled.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e, ServerWebExchange exchange) {
        return problems.render(of(e), exchange);
    }

    /** The problem a refusal of the domain is answered with, here and for each item of a bulk request. */
    static ApiProblem of(Throwable e) {
        if (e instanceof IllegalReviewTransition illegal) {
            return ApiProblem.conflict(illegal.getMessage(), illegal.current().name());
        }
        if (e instanceof UnsuitableReviewer unsuitable) {
            // The reviewer the chair named cannot review this CMC: a 422 on the request's reviewer.
            return ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, unsuitable.getMessage(),
                    List.of(new ApiProblem.FieldError("reviewer", unsuitable.getMessage())));
        }
        if (e instanceof ReviewRuleViolation violation) {
            return ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, violation.getMessage(), List.of());
        }
        if (e instanceof NotEntitled notEntitled) {
            return ApiProblem.forbidden(notEntitled.getMessage());
        }
        return null;
    }
}
