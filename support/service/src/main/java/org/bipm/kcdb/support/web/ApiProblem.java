package org.bipm.kcdb.support.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error the caller can act on, rendered as {@code application/problem+json} with a stable {@code type}.
 * The factories name the situations the API knows.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = properties == null ? Map.of() : new LinkedHashMap<>(properties);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", what + " was not found.", null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", detail, null);
    }

    /** An action the current state does not allow; names the state so the client can tell why. */
    public static ApiProblem conflict(String detail, String currentState) {
        return new ApiProblem(HttpStatus.CONFLICT, "illegal-transition", detail, Map.of("currentState", currentState));
    }

    public static ApiProblem staleVersion(long currentVersion) {
        return new ApiProblem(HttpStatus.PRECONDITION_FAILED, "stale-version",
                "The resource changed since you read it; reload it and apply your change again.",
                Map.of("currentVersion", currentVersion));
    }

    public static ApiProblem invalid(HttpStatus status, String detail, List<FieldError> errors) {
        return new ApiProblem(status, "invalid-fields", detail, Map.of("errors", errors));
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One bad field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
