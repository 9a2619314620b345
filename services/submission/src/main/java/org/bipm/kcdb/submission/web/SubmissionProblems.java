package org.bipm.kcdb.submission.web;

import java.util.Map;
import org.bipm.kcdb.submission.domain.IllegalCmcTransition;
import org.bipm.kcdb.submission.domain.IncompleteCmc;
import org.bipm.kcdb.submission.domain.InvalidCmc;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** The submission domain's refusals, as problem details: 409 with the current status, 422 with each field. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubmissionProblems {

    private final org.bipm.kcdb.support.web.ProblemHandler problems = new org.bipm.kcdb.support.web.ProblemHandler();

    @ExceptionHandler(IllegalCmcTransition.class)
    ResponseEntity<ProblemDetail> illegal(IllegalCmcTransition e, ServerWebExchange exchange) {
        return render(ApiProblem.conflict(e.getMessage(), e.current().name()), exchange);
    }

    @ExceptionHandler(IncompleteCmc.class)
    ResponseEntity<ProblemDetail> incomplete(IncompleteCmc e, ServerWebExchange exchange) {
        return render(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "incomplete-cmc", e.getMessage(),
                Map.of("errors", e.violations())), exchange);
    }

    @ExceptionHandler(InvalidCmc.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCmc e, ServerWebExchange exchange) {
        return render(new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-cmc", e.getMessage(),
                Map.of("errors", e.violations())), exchange);
    }

    private ResponseEntity<ProblemDetail> render(ApiProblem problem, ServerWebExchange exchange) {
        return problems.render(problem, exchange);
    }
}
