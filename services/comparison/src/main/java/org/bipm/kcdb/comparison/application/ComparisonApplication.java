package org.bipm.kcdb.comparison.application;

import java.time.Clock;
import java.util.function.Function;
import org.bipm.kcdb.comparison.domain.Actor;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.comparison.domain.EvaluationChoice;
import org.bipm.kcdb.comparison.domain.Registration;
import org.bipm.kcdb.comparison.domain.ResultSubmission;
import org.bipm.kcdb.comparison.domain.evaluation.EvaluationMethod;
import org.bipm.kcdb.comparison.persistence.ComparisonFinder;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.domain.AlreadyExists;
import org.bipm.kcdb.support.domain.NotEntitled;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.paging.Paging;
import org.bipm.kcdb.support.persistence.Versioned;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Registration, life cycle, results and evaluation of comparisons; each change one atomic write with its events. */
public class ComparisonApplication {

    private final AggregateStore<Comparison> comparisons;
    private final ComparisonFinder finder;
    private final Clock clock;

    public ComparisonApplication(AggregateStore<Comparison> comparisons, ComparisonFinder finder, Clock clock) {
        this.comparisons = comparisons;
        this.finder = finder;
        this.clock = clock;
    }

    public static Actor actor(Caller caller) {
        return caller == null ? new Actor("anonymous", null, false, false)
                : new Actor(caller.username(), caller.institute(), caller.has(Role.COMPARISON_COORDINATOR),
                        caller.has(Role.KCDB_OFFICE));
    }

    public Mono<Versioned<Comparison>> register(Caller caller, Registration registration) {
        if (!caller.hasAny(Role.COMPARISON_COORDINATOR, Role.KCDB_OFFICE)) {
            throw new NotEntitled("Only a pilot laboratory's comparison coordinator or the KCDB office registers "
                    + "comparisons.");
        }
        if (!caller.has(Role.KCDB_OFFICE) && (caller.institute() == null
                || !caller.institute().equals(registration.pilot()))) {
            throw new NotEntitled("A coordinator registers comparisons piloted by their own institute.");
        }
        Outcome<Comparison> registered = Comparison.register(registration, caller.username(), clock.instant());
        String id = registered.aggregate().identifier();
        return comparisons.insert(id, registered)
                .onErrorMap(DuplicateKeyException.class, e -> new AlreadyExists("already-registered",
                        "Comparison " + id + " is already registered."));
    }

    /** The caller's rights on the comparison are judged before the body's status (Comparison.moveTo). */
    public Mono<Versioned<Comparison>> moveTo(Caller caller, String identifier, ComparisonStatus next) {
        return change(identifier, c -> c.moveTo(next, actor(caller), clock.instant()));
    }

    public Mono<Versioned<Comparison>> submitResult(Caller caller, String identifier, String institute,
                                                    ResultSubmission submission) {
        if (!caller.hasAny(Role.COMPARISON_COORDINATOR, Role.CMC_WRITER, Role.KCDB_OFFICE)) {
            throw new NotEntitled("Results are reported by the participants' staff or the pilot laboratory.");
        }
        return change(identifier, c -> c.submitResult(institute, submission, actor(caller), clock.instant()));
    }

    public Mono<Versioned<Comparison>> evaluate(Caller caller, String identifier, EvaluationChoice choice) {
        if (choice.method() == EvaluationMethod.LINKED) {
            // The CIPM comparison is read first; its evaluation is what the RMO comparison's results are linked to.
            return read(identifier).flatMap(rmo -> rmo.aggregate().linkedTo() == null
                    ? change(identifier, c -> c.evaluateLinked(c, choice, actor(caller), clock.instant()))
                    : read(rmo.aggregate().linkedTo()).flatMap(cipm -> change(identifier,
                            c -> c.evaluateLinked(cipm.aggregate(), choice, actor(caller), clock.instant()))));
        }
        return change(identifier, c -> c.evaluate(choice, actor(caller), clock.instant()));
    }

    public Mono<Versioned<Comparison>> read(String identifier) {
        return comparisons.find(identifier)
                .switchIfEmpty(Mono.error(() -> new NotFound("Comparison " + identifier)));
    }

    /**
     * One page of the comparisons the filters match, in identifier order. The store filters and pages; only with
     * {@code overdue} (the domain's rule on today's date) does the service judge each match and cut the page itself.
     */
    public Mono<Paging.Page<Versioned<Comparison>>> list(String area, ComparisonStatus status, String participant,
                                                         Boolean overdue, Paging paging) {
        if (overdue != null) {
            return finder.find(area, status, participant)
                    .filter(c -> c.aggregate().overdue(clock.instant()) == overdue).collectList().map(paging::of);
        }
        return finder.find(area, status, participant, paging).collectList()
                .zipWith(finder.count(area, status, participant), paging::of);
    }

    public boolean overdue(Comparison comparison) {
        return comparison.overdue(clock.instant());
    }

    /**
     * Applies a command to the stored comparison and writes the result with its events in one update, if nobody
     * changed the comparison meanwhile; a concurrent change makes the command run again on the new state
     * ({@link AggregateStore#change}).
     */
    private Mono<Versioned<Comparison>> change(String identifier, Function<Comparison, Outcome<Comparison>> command) {
        return comparisons.change(read(identifier), command);
    }
}
