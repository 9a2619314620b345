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

    @ExceptionHandler(IllegalReviewTransition.class)
    ResponseEntity<ProblemDetail> illegal(IllegalReviewTransition e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.conflict(e.getMessage(), e.current().name()), exchange);
    }

    @ExceptionHandler(ReviewRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolated(ReviewRuleViolation e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), List.of()),
                exchange);
    }

    /** The reviewer the chair named cannot review this CMC: a 422 on the request's {@code reviewer}. */
    @ExceptionHandler(UnsuitableReviewer.class)
    ResponseEntity<ProblemDetail> unsuitableReviewer(UnsuitableReviewer e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.invalid(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(),
                List.of(new ApiProblem.FieldError("reviewer", e.getMessage()))), exchange);
    }

    @ExceptionHandler(NotEntitled.class)
    ResponseEntity<ProblemDetail> notEntitled(NotEntitled e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.forbidden(e.getMessage()), exchange);
    }
}
