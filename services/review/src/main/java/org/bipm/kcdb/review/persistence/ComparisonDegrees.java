package org.bipm.kcdb.review.persistence;

import java.util.List;
import org.bipm.kcdb.events.ComparisonEvaluated;
import org.bson.Document;
import org.bipm.kcdb.review.domain.SupportingEvidence;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;

/**
 * The review's copy of the comparisons' degrees of equivalence (collection {@code comparison_degrees}), kept from
 * the comparison service's events so that showing a case never calls another service. One document per
 * comparison, holding its latest evaluation.
 */
public class ComparisonDegrees {

    static final String COLLECTION = "comparison_degrees";

    private final ReactiveMongoTemplate mongo;

    public ComparisonDegrees(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps an evaluation unless a later or the same one is kept already, so that a redelivered or out-of-order
     * event changes nothing: the upsert matches only an older evaluation, and otherwise collides on the id.
     */
    public void onEvaluated(ComparisonEvaluated evaluated) {
        List<Document> degrees = evaluated.degreesOfEquivalence().stream()
                .map(d -> new Document("institute", d.institute()).append("d", d.d())
                        .append("expandedUncertainty", d.expandedUncertainty()))
                .toList();
        Query older = Query.query(Criteria.where("_id").is(evaluated.identifier())
                .and("evaluationNumber").lt(evaluated.evaluationNumber()));
        Update latest = new Update().set("evaluationNumber", evaluated.evaluationNumber())
                .set("unit", evaluated.unit()).set("evaluatedAt", evaluated.occurredAt().toString())
                .set("degrees", degrees);
        try {
            mongo.upsert(older, latest, COLLECTION).block();
        } catch (DuplicateKeyException sameOrLaterKept) {
            // nothing to do: what is stored is at least as recent
        }
    }

    /** The institute's degree of equivalence in each of the comparisons that has one, in the order cited. */
    public Flux<SupportingEvidence> of(String institute, List<String> comparisons) {
        if (comparisons == null || comparisons.isEmpty()) {
            return Flux.empty();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(comparisons)), Document.class, COLLECTION)
                .collectMap(document -> document.getString("_id"))
                .flatMapIterable(byId -> comparisons.stream().distinct().filter(byId::containsKey)
                        .flatMap(id -> evidence(byId.get(id), institute).stream()).toList());
    }

    private static List<SupportingEvidence> evidence(Document comparison, String institute) {
        return comparison.getList("degrees", Document.class, List.of()).stream()
                .filter(degree -> institute.equals(degree.getString("institute")))
                .map(degree -> new SupportingEvidence(comparison.getString("_id"), degree.getDouble("d"),
                        degree.getDouble("expandedUncertainty"), comparison.getString("unit"),
                        comparison.getInteger("evaluationNumber")))
                .toList();
    }
}
