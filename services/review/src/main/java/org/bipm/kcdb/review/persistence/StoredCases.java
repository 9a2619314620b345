package org.bipm.kcdb.review.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.review.domain.ReviewCase;
import org.bipm.kcdb.review.domain.ReviewStage;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The searches over the stored review cases; writes go through the {@code AggregateStore<ReviewCase>}. */
public class StoredCases {

    public static final String COLLECTION = "review_cases";
    private static final Logger log = LoggerFactory.getLogger(StoredCases.class);

    private final AggregateStore<ReviewCase> cases;

    public StoredCases(AggregateStore<ReviewCase> cases) {
        this.cases = cases;
    }

    /**
     * At most {@code limit} cases matching each given value (null: any; {@code areas}: any of them, empty: none), and with {@code within} a coarse store-side
     * cut of what the caller may see; the domain's rule decides case by case afterwards.
     */
    public Flux<Versioned<ReviewCase>> matching(String cmcId, ReviewStage stage, String rmo, String area,
                                                Set<String> areas, Within within, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        if (cmcId != null) {
            criteria.add(Criteria.where("cmcId").is(cmcId));
        }
        if (stage != null) {
            criteria.add(Criteria.where("stage").is(stage.name()));
        }
        if (rmo != null) {
            criteria.add(Criteria.where("rmo").is(rmo));
        }
        if (area != null) {
            criteria.add(Criteria.where("area").is(area));
        }
        if (areas != null) {
            criteria.add(Criteria.where("area").in(areas));
        }
        if (within != null) {
            criteria.add(new Criteria().orOperator(Criteria.where("rmo").is(within.rmo()),
                    Criteria.where("interRmoReviews.askedRmos").is(within.rmo()),
                    Criteria.where("assignments.reviewer").is(within.username())));
        }
        Query query = Query.query(criteria.isEmpty() ? new Criteria() : new Criteria().andOperator(criteria));
        return cases.find(query.limit(limit));
    }

    /** The cases in a stage the clock drives (intent windows, deadlines, reminders), each as read now. */
    public Flux<Versioned<ReviewCase>> drivenByClock() {
        List<String> clockDriven = Arrays.stream(ReviewStage.values()).filter(ReviewStage::drivenByClock)
                .map(Enum::name).toList();
        return cases.find(Query.query(Criteria.where("stage").in(clockDriven)));
    }

    /**
     * The index every query by stage goes through (created at start, a no-op when it exists): the stage meters'
     * counts and oldest case of each stage, the clock's cases, the lists filtered by stage. Without it the local
     * store read the whole collection for each of them: nine queries every 30 s for the meters alone (issue 15).
     */
    public void ensureIndexes(ReactiveMongoTemplate mongo) {
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("stage", Sort.Direction.ASC)
                    .on("openedAt", Sort.Direction.ASC)).block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // the queries by stage are answered without it, reading more
            log.warn("No index on stage of {}: {}", COLLECTION, e.toString());
        }
    }

    /** How many cases are in the stage (one count on the store, for the stage meters). */
    public Mono<Long> countIn(ReviewStage stage) {
        return cases.count(Query.query(Criteria.where("stage").is(stage.name())));
    }

    /** When the longest-waiting case in the stage was opened (this round); empty when none is in it. */
    public Mono<Instant> oldestOpenedIn(ReviewStage stage) {
        Query oldest = Query.query(Criteria.where("stage").is(stage.name()))
                .with(Sort.by(Sort.Direction.ASC, "openedAt")).limit(1);
        return cases.find(oldest).next().mapNotNull(found -> found.aggregate().openedAt());
    }

    /** Cases of the RMO, asked of it, or assigned to the user: all a committee member may possibly see. */
    public record Within(String rmo, String username) {
    }
}
