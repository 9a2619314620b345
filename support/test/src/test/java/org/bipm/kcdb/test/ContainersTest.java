package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** The production images themselves; runs wherever Docker does and skips cleanly elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersTest {

    @Container
    static final MongoDBContainer MONGO = Containers.mongo();

    @Container
    static final KafkaContainer KAFKA = Containers.kafka();

    @Container
    static final KeycloakContainer KEYCLOAK = Containers.keycloak();

    @Test
    void mongoRunsAsAReplicaSetSoTransactionsAndChangeStreamsWork() {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getString("setName")).isNotBlank();
        }
    }

    @Test
    void kafkaAcceptsTheProjectsTopics() throws Exception {
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", KAFKA.getBootstrapServers()))) {
            admin.createTopics(java.util.List.of(new NewTopic("kcdb.cmc", 3, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains("kcdb.cmc");
        }
    }

    @Test
    void keycloakImportsTheProjectsRealm() {
        String issuer = KEYCLOAK.getAuthServerUrl().replaceAll("/$", "") + "/realms/kcdb";
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(issuer + "/.well-known/openid-configuration")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(issuer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
