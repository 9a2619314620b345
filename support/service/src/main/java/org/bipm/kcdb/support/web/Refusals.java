package org.bipm.kcdb.support.web;

import java.util.Map;
import org.bipm.kcdb.support.domain.AlreadyExists;
import org.bipm.kcdb.support.domain.ConcurrentChange;
import org.bipm.kcdb.support.domain.IllegalTransition;
import org.bipm.kcdb.support.domain.InvalidFields;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Refusal;
import org.bipm.kcdb.support.domain.RuleViolation;
import org.bipm.kcdb.support.domain.StaleVersion;
import org.springframework.http.HttpStatus;

/**
 * The one mapping from the domains' refusals to problem details, used for every service's responses
 * ({@link ProblemHandler}) and for each item of a bulk request ({@link Bulk}).
 *
 * <table>
 *   <tr><th>refusal</th><th>status</th><th>type</th><th>extension members</th></tr>
 *   <tr><td>{@link IllegalTransition}</td><td>409</td><td>illegal-transition</td><td>currentState</td></tr>
 *   <tr><td>{@link NotEntitled}</td><td>403</td><td>forbidden</td><td></td></tr>
 *   <tr><td>{@link NotFound}</td><td>404</td><td>not-found</td><td></td></tr>
 *   <tr><td>{@link RuleViolation}</td><td>422</td><td>its kind</td><td>errors (when it names fields)</td></tr>
 *   <tr><td>{@link InvalidFields}</td><td>400</td><td>invalid-fields</td><td>errors</td></tr>
 *   <tr><td>{@link AlreadyExists}</td><td>409</td><td>its kind</td><td>key (when it names one)</td></tr>
 *   <tr><td>{@link StaleVersion}</td><td>412</td><td>stale-version</td><td>currentVersion</td></tr>
 *   <tr><td>{@link ConcurrentChange}</td><td>409</td><td>concurrent-change</td><td></td></tr>
 * </table>
 */
public final class Refusals {

    private Refusals() {
    }

    public static ApiProblem problem(Refusal refusal) {
        if (refusal instanceof IllegalTransition illegal) {
            return ApiProblem.conflict(illegal.getMessage(), illegal.current().name());
        }
        if (refusal instanceof NotEntitled) {
            return ApiProblem.forbidden(refusal.getMessage());
        }
        if (refusal instanceof NotFound) {
            return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", refusal.getMessage(), null);
        }
        if (refusal instanceof RuleViolation violation) {
            return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, violation.kind(), violation.getMessage(),
                    violation.violations() == null ? null : Map.of("errors", violation.violations()));
        }
        if (refusal instanceof InvalidFields invalid) {
            return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-fields", invalid.getMessage(),
                    Map.of("errors", invalid.violations()));
        }
        if (refusal instanceof AlreadyExists exists) {
            return new ApiProblem(HttpStatus.CONFLICT, exists.kind(), exists.getMessage(),
                    exists.key() == null ? null : Map.of("key", exists.key()));
        }
        if (refusal instanceof StaleVersion stale) {
            return ApiProblem.staleVersion(stale.currentVersion());
        }
        if (refusal instanceof ConcurrentChange) {
            return new ApiProblem(HttpStatus.CONFLICT, "concurrent-change", refusal.getMessage(), null);
        }
        throw new IllegalArgumentException("No problem mapping for " + refusal.getClass().getName()
                + "; map it in Refusals");
    }

    /** The problem for an error the API knows (an {@link ApiProblem} or a refusal), null for anything else. */
    public static ApiProblem known(Throwable e) {
        if (e instanceof ApiProblem problem) {
            return problem;
        }
        return e instanceof Refusal refusal ? problem(refusal) : null;
    }
}
