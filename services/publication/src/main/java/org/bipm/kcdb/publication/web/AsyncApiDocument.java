package org.bipm.kcdb.publication.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.Topic;
import org.bipm.kcdb.publication.application.FeedScope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's Kafka topics as an AsyncAPI 3.0 document, for RMOs whose systems consume the topics directly.
 * Built from the event catalogue ({@link Topic}, {@link EventType}) and the JSON Schemas the producers are tested
 * against, so it cannot drift from what is actually sent. The operations are an outside consumer's: receive.
 */
public final class AsyncApiDocument {

    static final String VERSION = "3.0.0";
    private static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";

    private AsyncApiDocument() {
    }

    public static ObjectNode build(JsonMapper json, String bootstrapServers, String platformVersion) {
        ObjectNode doc = json.createObjectNode();
        doc.put("asyncapi", VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "KCDB platform events");
        info.put("version", platformVersion);
        info.put("description", "The events of the CIPM MRA workflow: CMC submission, intra- and inter-RMO review, "
                + "key and supplementary comparisons, and publication in the KCDB. Each Kafka record is a CloudEvent "
                + "in binary mode: the payload is the event's JSON, the CloudEvents attributes are the ce_* headers, "
                + "and the key is the aggregate's id (a CMC, review case or comparison), so the events of one "
                + "aggregate keep their order within a partition. Payloads only ever gain fields; a breaking change "
                + "is a new type. Delivery is at least once: skip an event id you have already applied. The same "
                + "events are also offered as Server-Sent Events (GET /api/events/stream) and as webhooks "
                + "(POST /api/subscriptions), scoped to the subscriber: before publication a CMC's content, its "
                + "comments, reviewers and decisions reach only the submitting RMO's subscribers and, during the "
                + "inter-RMO review, those of the RMOs taking part; other RMOs' subscribers receive the public facts "
                + "(published, archived, greyed out, restored, deleted, the opening of the inter-RMO review, the "
                + "comparisons' public steps). Each message says who receives it.");
        doc.put("defaultContentType", CloudEventHeaders.JSON);
        ObjectNode server = doc.putObject("servers").putObject("platform");
        server.put("host", bootstrapServers);
        server.put("protocol", "kafka");
        server.put("description", "The platform's Kafka brokers. Each topic has exactly one writing service; "
                + "outside systems only read, in a consumer group of their own.");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        components.set("messageTraits", json.createObjectNode().set("cloudEvent", cloudEventTrait(json)));

        for (Topic topic : Topic.values()) {
            String channelId = camel(topic.topicName().substring("kcdb.".length()));
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic.topicName());
            channel.put("description", "Written only by the " + topic.writer() + " service."
                    + (topic == Topic.COMPARISONS ? " Carries draft evaluations, confidential to the participants "
                    + "until the comparison is published: outside systems are given read access to "
                    + "kcdb.publications, whose comparison.published has the KCRV and degrees of equivalence."
                    : ""));
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("receive" + capitalised(channelId));
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            ArrayNode operationMessages = operation.putArray("messages");
            for (EventType type : typesOn(topic)) {
                String messageId = camel(type.ceType().substring("org.bipm.kcdb.".length()));
                messages.set(messageId, message(json, type));
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
            }
        }
        return doc;
    }

    private static List<EventType> typesOn(Topic topic) {
        return Arrays.stream(EventType.values()).filter(t -> t.topic() == topic).toList();
    }

    private static ObjectNode message(JsonMapper json, EventType type) {
        ObjectNode message = json.createObjectNode();
        message.put("name", type.ceType());
        message.put("title", type.payloadType().getSimpleName());
        message.put("contentType", CloudEventHeaders.JSON);
        message.put("description", FeedScope.describe(type));
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", SCHEMA_FORMAT);
        payload.set("schema", schemaOf(json, type));
        ObjectNode key = message.putObject("bindings").putObject("kafka").putObject("key");
        key.put("type", "string");
        key.put("description", "The aggregate's id; the CloudEvent's subject.");
        message.putArray("traits").addObject().put("$ref", "#/components/messageTraits/cloudEvent");
        return message;
    }

    /** The CloudEvents Kafka binding's headers, the same on every message. */
    private static ObjectNode cloudEventTrait(JsonMapper json) {
        ObjectNode headers = json.createObjectNode();
        headers.put("type", "object");
        headers.putArray("required").add(CloudEventHeaders.ID).add(CloudEventHeaders.TYPE)
                .add(CloudEventHeaders.SOURCE).add(CloudEventHeaders.SPEC_VERSION);
        ObjectNode properties = headers.putObject("properties");
        header(properties, CloudEventHeaders.ID, "The event id: the same on every redelivery.");
        header(properties, CloudEventHeaders.TYPE, "The event type, e.g. org.bipm.kcdb.cmc.published.");
        header(properties, CloudEventHeaders.SOURCE, "The writing service, e.g. /kcdb/publication.");
        header(properties, CloudEventHeaders.SPEC_VERSION, "Always 1.0.");
        header(properties, CloudEventHeaders.TIME, "When it happened (RFC 3339).");
        header(properties, CloudEventHeaders.SUBJECT, "The aggregate's id, as the record key.");
        header(properties, CloudEventHeaders.TRACEPARENT, "W3C trace context, when the event was traced.");
        ObjectNode trait = json.createObjectNode();
        trait.set("headers", headers);
        return trait;
    }

    private static void header(ObjectNode properties, String name, String description) {
        ObjectNode header = properties.putObject(name);
        header.put("type", "string");
        header.put("description", description);
    }

    private static JsonNode schemaOf(JsonMapper json, EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No JSON Schema for " + type.ceType());
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "cmc.reviews" → "cmcReviews", "review.intra-rmo-approved" → "reviewIntraRmoApproved". */
    static String camel(String dotted) {
        String[] words = dotted.split("[.\\-]");
        StringBuilder id = new StringBuilder(words[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.length; i++) {
            id.append(capitalised(words[i]));
        }
        return id.toString();
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
