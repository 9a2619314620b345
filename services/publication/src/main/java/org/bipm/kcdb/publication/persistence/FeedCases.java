package org.bipm.kcdb.publication.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Topic;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;
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

    /** An event about a CMC, as the feed reads it. */
    public record Event(EventType type, String cmcId, JsonNode tree) {
    }

    /**
     * A run of events applied to their cases: each event's case as it stands for its audience, in the events' order,
     * and the cases' writes that {@link #write} makes.
     */
    public record Applied(List<Case> audiences, List<UpdateOneModel<Document>> writes) {
    }

    /**
     * Applies events about CMCs in their order, each to its case as the events before it left it, and answers each
     * one's case as it stands for its audience: the same cases as one event at a time, in one read of the cases for
     * the lot (none for the events whose audience and write do not depend on it). Nothing is written until
     * {@link #write}: the feed appends the entries first, so that an append that fails leaves the cases as they were
     * for the events' retry.
     */
    public Applied apply(List<Event> events) {
        Set<String> needed = new LinkedHashSet<>();
        for (Event event : events) {
            if (!startsNamedRound(event)) {
                needed.add(event.cmcId());
            }
        }
        Map<String, Case> cases = find(needed);
        Set<String> rmoChanged = new LinkedHashSet<>();
        Set<String> reviewChanged = new LinkedHashSet<>();
        List<Case> audiences = new ArrayList<>(events.size());
        for (Event event : events) {
            String cmcId = event.cmcId();
            Case before = cases.get(cmcId);
            Case after;
            if (startsNamedRound(event)) {
                // Its audience is the RMO it names whatever the case was, and all it changes is that RMO: written
                // as it is, without reading the case first (the same document either way).
                String named = text(event.tree(), "rmo");
                after = before == null ? new Case(named, false, Set.of())
                        : new Case(named, before.interRmo(), before.takingPart(), before.openings());
                rmoChanged.add(cmcId);
            } else {
                after = next(before, event.type(), event.tree());
                if (event.type().topic() != Topic.CMC_REVIEWS) {
                    if (after.rmo() != null && (before == null || !after.rmo().equals(before.rmo()))) {
                        rmoChanged.add(cmcId);
                    }
                } else if (!after.equals(before)) {
                    reviewChanged.add(cmcId);
                }
            }
            cases.put(cmcId, after);
            audiences.add(audienceCase(after, event.type(), event.tree()));
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (String cmcId : cases.keySet()) {
            Case state = cases.get(cmcId);
            List<Bson> fields = new ArrayList<>();
            if (reviewChanged.contains(cmcId)) {
                // Only the reviews topic's consumer of this CMC writes these fields: no other write is lost.
                fields.add(Updates.set("interRmo", state.interRmo()));
                fields.add(Updates.set("takingPart", String.join(",", state.takingPart())));
                fields.add(Updates.set("openings", state.openings()));
            }
            if (state.rmo() != null && (reviewChanged.contains(cmcId) || rmoChanged.contains(cmcId))) {
                fields.add(Updates.set("rmo", state.rmo()));
            }
            if (!fields.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", cmcId), Updates.combine(fields), upsert));
            }
        }
        return new Applied(audiences, writes);
    }

    /**
     * Writes the cases a run changed, in one round trip. Both topics' consumers may write a case's first fields at the
     * same time: both upserts insert, the store refuses the second, which is written again and then finds the
     * document and updates it (MongoDB retries such an upsert itself since 4.2). Writing again is harmless: each
     * write sets the fields to the state the run left.
     */
    public void write(Applied applied) {
        if (applied.writes().isEmpty()) {
            return;
        }
        bulkWrite(applied.writes()).onErrorResume(MongoBulkWriteException.class,
                e -> e.getWriteErrors().stream().allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)
                        ? bulkWrite(applied.writes()) : Mono.error(e)).block();
    }

    private Mono<BulkWriteResult> bulkWrite(List<UpdateOneModel<Document>> writes) {
        return mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))));
    }

    private static boolean startsNamedRound(Event event) {
        return STARTS_ROUND.contains(event.type()) && text(event.tree(), "rmo") != null;
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

    /** The cases stored under these ids, in one read; the ids the store holds none for are absent. */
    private Map<String, Case> find(Set<String> cmcIds) {
        Map<String, Case> found = new HashMap<>();
        if (cmcIds.isEmpty()) {
            return found;
        }
        List<Document> docs = mongo.find(Query.query(Criteria.where("_id").in(cmcIds)), Document.class, COLLECTION)
                .collectList().block();
        for (Document doc : docs == null ? List.<Document>of() : docs) {
            String takingPart = doc.getString("takingPart");
            Set<String> rmos = new TreeSet<>();
            if (takingPart != null && !takingPart.isEmpty()) {
                rmos.addAll(List.of(takingPart.split(",")));
            }
            found.put(doc.getString("_id"), new Case(doc.getString("rmo"), Boolean.TRUE.equals(doc.getBoolean("interRmo")),
                    rmos, doc.getList("openings", String.class)));
        }
        return found;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
