package org.bipm.kcdb.notification.persistence;

import java.util.Map;
import org.bipm.kcdb.notification.domain.DeliveryChoice;
import org.bipm.kcdb.notification.domain.NotificationKind;
import org.bipm.kcdb.notification.domain.Preferences;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
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

    public Mono<Preferences> save(Preferences preferences) {
        return mongo.save(new PreferencesDocument(preferences.username(), preferences.language(),
                preferences.choices()), COLLECTION).thenReturn(preferences);
    }

    record PreferencesDocument(String id, String language, Map<NotificationKind, DeliveryChoice> choices) {
    }
}
