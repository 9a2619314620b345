package org.bipm.kcdb.notification.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.Preferences;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/** The {@code preferences} collection, one document per person who changed theirs. */
public class PreferenceStore {

    static final String COLLECTION = "preferences";

    private final ReactiveMongoTemplate mongo;

    public PreferenceStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Preferences> of(String username) {
        return mongo.findById(username, PreferencesDocument.class, COLLECTION)
                .map(d -> new Preferences(username, d.language(), d.choices()))
                .defaultIfEmpty(Preferences.defaults(username));
    }

    /** The preferences of each of the people, in one query; the defaults for whoever never changed theirs. */
    public Mono<Map<String, Preferences>> of(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(Query.query(Criteria.where("_id").in(usernames)), PreferencesDocument.class, COLLECTION)
                .collectMap(PreferencesDocument::id, d -> new Preferences(d.id(), d.language(), d.choices()))
                .map(found -> {
                    Map<String, Preferences> all = new HashMap<>(found);
                    usernames.forEach(username -> all.computeIfAbsent(username, Preferences::defaults));
                    return all;
                });
    }

    public Mono<Preferences> save(Preferences preferences) {
        return mongo.save(new PreferencesDocument(preferences.username(), preferences.language(),
                preferences.choices()), COLLECTION).thenReturn(preferences);
    }

    record PreferencesDocument(String id, String language, Map<NotificationKind, DeliveryChoice> choices) {
    }
}
