package org.bipm.kcdb.comparison.application;

import java.time.Clock;
import java.util.List;
import org.bipm.kcdb.comparison.domain.Comparison;
import org.bipm.kcdb.comparison.domain.ComparisonStatus;
import org.bipm.kcdb.comparison.domain.Registration;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.web.ApiProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Registration and queries of comparisons. */
public class ComparisonApplication {

    private final AggregateStore<Comparison> comparisons;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;

    public ComparisonApplication(AggregateStore<Comparison> comparisons, Clock clock,
                                 ObjectProvider<OutboxRelay> relay) {
        this.comparisons = comparisons;
        this.clock = clock;
        this.relay = relay;
    }

    public Mono<Versioned<Comparison>> register(Caller caller, Registration registration) {
        if (!caller.hasAny(Role.COMPARISON_COORDINATOR, Role.KCDB_OFFICE)) {
            throw ApiProblem.forbidden("Only a pilot laboratory's comparison coordinator or the KCDB office registers "
                    + "comparisons.");
        }
        if (!caller.has(Role.KCDB_OFFICE) && (caller.institute() == null
                || !caller.institute().equals(registration.pilot()))) {
            throw ApiProblem.forbidden("A coordinator registers comparisons piloted by their own institute.");
        }
        Comparison.Registered registered = Comparison.register(registration, caller.username(), clock.instant());
        String id = registered.comparison().identifier();
        return comparisons.insert(id, registered.comparison(), List.of(registered.event()))
                .onErrorMap(DuplicateKeyException.class, e -> new ApiProblem(HttpStatus.CONFLICT, "already-registered",
                        "Comparison " + id + " is already registered.", null))
                .doOnSuccess(saved -> relay.ifAvailable(OutboxRelay::nudge));
    }

    public Mono<Versioned<Comparison>> read(String identifier) {
        return comparisons.find(identifier)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("Comparison " + identifier)));
    }

    public Flux<Versioned<Comparison>> list(String area, ComparisonStatus status, String participant) {
        Criteria criteria = new Criteria();
        if (area != null) {
            criteria = criteria.and("metrologyAreaLabel").is(area);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (participant != null) {
            criteria = criteria.and("participants").is(participant);
        }
        return comparisons.find(Query.query(criteria).with(Sort.by("identifier")).limit(1000));
    }
}
