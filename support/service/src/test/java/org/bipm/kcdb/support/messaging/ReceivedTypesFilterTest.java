package org.bipm.kcdb.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** Which records a binding's consumers never see, by their type header alone. */
class ReceivedTypesFilterTest {

    private final EventHandlers approvals = handlers(EventType.CMC_APPROVED);
    private final EventHandlers openings = handlers(EventType.REVIEW_OPENED);

    @Test
    void aHandledTypeIsKeptInEitherHeaderEncoding() {
        assertThat(ReceivedTypesFilter.dropped(record(EventType.CMC_APPROVED.ceType()), List.of(approvals)))
                .isFalse();
        assertThat(ReceivedTypesFilter.dropped(record("\"" + EventType.CMC_APPROVED.ceType() + "\""),
                List.of(approvals))).isFalse();
    }

    @Test
    void aTypeWithoutHandlerIsDroppedKnownOrNot() {
        assertThat(ReceivedTypesFilter.dropped(record(EventType.REVIEW_OPENED.ceType()), List.of(approvals)))
                .isTrue();
        assertThat(ReceivedTypesFilter.dropped(record("\"" + EventType.REVIEW_OPENED.ceType() + "\""),
                List.of(approvals))).isTrue();
        assertThat(ReceivedTypesFilter.dropped(record("org.bipm.kcdb.cmc.some-later-type"), List.of(approvals)))
                .isTrue();
    }

    @Test
    void aRecordWithoutTypeIsKeptForTheConsumerToDecide() {
        ConsumerRecord<String, byte[]> untyped = new ConsumerRecord<>("kcdb.cmc.reviews", 0, 0L, "key", new byte[0]);

        assertThat(ReceivedTypesFilter.dropped(untyped, List.of(approvals))).isFalse();
    }

    @Test
    void consumersSharingDestinationAndGroupLoseOnlyWhatNoneHandles() {
        List<EventHandlers> both = List.of(approvals, openings);

        assertThat(ReceivedTypesFilter.dropped(record(EventType.CMC_APPROVED.ceType()), both)).isFalse();
        assertThat(ReceivedTypesFilter.dropped(record(EventType.REVIEW_OPENED.ceType()), both)).isFalse();
        assertThat(ReceivedTypesFilter.dropped(record(EventType.CMC_PUBLISHED.ceType()), both)).isTrue();
    }

    @Test
    void aBindingOfEventHandlersGetsTheFilterOfItsHandlersTypes() {
        RecordFilterStrategy<?, ?> strategy = configured("reviewEvents", approvals, "kcdb.cmc.reviews", "publication",
                "kcdb.cmc.reviews", "publication");

        assertThat(strategy).isNotNull();
        assertThat(filter(strategy, record(EventType.CMC_APPROVED.ceType()))).isFalse();
        assertThat(filter(strategy, record(EventType.REVIEW_OPENED.ceType()))).isTrue();
    }

    @Test
    void oneTopicOfABindingsDestinationListIsFilteredAsWell() {
        RecordFilterStrategy<?, ?> strategy = configured("reviewEvents", approvals,
                "kcdb.cmc.submissions, kcdb.cmc.reviews", "publication", "kcdb.cmc.reviews", "publication");

        assertThat(strategy).isNotNull();
    }

    @Test
    void aBindingOfAnotherConsumerOrAnotherGroupIsUntouched() {
        java.util.function.Consumer<Object> plain = message -> { };

        assertThat(configured("allEvents", plain, "kcdb.cmc.reviews", "publication", "kcdb.cmc.reviews",
                "publication")).isNull();
        assertThat(configured("reviewEvents", approvals, "kcdb.cmc.reviews", "publication", "kcdb.cmc.reviews",
                "submission")).isNull();
    }

    private static RecordFilterStrategy<?, ?> configured(String function, Object consumer, String bound,
                                                         String boundGroup, String destination, String group) {
        BindingServiceProperties bindings = new BindingServiceProperties();
        BindingProperties binding = new BindingProperties();
        binding.setDestination(bound);
        binding.setGroup(boundGroup);
        bindings.setBindings(Map.of(function + "-in-0", binding));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton(function, consumer);
        KafkaMessageDrivenChannelAdapter<String, byte[]> adapter = new KafkaMessageDrivenChannelAdapter<>(
                new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<String, byte[]>(Map.of()),
                        new ContainerProperties(destination)));

        new ReceivedTypesFilter(bindings, beans).configure(adapter, destination, group);

        return (RecordFilterStrategy<?, ?>) ReflectionTestUtils.getField(adapter, "recordFilterStrategy");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean filter(RecordFilterStrategy strategy, ConsumerRecord<String, byte[]> record) {
        return strategy.filter(record);
    }

    private static EventHandlers handlers(EventType type) {
        return EventHandlers.forConsumer("test." + type.ceType(), null, JsonMapper.builder().build())
                .on(type, event -> { });
    }

    private static ConsumerRecord<String, byte[]> record(String ceType) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("kcdb.cmc.reviews", 0, 0L, "key", new byte[0]);
        record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
