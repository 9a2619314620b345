package org.bipm.kcdb.portal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;

/**
 * The portal's web sessions in one MongoDB collection, so that every portal replica reads and writes the same ones:
 * a user signed in through one replica is served by any other (the security context, the OAuth2 authorized client
 * with the user's tokens, the login's pending authorization request, the page asked for before the login, the CSRF
 * token and the one-time notices all live in the session's attributes).
 *
 * <p>One document per session: its id, when it was created and last used, how long it may stay unused, the moment
 * it expires ({@code expireAt}, a TTL index on it lets MongoDB delete it) and its attributes, Java-serialized as one
 * binary (what Spring Security keeps there is {@link java.io.Serializable}; the portal's notices are maps and lists
 * of strings and numbers). The local platform's store keeps a TTL index but never applies it, so
 * {@link #deleteExpired()} also runs periodically ({@link SessionConfig}); on MongoDB it finds nothing left to do.
 *
 * <p>Saving writes the whole session (as Spring Session's MongoDB store did): two requests of one user that change
 * different attributes at the same moment keep the later one's. A session whose id changed (the login rotates it
 * against session fixation) is stored under its new id and the old one is deleted, so the old cookie is worthless.
 */
public class MongoSessionRepository implements ReactiveSessionRepository<MapSession> {

    private static final Logger log = LoggerFactory.getLogger(MongoSessionRepository.class);

    private final ReactiveMongoOperations mongo;
    private final String collection;
    private final Duration timeout;
    private final Clock clock;
    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer;

    public MongoSessionRepository(ReactiveMongoOperations mongo, String collection, Duration timeout, Clock clock,
                                  ClassLoader classLoader) {
        this.mongo = mongo;
        this.collection = collection;
        this.timeout = timeout;
        this.clock = clock;
        this.deserializer = new DeserializingConverter(classLoader);
    }

    /** The TTL index (MongoDB deletes a session once its {@code expireAt} has passed). */
    public Mono<Void> createIndexes() {
        return mongo.indexOps(collection)
                .createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO).named("expireAt"))
                .then();
    }

    @Override
    public Mono<MapSession> createSession() {
        return Mono.fromSupplier(() -> {
            MapSession session = new MapSession();
            session.setCreationTime(clock.instant());
            session.setLastAccessedTime(session.getCreationTime());
            session.setMaxInactiveInterval(timeout);
            return session;
        });
    }

    @Override
    public Mono<Void> save(MapSession session) {
        Document document = new Document("_id", session.getId())
                .append("createdAt", Date.from(session.getCreationTime()))
                .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expireAt", Date.from(session.getLastAccessedTime().plus(session.getMaxInactiveInterval())))
                .append("attributes", new Binary(serializer.convert(attributes(session))));
        Mono<Void> stored = mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.replaceOne(new Document("_id", session.getId()), document,
                        new ReplaceOptions().upsert(true))))
                .then();
        if (session.getId().equals(session.getOriginalId())) {
            return stored;
        }
        return stored.then(deleteById(session.getOriginalId()));
    }

    @Override
    public Mono<MapSession> findById(String id) {
        Instant now = clock.instant();
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(new Document("_id", id)).first()))
                .flatMap(document -> {
                    if (!document.getDate("expireAt").toInstant().isAfter(now)) {
                        return deleteById(id).then(Mono.empty());
                    }
                    return Mono.justOrEmpty(session(id, document));
                });
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.deleteOne(new Document("_id", id))))
                .then();
    }

    /** Deletes the sessions that have expired; how many. */
    public Mono<Long> deleteExpired() {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.deleteMany(new Document("expireAt",
                        new Document("$lte", Date.from(clock.instant()))))))
                .map(result -> result.getDeletedCount());
    }

    private static HashMap<String, Object> attributes(MapSession session) {
        HashMap<String, Object> attributes = new HashMap<>();
        for (String name : session.getAttributeNames()) {
            attributes.put(name, session.getAttribute(name));
        }
        return attributes;
    }

    /** The stored session, or none when its attributes no longer read (a class changed between releases). */
    private MapSession session(String id, Document document) {
        MapSession session = new MapSession(id);
        session.setCreationTime(document.getDate("createdAt").toInstant());
        session.setLastAccessedTime(document.getDate("lastAccessedAt").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) document.get("maxInactiveSeconds")).longValue()));
        Map<?, ?> attributes;
        try {
            attributes = (Map<?, ?>) deserializer.convert(document.get("attributes", Binary.class).getData());
        } catch (RuntimeException e) {
            // A session written by an older portal whose classes changed: the user signs in again.
            log.info("A stored session's attributes do not read any more; it is treated as ended: {}", e.toString());
            return null;
        }
        attributes.forEach((name, value) -> session.setAttribute((String) name, value));
        return session;
    }
}
