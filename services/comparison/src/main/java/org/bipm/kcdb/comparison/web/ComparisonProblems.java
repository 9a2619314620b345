package org.bipm.kcdb.comparison.web;

import java.util.Map;
import org.bipm.kcdb.comparison.domain.InvalidComparison;
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

/** Invalid registrations as 400 with one entry per field. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComparisonProblems {

    private final ProblemHandler problems = new ProblemHandler();

    @ExceptionHandler(InvalidComparison.class)
    ResponseEntity<ProblemDetail> invalid(InvalidComparison e, ServerWebExchange exchange) {
        return problems.render(new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-fields", e.getMessage(),
                Map.of("errors", e.problems())), exchange);
    }
}
