package org.bipm.kcdb.support.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.bipm.kcdb.support.domain.Refusal;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;

/**
 * The one rule for a store that cannot answer now: a connection reset or refused, a timeout, the driver's pool
 * paused after such a failure, a member stepping down. Not the caller's fault and not a bug, so never 500: 503
 * {@code store-unavailable}, answered with {@code Retry-After} ({@link ProblemHandler}), for a single request and
 * for each item of a bulk one ({@link Bulk}) alike. A write in flight when the connection broke may have been
 * applied; the detail says so (the services' writes are conditional on the version, so a repeat cannot apply twice).
 */
public final class StoreFailures {

    /** How deep to look in a chain of causes (Spring's translation, Reactor's wrappers). */
    private static final int DEPTH = 8;

    private StoreFailures() {
    }

    /** The 503 problem when {@code error} is, or was caused by, the store being unavailable; else null. */
    public static ApiProblem problem(Throwable error) {
        return unavailable(error) ? new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "The data store cannot answer now; try again shortly. A change in flight may have been applied: "
                        + "read the resource before sending the change again.", null) : null;
    }

    static boolean unavailable(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof Refusal || cause instanceof ApiProblem) {
                return false; // ours, answered as such
            }
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
                    || cause instanceof MongoExecutionTimeoutException
                    || cause instanceof MongoConnectionPoolClearedException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException
                            .TRANSIENT_TRANSACTION_ERROR_LABEL) || mongo.hasErrorLabel("RetryableWriteError"))
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }
}
