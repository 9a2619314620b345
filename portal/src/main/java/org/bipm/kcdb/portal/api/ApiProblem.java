package org.bipm.kcdb.portal.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the platform's API refused (its RFC 9457 problem: status, detail, field errors by JSON path), or that it could
 * not be reached at all. Pages show the detail and put each field error next to its field.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final Map<String, String> fieldErrors;
    private final Map<String, Object> body;

    public ApiProblem(int status, String title, String detail, Map<String, String> fieldErrors) {
        this(status, title, detail, fieldErrors, Map.of());
    }

    private ApiProblem(int status, String title, String detail, Map<String, String> fieldErrors,
                       Map<String, Object> body) {
        super(status + " " + (detail != null ? detail : title));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
        this.body = body == null ? Map.of() : body;
    }

    /** A service (or the gateway) that is down or overloaded: no answer, or 502/503/504. */
    public static ApiProblem unavailable() {
        return new ApiProblem(503, "Service Unavailable", null, Map.of());
    }

    @SuppressWarnings("unchecked")
    static ApiProblem of(int status, Map<String, Object> body) {
        if (status == 502 || status == 503 || status == 504) {
            return unavailable();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String title = null;
        String detail = null;
        if (body != null) {
            title = body.get("title") instanceof String t ? t : null;
            detail = body.get("detail") instanceof String d ? d : null;
            if (body.get("errors") instanceof List<?> errors) {
                for (Object error : errors) {
                    if (error instanceof Map<?, ?> e && e.get("field") != null) {
                        fields.putIfAbsent(String.valueOf(e.get("field")), String.valueOf(e.get("message")));
                    }
                }
            }
        }
        return new ApiProblem(status, title, detail, fields, body);
    }

    public boolean isUnavailable() {
        return status == 503 && detail == null;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** The problem as the API wrote it, with its extension members (such as a migration's {@code rejected}). */
    public Map<String, Object> body() {
        return body;
    }
}
