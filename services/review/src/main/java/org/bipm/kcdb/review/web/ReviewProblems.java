package org.bipm.kcdb.review.web;

import org.bipm.kcdb.review.domain.IllegalReviewTransition;
import org.bipm.kcdb.review.domain.NotEntitled;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.support.web.ProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** The review domain's refusals: 409 naming the current stage, 403 for a reviewer out of scope. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewProblems {

    private final ProblemHandler problems = new ProblemHandler();

    @ExceptionHandler(IllegalReviewTransition.class)
    ResponseEntity<ProblemDetail> illegal(IllegalReviewTransition e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.conflict(e.getMessage(), e.current().name()), exchange);
    }

    @ExceptionHandler(NotEntitled.class)
    ResponseEntity<ProblemDetail> notEntitled(NotEntitled e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.forbidden(e.getMessage()), exchange);
    }
}
