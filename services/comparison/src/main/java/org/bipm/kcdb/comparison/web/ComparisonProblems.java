package org.bipm.kcdb.comparison.web;

import java.util.Map;
import org.bipm.kcdb.comparison.domain.IllegalComparisonTransition;
import org.bipm.kcdb.comparison.domain.InvalidComparison;
import org.bipm.kcdb.comparison.domain.NotEntitled;
import org.bipm.kcdb.comparison.domain.evaluation.InvalidEvaluation;
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

/** The comparison rules' refusals as problem details: fields (400), entitlement (403), status (409), data (422). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComparisonProblems {

    private final ProblemHandler problems = new ProblemHandler();

    @ExceptionHandler(InvalidComparison.class)
    ResponseEntity<ProblemDetail> invalid(InvalidComparison e, ServerWebExchange exchange) {
        return problems.render(new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-fields", e.getMessage(),
                Map.of("errors", e.problems())), exchange);
    }

    @ExceptionHandler(NotEntitled.class)
    ResponseEntity<ProblemDetail> notEntitled(NotEntitled e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.forbidden(e.getMessage()), exchange);
    }

    @ExceptionHandler(IllegalComparisonTransition.class)
    ResponseEntity<ProblemDetail> illegal(IllegalComparisonTransition e, ServerWebExchange exchange) {
        return problems.render(ApiProblem.conflict(e.getMessage(), e.current().name()), exchange);
    }

    @ExceptionHandler(InvalidEvaluation.class)
    ResponseEntity<ProblemDetail> unevaluable(InvalidEvaluation e, ServerWebExchange exchange) {
        return problems.render(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unevaluable", e.getMessage(), null),
                exchange);
    }
}
