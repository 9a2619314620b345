package org.bipm.kcdb.publication.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Topic;
import org.bipm.kcdb.test.ContractSnapshot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AsyncApiDocumentTest {

    final JsonMapper json = JsonMapper.builder().build();
    final ObjectNode doc = AsyncApiDocument.build(json, "kafka-1:9092,kafka-2:9092", "1.4.0");

    /** The AsyncAPI document is the committed one (src/test/resources/asyncapi.json): changes show in review. */
    @Test
    void theDocumentIsTheCommittedContract() {
        ContractSnapshot.assertMatches(json.writeValueAsString(AsyncApiDocument.build(json, "localhost:9092", "1.0.0")),
                Path.of("src/test/resources/asyncapi.json"));
    }

    @Test
    void everyTopicIsAChannelThatOutsideSystemsReceiveFrom() {
        assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(doc.at("/servers/platform/host").asString()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(doc.at("/servers/platform/protocol").asString()).isEqualTo("kafka");
        List<String> addresses = new ArrayList<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
        assertThat(addresses).containsExactlyInAnyOrder(
                Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
        doc.get("operations").forEach(operation -> assertThat(operation.get("action").asString())
                .isEqualTo("receive"));
        assertThat(doc.at("/channels/cmcReviews/description").asString()).contains("review service");
        assertThat(doc.at("/components/messages/reviewCommentAdded/description").asString())
                .contains("never by other RMOs' subscribers");
        assertThat(doc.at("/components/messages/cmcPublished/description").asString()).contains("public fact");
        assertThat(doc.at("/components/messages/reviewIntraRmoApproved/description").asString())
                .contains("public fact");
    }

    @Test
    void everyEventTypeIsAMessageOnItsTopicWithTheSchemaItIsTestedAgainst() {
        for (EventType type : EventType.values()) {
            JsonNode message = messageNamed(type.ceType());
            assertThat(message).as(type.ceType()).isNotNull();
            assertThat(message.at("/payload/schema/$id").asString()).endsWith(type.ceType() + ".json");
            assertThat(message.at("/payload/schemaFormat").asString()).contains("schema+json");
            assertThat(message.at("/bindings/kafka/key/type").asString()).isEqualTo("string");
            String channel = channelOf(type.topic());
            String id = AsyncApiDocument.camel(type.ceType().substring("org.bipm.kcdb.".length()));
            assertThat(resolve(doc.at("/channels/" + channel + "/messages/" + id + "/$ref").asString()))
                    .as("the channel of " + type.topic()).isSameAs(message);
        }
        assertThat(doc.at("/components/messageTraits/cloudEvent/headers/required").toString())
                .contains("ce_id", "ce_type", "ce_source", "ce_specversion");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(resolve(ref)).as(ref).isNotNull();
            assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
        }
        assertThat(AsyncApiDocument.camel("review.intra-rmo-approved")).isEqualTo("reviewIntraRmoApproved");
    }

    private JsonNode messageNamed(String name) {
        for (JsonNode message : doc.at("/components/messages")) {
            if (name.equals(message.get("name").asString())) {
                return message;
            }
        }
        return null;
    }

    private String channelOf(Topic topic) {
        for (var entry : doc.get("channels").properties()) {
            if (entry.getValue().get("address").asString().equals(topic.topicName())) {
                return entry.getKey();
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private JsonNode resolve(String ref) {
        JsonNode target = doc.at(ref.substring(1));
        return target.has("$ref") ? resolve(target.get("$ref").asString()) : target;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().asString().startsWith("#/")) {
                    refs.add(e.getValue().asString());
                } else if (!e.getKey().equals("schema")) { // a payload schema's own refs point into itself
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
