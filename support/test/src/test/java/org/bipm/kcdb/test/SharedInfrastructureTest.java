package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.KcdbSecurityProperties;
import org.bipm.kcdb.security.KeycloakJwt;
import org.bipm.kcdb.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** What an integration test gets, whichever infrastructure the machine chose: each part really works. */
class SharedInfrastructureTest {

    @Test
    void theBrokerDeliversWhatIsSentInKeyOrder() throws Exception {
        String topic = "test-" + UUID.randomUUID();
        Map<String, Object> common = Map.of("bootstrap.servers", TestKafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(merge(common, Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "cmc-1", "event-" + i)).get();
            }
        }
        try (var consumer = new KafkaConsumer<>(merge(common, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "t",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> received = new java.util.ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < until) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> received.add(r.value()));
            }
            assertThat(received).containsExactly("event-0", "event-1", "event-2");
        }
    }

    @Test
    void theMongoStoreKeepsDocumentsPerDatabase() {
        try (MongoClient a = MongoClients.create(TestMongo.uri("a")); MongoClient b = MongoClients.create(TestMongo.uri("b"))) {
            a.getDatabase("a").getCollection("cmcs").insertOne(new Document("_id", "x").append("status", "DRAFT"));
            assertThat(a.getDatabase("a").getCollection("cmcs").find(new Document("_id", "x")).first())
                    .containsEntry("status", "DRAFT");
            assertThat(b.getDatabase("b").getCollection("cmcs").countDocuments()).isZero();
        }
    }

    @Test
    void keycloakIssuesTokensTheServicesAccept() {
        KcdbSecurityProperties properties = new KcdbSecurityProperties(TestKeycloak.issuer(), null, null, null);
        Jwt jwt = KeycloakJwt.decoder(properties).decode(TestKeycloak.token("writer.ptb")).block();

        Caller caller = Caller.from(jwt);
        assertThat(caller.username()).isEqualTo("writer.ptb");
        assertThat(caller.roles()).containsExactly(Role.CMC_WRITER);
        assertThat(caller.institute()).isEqualTo("PTB");
        assertThat(caller.rmo()).isEqualTo("EURAMET");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        KcdbSecurityProperties other = new KcdbSecurityProperties(TestKeycloak.issuer(), null, "another-api", null);
        String token = TestKeycloak.token("chair.euramet");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeycloakJwt.decoder(other).decode(token).block())
                .isInstanceOf(JwtValidationException.class);
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> merged = new java.util.HashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
