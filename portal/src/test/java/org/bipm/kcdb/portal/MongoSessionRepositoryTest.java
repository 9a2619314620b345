package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.portal.session.MongoSessionRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.session.MapSession;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The session store on a Mongo-wire server: a session read back as it was saved, ended once unused for its
 * timeout (and then swept from the store), and stored under its new id once its id has changed.
 */
class MongoSessionRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;

    @BeforeAll
    static void store() {
        client = MongoClients.create(TestSessionStore.uri("kcdb-portal-repository"));
        mongo = new ReactiveMongoTemplate(client, "kcdb-portal-repository");
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static MongoSessionRepository at(Instant now, String collection) {
        return new MongoSessionRepository(mongo, collection, Duration.ofMinutes(30), Clock.fixed(now, ZoneOffset.UTC),
                MongoSessionRepositoryTest.class.getClassLoader());
    }

    @Test
    void aSessionIsReadBackWithItsAttributesUntilUnusedForItsTimeoutThenSweptAway() {
        MongoSessionRepository sessions = at(NOW, "expiry");
        sessions.createIndexes().block();
        MapSession session = sessions.createSession().block();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-value", NOW,
                NOW.plusSeconds(900));
        session.setAttribute("token", token);
        session.setAttribute("notice", Map.of("results", List.of(Map.of("id", "c-1", "status", "SUBMITTED"))));
        sessions.save(session).block();

        MapSession read = at(NOW.plus(Duration.ofMinutes(29)), "expiry").findById(session.getId()).block();
        assertThat(read).isNotNull();
        assertThat(read.<OAuth2AccessToken>getAttribute("token").getTokenValue()).isEqualTo("token-value");
        assertThat(read.<Map<String, Object>>getAttribute("notice")).isEqualTo(session.getAttribute("notice"));
        assertThat(read.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));

        MongoSessionRepository later = at(NOW.plus(Duration.ofMinutes(31)), "expiry");
        assertThat(later.findById(session.getId()).blockOptional()).isEmpty();
        MapSession other = sessions.createSession().block();
        sessions.save(other).block();
        assertThat(later.deleteExpired().block()).isEqualTo(1);
        assertThat(at(NOW, "expiry").findById(other.getId()).blockOptional()).isEmpty();
    }

    @Test
    void aSessionWhoseIdChangedIsStoredUnderTheNewIdOnly() {
        MongoSessionRepository sessions = at(NOW, "rotation");
        MapSession session = sessions.createSession().block();
        session.setAttribute("state", "before the login");
        sessions.save(session).block();
        MapSession loaded = sessions.findById(session.getId()).block();
        String old = loaded.getId();
        String rotated = loaded.changeSessionId();
        loaded.setAttribute("state", "signed in");
        sessions.save(loaded).block();

        assertThat(sessions.findById(old).blockOptional()).isEmpty();
        assertThat(sessions.findById(rotated).block().<String>getAttribute("state")).isEqualTo("signed in");
    }
}
