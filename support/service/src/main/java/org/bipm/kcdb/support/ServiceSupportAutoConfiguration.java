package org.bipm.kcdb.support;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bipm.kcdb.support.json.CanonicalInstants;
import org.bipm.kcdb.support.messaging.DeadLetters;
import org.bipm.kcdb.support.messaging.ReceivedTypesFilter;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.bipm.kcdb.support.tracing.EventTracing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import io.micrometer.core.instrument.MeterRegistry;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.bipm.kcdb.support.metrics.EventMeters;
import org.bipm.kcdb.support.outbox.OutboxProperties;
import org.bipm.kcdb.support.outbox.BoundTopics;
import org.bipm.kcdb.support.outbox.OutboxRelay;
import org.bipm.kcdb.support.outbox.SendResults;
import org.bipm.kcdb.support.outbox.TopicSender;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.bipm.kcdb.support.web.InFlightLimit;
import org.bipm.kcdb.support.web.ProblemHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JacksonModule;

/**
 * The outbox relay, idempotent consumption, problem details and the clock, wired the same way in every service;
 * the aggregate stores are declared with {@link org.bipm.kcdb.support.persistence.StoredAggregate}.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxProperties.class)
public class ServiceSupportAutoConfiguration {

    /** The time every service's rules are measured by; a test puts a clock of its own in its place. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Instants in the services' JSON read by their digits when written as the services write them
     * ({@code kcdb.json.canonical-instants: false}: Jackson's parsing only, the benchmarks' "before").
     */
    @Bean
    @ConditionalOnProperty(name = "kcdb.json.canonical-instants", matchIfMissing = true)
    JacksonModule canonicalInstants() {
        return CanonicalInstants.module();
    }

    @Bean
    EventMeters eventMeters(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry available = registry.getIfAvailable();
        return available == null ? EventMeters.none() : new EventMeters(available);
    }

    @Bean
    ProcessedEvents processedEvents(ReactiveMongoTemplate mongo, EventMeters meters) {
        return new ProcessedEvents(mongo, meters);
    }

    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    @ConditionalOnProperty("kcdb.outbox.source")
    OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, TopicSender topics, SendResults sendResults,
                            OutboxProperties properties, EventMeters meters, EventTracing tracing) {
        return new OutboxRelay(mongo, topics, sendResults, properties.collections(), properties.source(),
                properties.interval(), properties.inFlight(), meters, tracing);
    }

    /** The binder's producer of each topic, bound once: the relay's sends skip StreamBridge's work per send. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("kcdb.outbox.source")
    TopicSender outboxTopics(BindingService bindings, ApplicationContext context) {
        return new BoundTopics(bindings, context);
    }

    /** Each outbox send's future, as the Kafka producer hands it over (the relay waits on a batch of them). */
    @Bean
    SendResults outboxSendResults() {
        return new SendResults();
    }

    /**
     * The binder's producers hand the future of every send that names a {@link SendResults#TOKEN} to this channel
     * (Spring Integration's futures channel, set on each binding's handler by the binder's own customizer hook), on
     * the sending thread: the relay sends a batch asynchronously and then waits for the broker's answers.
     */
    @Bean
    ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> outboxSendFutures(SendResults sendResults) {
        DirectChannel futures = new DirectChannel();
        futures.subscribe(sendResults);
        return (handler, destination) -> handler.setFuturesChannel(futures);
    }

    /** Each binding's consumer receives only the event types it handles ({@link ReceivedTypesFilter}). */
    @Bean
    ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> receivedTypesFilter(
            BindingServiceProperties bindings, BeanFactory beans) {
        return new ReceivedTypesFilter(bindings, beans);
    }

    /**
     * Every consumer observes what it receives: the Kafka listener's span continues the event's traceparent, so
     * what the handler logs and writes to its own outbox joins the producer's trace.
     * <p>
     * Its offsets are committed after each poll's records are applied, as before, but without waiting for the
     * answer ({@code kcdb.messaging.sync-commits}, false in kcdb-service-defaults.yml): a synchronous commit held the
     * consumer's thread for a round trip to the group coordinator, which waits up to
     * {@code group.coordinator.append.linger.ms} (5 ms in Kafka 4.1) before it writes, after every poll, while the
     * next events waited (issue 15's event hop). A commit is still sent only for records already applied, so a lost
     * one redelivers what was applied (skipped by the processed-event record) and never skips an event.
     * <p>
     * Each consumer's client id names its group, its topic and the process it runs in
     * ({@code review.kcdb.cmc.submissions@<host>.<pid>-<thread>}): with several instances of a service in one group,
     * the broker's view of the group ({@code kafka-consumer-groups.sh --describe}) then tells which instance reads
     * which partitions. Without it every instance's consumers were {@code consumer-review-1}, {@code -2}, ... alike.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> observedConsumers(
            @Value("${kcdb.messaging.sync-commits:false}") boolean syncCommits) {
        String host = System.getenv("HOSTNAME");
        String process = (host == null || host.isBlank() ? "" : host + ".") + ProcessHandle.current().pid();
        return (container, destination, group) -> {
            container.getContainerProperties().setObservationEnabled(true);
            container.getContainerProperties().setSyncCommits(syncCommits);
            container.getContainerProperties().setClientId(
                    group + "." + String.join("+", destination.split(",")) + "@" + process);
        };
    }

    /**
     * The dead letters waiting on the dead-letter topics the service's consumers declare
     * ({@code spring.cloud.stream.kafka.bindings.*.consumer.dlq-name}), counted on the broker.
     */
    @Bean
    DeadLetters deadLetters(Environment environment, ObjectProvider<MeterRegistry> registry,
                            @Value("${kcdb.metrics.dead-letters-interval:30s}") Duration interval) {
        Binder binder = Binder.get(environment);
        List<String> topics = binder.bind("spring.cloud.stream.kafka.bindings",
                        Bindable.mapOf(String.class, KafkaBinding.class)).orElse(Map.of()).values().stream()
                .map(KafkaBinding::consumer).filter(c -> c != null && c.enableDlq() && c.dlqName() != null)
                .map(KafkaConsumer::dlqName).distinct().sorted().toList();
        Map<String, Object> config = new HashMap<>(binder.bind("spring.cloud.stream.kafka.binder.configuration",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",",
                binder.bind("spring.cloud.stream.kafka.binder.brokers", String[].class)
                        .orElse(new String[] {"127.0.0.1:9092"})));
        MeterRegistry meters = registry.getIfAvailable();
        return new DeadLetters(config, topics, interval, meters == null ? EventMeters.none().registry() : meters);
    }

    /** The part of a Kafka binding's settings the dead-letter count needs. */
    record KafkaBinding(KafkaConsumer consumer) {
    }

    record KafkaConsumer(boolean enableDlq, String dlqName) {
    }

    @Bean(name = "store")
    StoreHealth storeHealth(ReactiveMongoTemplate mongo) {
        return new StoreHealth(mongo);
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    InFlightLimit inFlightLimit(@Value("${kcdb.web.max-in-flight:256}") int limit,
            ObjectProvider<MeterRegistry> registry) {
        return new InFlightLimit(limit, registry.getIfAvailable());
    }
}
