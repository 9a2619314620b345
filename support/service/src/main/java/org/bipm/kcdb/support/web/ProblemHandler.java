package org.bipm.kcdb.support.web;

import java.net.URI;
import java.util.List;
import org.bipm.kcdb.support.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/** Every error leaves as RFC 9457 problem details; nothing internal (stack traces, class names) leaks. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    public static final String TYPE_BASE = "https://kcdb.bipm.org/problems/";
    /** Long enough for the store's driver to open a new connection after a reset (its pool paused meanwhile). */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<ProblemDetail> render(ApiProblem problem, ServerWebExchange exchange) {
        ProblemDetail body = problem(problem.status(), problem.type(), problem.getMessage(), exchange);
        problem.properties().forEach(body::setProperty);
        return answer(problem.status(), body);
    }

    /** The domains' refusals, mapped the same way in every service ({@link Refusals}). */
    @ExceptionHandler(Refusal.class)
    public ResponseEntity<ProblemDetail> refused(Refusal refusal, ServerWebExchange exchange) {
        return render(Refusals.problem(refusal), exchange);
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e, ServerWebExchange exchange) {
        List<ApiProblem.FieldError> errors = e.getFieldErrors().stream()
                .map(f -> new ApiProblem.FieldError(f.getField(), f.getDefaultMessage())).toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-fields", "Some fields are invalid.", exchange);
        body.setProperty("errors", errors);
        return answer(HttpStatus.BAD_REQUEST, body);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "unreadable-request", readableCause(e), exchange);
        String field = badField(e);
        if (field != null) {
            body.setProperty("errors", List.of(new ApiProblem.FieldError(field, "has the wrong type or format")));
        }
        return answer(HttpStatus.BAD_REQUEST, body);
    }

    /**
     * A body the codecs could not decode outside an argument binding, e.g. a multipart request whose boundary is
     * missing or is not the one its parts use. The codec's own message may name classes; only the gist is told.
     */
    @ExceptionHandler(DecodingException.class)
    ResponseEntity<ProblemDetail> undecodable(DecodingException e, ServerWebExchange exchange) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String detail = message.contains("boundary")
                ? "The multipart body could not be read: its boundary is missing from the Content-Type or does not "
                        + "match the parts."
                : "The body could not be read.";
        return answer(HttpStatus.BAD_REQUEST, problem(HttpStatus.BAD_REQUEST, "unreadable-request", detail,
                exchange));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatusCode code = e.getStatusCode();
        String reason = e.getReason() != null ? e.getReason() : "Request failed.";
        if (e instanceof UnsupportedMediaTypeStatusException unsupported) {
            // Spring's reason names the Java type the body would have been read into.
            reason = unsupported.getSupportedMediaTypes().isEmpty() ? "This Content-Type is not supported here."
                    : "This Content-Type is not supported here; send one of " + unsupported.getSupportedMediaTypes()
                            + ".";
        }
        ProblemDetail body = problem(code, "http-" + code.value(), reason, exchange);
        return answer(code, body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        ApiProblem unavailable = StoreFailures.problem(e);
        if (unavailable != null) {
            log.warn("Store unavailable on {}: {}", exchange.getRequest().getPath(), e.toString());
            return render(unavailable, exchange);
        }
        log.error("Unexpected error on {}", exchange.getRequest().getPath(), e);
        ProblemDetail body = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Something went wrong on our side; the request was not applied.", exchange);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, body);
    }

    /**
     * The problem as {@code application/problem+json} whatever the request accepts: a refused event stream (its
     * client asks for {@code text/event-stream}) is answered with a problem, not with the problem as an event.
     * A 503 (a store or the directory unavailable) tells when to try again, as the gateway's 503 does.
     */
    private static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, ProblemDetail body) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            answer.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return answer.body(body);
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String detail, ServerWebExchange exchange) {
        return problem(status, type, detail, exchange.getRequest().getPath().value());
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String detail, String instance) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_BASE + type));
        body.setInstance(URI.create(instance));
        return body;
    }

    /** The JSON field a body's value could not be read into, for the field list of the 400. */
    private static String badField(ServerWebInputException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof tools.jackson.databind.exc.MismatchedInputException)) {
            cause = cause.getCause();
        }
        if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return unknown.getPropertyName();
        }
        return cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch ? jsonPath(mismatch) : null;
    }

    /** {@code parameters[0].unit}: the path in the client's JSON, never the names of our classes. */
    private static String jsonPath(tools.jackson.core.JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /** Says which JSON field was wrong (an unknown field, a string for a number) without echoing internals. */
    private static String readableCause(ServerWebInputException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof tools.jackson.core.JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch) {
            return "Field '" + jsonPath(mismatch) + "' has the wrong type or format.";
        }
        if (cause instanceof tools.jackson.core.JacksonException) {
            return "The body is not valid JSON.";
        }
        if (e.getCause() instanceof DecodingException) {
            return "The body could not be read.";
        }
        return e.getReason() != null ? e.getReason() : "The request could not be read.";
    }
}
