package org.bipm.kcdb.publication.persistence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bipm.kcdb.events.EventType;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * What the feed remembers of each CMC's case to scope its events: the submitting RMO, whether the inter-RMO review
 * is open, and the RMOs that declared they take part. Updated from the events the feed already consumes, one at a
 * time (the feed's consumer has concurrency 1); applying an event again leaves the same state.
 */
public class FeedCases {

    static final String COLLECTION = "feed_cases";

    /** A case as the feed knows it. */
    public record Case(String rmo, boolean interRmo, Set<String> takingPart) {

        public Case {
            takingPart = takingPart == null ? Set.of() : Set.copyOf(takingPart);
        }
    }

    private final ReactiveMongoTemplate mongo;

    public FeedCases(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Applies an event about a CMC and answers the case as it stands for that event's audience. */
    public Case apply(EventType type, String cmcId, JsonNode event) {
        Case before = find(cmcId);
        Case after = next(before, type, event);
        if (!after.equals(before)) {
            mongo.upsert(Query.query(Criteria.where("_id").is(cmcId)), new Update().set("rmo", after.rmo())
                    .set("interRmo", after.interRmo()).set("takingPart", String.join(",", after.takingPart())),
                    COLLECTION).block();
        }
        return after;
    }

    public static Case next(Case before, EventType type, JsonNode event) {
        Case state = before == null ? new Case(null, false, Set.of()) : before;
        String rmo = text(event, "rmo");
        return switch (type) {
            // A new round starts in the submitting RMO: the former inter-RMO review is over.
            case CMC_SUBMITTED, CMC_RESUBMITTED, CMC_DELETION_REQUESTED -> new Case(rmo, false, Set.of());
            case REVIEW_OPENED -> state.rmo() == null ? new Case(rmo, state.interRmo(), state.takingPart()) : state;
            case REVIEW_INTRA_RMO_APPROVED -> state.interRmo() && rmo != null && rmo.equals(state.rmo()) ? state
                    : new Case(rmo != null ? rmo : state.rmo(), true, Set.of());
            case REVIEW_RMO_INTENT_DECLARED -> {
                JsonNode willReview = event.get("willReview");
                yield willReview != null && willReview.asBoolean() ? with(state, rmo) : state;
            }
            case REVIEW_RMO_DECIDED -> with(state, rmo);
            default -> state;
        };
    }

    private static Case with(Case state, String rmo) {
        if (rmo == null || rmo.equals(state.rmo()) || state.takingPart().contains(rmo)) {
            return state;
        }
        Set<String> takingPart = new java.util.TreeSet<>(state.takingPart());
        takingPart.add(rmo);
        return new Case(state.rmo(), state.interRmo(), takingPart);
    }

    private Case find(String cmcId) {
        Document doc = mongo.findOne(Query.query(Criteria.where("_id").is(cmcId)), Document.class, COLLECTION)
                .block();
        if (doc == null) {
            return null;
        }
        String takingPart = doc.getString("takingPart");
        List<String> rmos = new ArrayList<>();
        if (takingPart != null && !takingPart.isEmpty()) {
            rmos.addAll(List.of(takingPart.split(",")));
        }
        return new Case(doc.getString("rmo"), Boolean.TRUE.equals(doc.getBoolean("interRmo")),
                new LinkedHashSet<>(rmos));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
