package org.bipm.kcdb.publication.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Topic;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * What the feed remembers of each CMC's case to scope its events: the submitting RMO, whether the inter-RMO review
 * is open, the RMOs that declared they take part, and the review rounds opened so far.
 * <p>
 * The feed reads four topics, and the broker keeps no order between them: a CMC's review events may be read before
 * the submission that caused them, or a new round's before the resubmission that opened it. So the review's state
 * is kept from the reviews topic alone, where a CMC's events come in the order the review service wrote them (one
 * partition, read by one consumer at a time); each round starts with its {@code review.opened}. The submissions
 * topic only names the submitting RMO, the one fact about a case that never changes, written as a field of its own
 * so that the two topics' consumers never overwrite each other's writes. Applying an event again leaves the same
 * state.
 */
public class FeedCases {

    static final String COLLECTION = "feed_cases";

    /**
     * A case as the feed knows it.
     *
     * @param openings the ids of the {@code review.opened} events read, one per round, in their order; empty for a
     *                 case the feed began to follow before it counted rounds
     */
    public record Case(String rmo, boolean interRmo, Set<String> takingPart, List<String> openings) {

        public Case {
            takingPart = takingPart == null ? Set.of() : Set.copyOf(takingPart);
            openings = openings == null ? List.of() : List.copyOf(openings);
        }

        public Case(String rmo, boolean interRmo, Set<String> takingPart) {
            this(rmo, interRmo, takingPart, List.of());
        }

        /** The review rounds the feed has read the opening of. */
        public int rounds() {
            return openings.size();
        }
    }

    /** The submission topic's events that start a round in the submitting RMO, which they name. */
    private static final Set<EventType> STARTS_ROUND = Set.of(EventType.CMC_SUBMITTED, EventType.CMC_RESUBMITTED,
            EventType.CMC_DELETION_REQUESTED);

    private final ReactiveMongoTemplate mongo;

    public FeedCases(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Applies an event about a CMC and answers the case as it stands for that event's audience. */
    public Case apply(EventType type, String cmcId, JsonNode event) {
        Query id = Query.query(Criteria.where("_id").is(cmcId));
        String named = text(event, "rmo");
        if (named != null && STARTS_ROUND.contains(type)) {
            // Its audience is the RMO it names whatever the case was, and all it changes is that RMO: written
            // as it is, without reading the case first (the same document either way).
            upsert(id, new Update().set("rmo", named));
            return audienceCase(new Case(named, false, Set.of()), type, event);
        }
        Case before = find(cmcId);
        Case after = next(before, type, event);
        if (type.topic() != Topic.CMC_REVIEWS) {
            if (after.rmo() != null && (before == null || !after.rmo().equals(before.rmo()))) {
                upsert(id, new Update().set("rmo", after.rmo()));
            }
        } else if (!after.equals(before)) {
            // Only the reviews topic's consumer of this CMC writes these fields: no other write is lost.
            Update update = new Update().set("interRmo", after.interRmo())
                    .set("takingPart", String.join(",", after.takingPart())).set("openings", after.openings());
            if (after.rmo() != null) {
                update.set("rmo", after.rmo());
            }
            upsert(id, update);
        }
        return audienceCase(after, type, event);
    }

    /**
     * Both topics' consumers may write a case's first fields at the same time: both upserts insert, the store refuses
     * the second, which then finds the document and updates it (MongoDB retries such an upsert itself since 4.2).
     */
    private void upsert(Query id, Update update) {
        try {
            mongo.upsert(id, update, COLLECTION).block();
        } catch (DuplicateKeyException inserted) {
            mongo.upsert(id, update, COLLECTION).block();
        }
    }

    /**
     * Whether events of the type may move a case on: those of the reviews and submissions topics. The others' case
     * need not be read when their audience does not depend on it ({@link #next} keeps it as it is).
     */
    public static boolean follows(EventType type) {
        return type.topic() == Topic.CMC_REVIEWS || type.topic() == Topic.CMC_SUBMISSIONS;
    }

    /** The case as kept after an event: what the event's own topic says of it. */
    public static Case next(Case before, EventType type, JsonNode event) {
        Case state = before == null ? new Case(null, false, Set.of()) : before;
        String rmo = text(event, "rmo");
        if (type.topic() != Topic.CMC_REVIEWS) {
            // Each event of the submissions topic names the submitting RMO; the review's state is not this topic's.
            return rmo != null && !rmo.equals(state.rmo()) && type.topic() == Topic.CMC_SUBMISSIONS
                    ? new Case(rmo, state.interRmo(), state.takingPart(), state.openings()) : state;
        }
        return switch (type) {
            // A round starts in the submitting RMO: the former inter-RMO review is over.
            case REVIEW_OPENED -> {
                String opening = text(event, "eventId");
                if (opening != null && state.openings().contains(opening)) {
                    yield state; // read again
                }
                List<String> openings = new ArrayList<>(state.openings());
                if (opening != null) {
                    openings.add(opening);
                }
                yield new Case(rmo != null ? rmo : state.rmo(), false, Set.of(), openings);
            }
            case REVIEW_INTRA_RMO_APPROVED -> state.interRmo() && rmo != null && rmo.equals(state.rmo()) ? state
                    : new Case(rmo != null ? rmo : state.rmo(), true, Set.of(), state.openings());
            case REVIEW_RMO_INTENT_DECLARED -> {
                JsonNode willReview = event.get("willReview");
                yield willReview != null && willReview.asBoolean() ? with(state, rmo) : state;
            }
            case REVIEW_RMO_DECIDED -> with(state, rmo);
            default -> state;
        };
    }

    /**
     * The case as it stands for an event's audience. A submission, resubmission or deletion request starts a round in
     * the submitting RMO alone, whatever the reviews topic has been read up to. A withdrawal belongs to the round it
     * names: while the feed has not read that round's opening, what it knows of the review is a former round's, whose
     * participants take no part in this one; the submitting RMO alone receives it then.
     */
    public static Case audienceCase(Case state, EventType type, JsonNode event) {
        String named = text(event, "rmo");
        String rmo = named != null ? named : state.rmo();
        return switch (type) {
            case CMC_SUBMITTED, CMC_RESUBMITTED, CMC_DELETION_REQUESTED -> new Case(rmo, false, Set.of());
            case CMC_WITHDRAWN -> {
                JsonNode round = event.get("round");
                yield round != null && round.asInt() > state.rounds() ? new Case(rmo, false, Set.of()) : state;
            }
            default -> state;
        };
    }

    private static Case with(Case state, String rmo) {
        if (rmo == null || rmo.equals(state.rmo()) || state.takingPart().contains(rmo)) {
            return state;
        }
        Set<String> takingPart = new TreeSet<>(state.takingPart());
        takingPart.add(rmo);
        return new Case(state.rmo(), state.interRmo(), takingPart, state.openings());
    }

    private Case find(String cmcId) {
        Document doc = mongo.findOne(Query.query(Criteria.where("_id").is(cmcId)), Document.class, COLLECTION)
                .block();
        if (doc == null) {
            return null;
        }
        String takingPart = doc.getString("takingPart");
        Set<String> rmos = new TreeSet<>();
        if (takingPart != null && !takingPart.isEmpty()) {
            rmos.addAll(List.of(takingPart.split(",")));
        }
        return new Case(doc.getString("rmo"), Boolean.TRUE.equals(doc.getBoolean("interRmo")), rmos,
                doc.getList("openings", String.class));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
