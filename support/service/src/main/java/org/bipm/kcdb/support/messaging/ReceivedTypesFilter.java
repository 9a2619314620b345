package org.bipm.kcdb.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bipm.kcdb.events.CloudEventHeaders;
import org.bipm.kcdb.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;

/**
 * Drops the records a binding's consumer does not act on as they come from the broker, told by their
 * {@code ce_type} header alone: the binder would otherwise map their headers, convert their payload and call the
 * consumer only for it to ignore them (about a quarter of the publication's CPU, bench/README.md). Their offsets are
 * committed like the others'. A record without the header is kept for the consumer to decide, as before.
 * <p>
 * The consumers are the bindings' functions ({@code spring.cloud.stream.bindings.<function>-in-0}) of the
 * adapter's destination and group; only when each of them is a {@link SelectiveConsumer} are records dropped, and
 * then only those none of them handles. The Kafka binder takes one endpoint customizer, so this is the only one.
 */
public final class ReceivedTypesFilter implements ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> {

    private static final Logger log = LoggerFactory.getLogger(ReceivedTypesFilter.class);

    private final BindingServiceProperties bindings;
    private final BeanFactory beans;

    public ReceivedTypesFilter(BindingServiceProperties bindings, BeanFactory beans) {
        this.bindings = bindings;
        this.beans = beans;
    }

    @Override
    public void configure(KafkaMessageDrivenChannelAdapter<?, ?> adapter, String destination, String group) {
        Set<String> topics = topics(destination);
        List<SelectiveConsumer> consumers = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        for (Map.Entry<String, BindingProperties> binding : bindings.getBindings().entrySet()) {
            BindingProperties properties = binding.getValue();
            if (properties.getDestination() == null || group == null || !group.equals(properties.getGroup())
                    || topics(properties.getDestination()).stream().noneMatch(topics::contains)) {
                continue;
            }
            String function = function(binding.getKey());
            if (function == null) {
                continue;
            }
            Object consumer = beans.containsBean(function) ? beans.getBean(function) : null;
            if (!(consumer instanceof SelectiveConsumer selective)) {
                log.info("{} ({}) receives every event of {}", function, group, destination);
                return;
            }
            consumers.add(selective);
            functions.add(function);
        }
        if (consumers.isEmpty()) {
            return;
        }
        List<EventType> received = Arrays.stream(EventType.values())
                .filter(type -> topics.contains(type.topic().topicName()))
                .filter(type -> consumers.stream().anyMatch(consumer -> consumer.handles(type))).toList();
        log.info("{} ({}) receive only {} of {}; the others are dropped before conversion", functions, group,
                received.stream().map(EventType::ceType).toList(), destination);
        filter(adapter, consumers);
    }

    private static <K, V> void filter(KafkaMessageDrivenChannelAdapter<K, V> adapter,
                                      List<SelectiveConsumer> consumers) {
        adapter.setRecordFilterStrategy(record -> dropped(record, consumers));
        adapter.setAckDiscarded(true);
    }

    /**
     * Whether none of the consumers handles the record's type; a record without a type header is kept, one of a
     * type the platform does not know (a later producer's) is dropped, as every consumer would ignore it.
     */
    static boolean dropped(ConsumerRecord<?, ?> record, List<? extends SelectiveConsumer> consumers) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (header == null || header.value() == null) {
            return false;
        }
        String ceType = new String(header.value(), StandardCharsets.UTF_8);
        // The binder's header mapper JSON-quotes strings.
        if (ceType.length() > 1 && ceType.startsWith("\"") && ceType.endsWith("\"")) {
            ceType = ceType.substring(1, ceType.length() - 1);
        }
        return EventType.fromCeType(ceType)
                .map(type -> consumers.stream().noneMatch(consumer -> consumer.handles(type)))
                .orElse(true);
    }

    private static Set<String> topics(String destination) {
        return Arrays.stream(destination.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    /** {@code feedEvents-in-0} is the input of the function bean {@code feedEvents}. */
    private static String function(String binding) {
        int in = binding.lastIndexOf("-in-");
        return in > 0 ? binding.substring(0, in) : null;
    }
}
