package org.bipm.kcdb.test;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.MountableFile;

/** The real images, as production runs them: Kafka in KRaft mode, MongoDB as a replica set, Keycloak 26.4.5. */
public final class Containers {

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    public static final String MONGO_IMAGE = "mongo:8.0";
    public static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.4.5";

    private Containers() {
    }

    public static KafkaContainer kafka() {
        return new KafkaContainer(KAFKA_IMAGE);
    }

    public static MongoDBContainer mongo() {
        return new MongoDBContainer(MONGO_IMAGE);
    }

    /** Keycloak with the project's realm imported, like docker-compose.yml and ./kcdb up. */
    public static KeycloakContainer keycloak() {
        return new KeycloakContainer(KEYCLOAK_IMAGE)
                .withCopyFileToContainer(MountableFile.forHostPath(Realm.file()),
                        "/opt/keycloak/data/import/kcdb-realm.json");
    }
}
