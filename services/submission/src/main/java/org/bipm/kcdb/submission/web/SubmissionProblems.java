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

    @ExceptionHandler({IllegalCmcTransition.class, IncompleteCmc.class, InvalidCmc.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e, ServerWebExchange exchange) {
        return render(of(e), exchange);
    }

    /** The problem a refusal of the domain is answered with, here and for each item of a bulk request. */
    static ApiProblem of(Throwable e) {
        if (e instanceof IllegalCmcTransition illegal) {
            return ApiProblem.conflict(illegal.getMessage(), illegal.current().name());
        }
        if (e instanceof IncompleteCmc incomplete) {
            return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "incomplete-cmc", incomplete.getMessage(),
                    Map.of("errors", incomplete.violations()));
        }
        if (e instanceof InvalidCmc invalid) {
            return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-cmc", invalid.getMessage(),
                    Map.of("errors", invalid.violations()));
        }
        return null;
    }

    private ResponseEntity<ProblemDetail> render(ApiProblem problem, ServerWebExchange exchange) {
        return problems.render(problem, exchange);
    }
}
