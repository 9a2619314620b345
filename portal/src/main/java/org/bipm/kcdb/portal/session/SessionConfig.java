package org.bipm.kcdb.portal.session;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoOperations;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Web sessions shared by every portal replica: Spring Session's web session store over
 * {@link MongoSessionRepository}. The session cookie stays the one {@code SecurityConfig} names.
 */
@Configuration
@EnableSpringWebSession
public class SessionConfig {

    private static final Logger log = LoggerFactory.getLogger(SessionConfig.class);

    @Bean
    MongoSessionRepository sessionRepository(ReactiveMongoOperations mongo, SessionProperties properties) {
        return new MongoSessionRepository(mongo, properties.collection(), properties.timeout(), Clock.systemUTC(),
                SessionConfig.class.getClassLoader());
    }

    /**
     * The user's authorized client (access, refresh and ID token) in the web session, not in this replica's memory
     * (Spring Boot's default), so the replica that serves the next page calls the API with the same tokens.
     */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** The TTL index at start (a no-op once it exists), then the periodic sweep of expired sessions. */
    @Bean
    SessionSweep sessionSweep(MongoSessionRepository sessions, SessionProperties properties) {
        return new SessionSweep(sessions, properties);
    }

    static final class SessionSweep implements SmartInitializingSingleton, DisposableBean {
        private final MongoSessionRepository sessions;
        private final SessionProperties properties;
        private Disposable sweeping;

        SessionSweep(MongoSessionRepository sessions, SessionProperties properties) {
            this.sessions = sessions;
            this.properties = properties;
        }

        @Override
        public void afterSingletonsInstantiated() {
            sessions.createIndexes().block();
            sweeping = Flux.interval(properties.cleanup(), properties.cleanup(), Schedulers.boundedElastic())
                    .concatMap(tick -> sessions.deleteExpired()
                            .doOnNext(deleted -> {
                                if (deleted > 0) {
                                    log.debug("Deleted {} expired portal sessions", deleted);
                                }
                            })
                            .onErrorResume(e -> {
                                log.warn("Expired portal sessions could not be deleted now: {}", e.toString());
                                return reactor.core.publisher.Mono.empty();
                            }))
                    .subscribe();
        }

        @Override
        public void destroy() {
            if (sweeping != null) {
                sweeping.dispose();
            }
        }
    }
}
