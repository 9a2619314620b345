package org.bipm.kcdb.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private JsonSchema schemaOf(EventType type) throws Exception {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema of %s", type).isNotNull();
            return schemas.getSchema(in);
        }
    }

    @Test
    void everySerializedEventConformsToItsPublishedSchema() throws Exception {
        for (IntegrationEvent event : SampleEvents.all()) {
            EventType type = EventType.of(event);
            Set<ValidationMessage> errors = schemaOf(type).validate(json.writeValueAsString(event), InputFormat.JSON);
            assertThat(errors).as("%s against %s", event, type.schemaResource()).isEmpty();
        }
    }

    @Test
    void everyCatalogueEntryHasASampleAndASchema() {
        Set<EventType> sampled = SampleEvents.all().stream().map(EventType::of).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemasRejectAPayloadWithoutItsEventId(EventType type) throws Exception {
        IntegrationEvent sample = SampleEvents.all().stream().filter(e -> EventType.of(e) == type).findFirst()
                .orElseThrow();
        ObjectNode node = (ObjectNode) json.valueToTree(sample);
        node.remove("eventId");
        node.put("unexpectedField", "x");
        Set<ValidationMessage> errors = schemaOf(type).validate(node.toString(), InputFormat.JSON);
        assertThat(errors).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("eventId"))
                .anySatisfy(m -> assertThat(m).contains("unexpectedField"));
    }

    @Test
    void eventsRoundTripThroughJsonUnchanged() throws Exception {
        for (IntegrationEvent event : SampleEvents.all()) {
            String text = json.writeValueAsString(event);
            assertThat(json.readValue(text, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void anEventWrittenBeforeDeletionRequestsExistedReadsAsNoDeletionRequest() throws Exception {
        for (Class<? extends IntegrationEvent> type : List.of(CmcSubmitted.class, CmcApproved.class)) {
            IntegrationEvent sample = SampleEvents.all().stream().filter(type::isInstance).findFirst().orElseThrow();
            ObjectNode older = (ObjectNode) json.valueToTree(sample);
            older.remove("deletionRequest");
            IntegrationEvent read = json.readValue(older.toString(), type);
            assertThat(read).isEqualTo(sample);
            assertThat(schemaOf(EventType.fromCeType(sample.getClass() == CmcSubmitted.class
                    ? "org.bipm.kcdb.cmc.submitted" : "org.bipm.kcdb.cmc.approved").orElseThrow())
                    .validate(older.toString(), InputFormat.JSON)).isEmpty();
        }
    }

    @Test
    void aReviewerAssignedOfVersion1ReadsAsReviewingForTheSubmittingRmoAndVersion2MustNameItsRmo() throws Exception {
        String version1 = "{\"eventId\":\"6f1c1b52-3f1e-4b8e-9a57-2d7f2c7f1a10\",\"occurredAt\":\"2026-05-01T10:00:00Z\","
                + "\"schemaVersion\":1,\"reviewId\":\"review-1\",\"cmcId\":\"cmc-1\",\"rmo\":\"EURAMET\","
                + "\"reviewer\":\"reviewer.lne\",\"assignedBy\":\"chair.euramet\"}";
        assertThat(schemaOf(EventType.REVIEW_REVIEWER_ASSIGNED).validate(version1, InputFormat.JSON)).isEmpty();
        ReviewerAssigned read = json.readValue(version1, ReviewerAssigned.class);
        assertThat(read.reviewingRmo()).isNull();
        assertThat(read.reviewsFor()).isEqualTo("EURAMET");

        ReviewerAssigned interRmo = SampleEvents.all().stream().filter(ReviewerAssigned.class::isInstance)
                .map(ReviewerAssigned.class::cast).filter(e -> e.schemaVersion() == 2 && !e.rmo().equals(e.reviewingRmo()))
                .findFirst().orElseThrow();
        assertThat(interRmo.reviewsFor()).isEqualTo("SIM");
        ObjectNode withoutRmo = (ObjectNode) json.valueToTree(interRmo);
        withoutRmo.remove("reviewingRmo");
        assertThat(schemaOf(EventType.REVIEW_REVIEWER_ASSIGNED).validate(withoutRmo.toString(), InputFormat.JSON))
                .isNotEmpty();
        withoutRmo.putNull("reviewingRmo");
        assertThat(schemaOf(EventType.REVIEW_REVIEWER_ASSIGNED).validate(withoutRmo.toString(), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void aPublishedKcdbCodeMustFollowTheKcdbPattern() throws Exception {
        ObjectNode node = (ObjectNode) json.valueToTree(SampleEvents.all().stream().filter(CmcPublished.class::isInstance).findFirst().orElseThrow());
        node.put("kcdbCode", "EURAMET-EM-DE-1A-1");
        assertThat(schemaOf(EventType.CMC_PUBLISHED).validate(node.toString(), InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void anRmoThatWillReviewMustGiveItsDeadline() throws Exception {
        ObjectNode node = (ObjectNode) json.valueToTree(SampleEvents.all().stream()
                .filter(e -> e instanceof RmoIntentDeclared intent && intent.willReview()).findFirst().orElseThrow());
        node.putNull("deadline");
        assertThat(schemaOf(EventType.REVIEW_RMO_INTENT_DECLARED).validate(node.toString(), InputFormat.JSON))
                .isNotEmpty();
    }

    @Test
    void cloudEventHeadersCarryTypeSubjectAndId() {
        IntegrationEvent submitted = SampleEvents.all().get(0);
        var headers = CloudEventHeaders.of(submitted, "/kcdb/submission");
        assertThat(headers).containsEntry(CloudEventHeaders.TYPE, "org.bipm.kcdb.cmc.submitted")
                .containsEntry(CloudEventHeaders.SUBJECT, "cmc-1")
                .containsEntry(CloudEventHeaders.ID, submitted.eventId().toString())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.SOURCE, "/kcdb/submission");
    }

    @Test
    void eachTopicHasOneWriterAndEveryTypeBelongsToAWritersTopic() {
        assertThat(Arrays.stream(Topic.values()).map(Topic::topicName)).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).startsWith("kcdb."));
        assertThat(EventType.CMC_APPROVED.topic().writer()).isEqualTo("review");
        assertThat(EventType.fromCeType("org.bipm.kcdb.cmc.published")).contains(EventType.CMC_PUBLISHED);
        assertThat(EventType.fromCeType("org.bipm.kcdb.unknown")).isEmpty();
    }
}
