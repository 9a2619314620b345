package org.bipm.kcdb.support.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The broker's answer to each of the relay's sends, as Spring Integration's Kafka producer hands it over: a message
 * that carries {@link KafkaIntegrationHeaders#FUTURE_TOKEN} has the future of its send (completed once the broker
 * acknowledged the record, or failed) sent to the producer's futures channel, on the sending thread, before the send
 * returns. Subscribed to that channel ({@code ServiceSupportAutoConfiguration}), this keeps each future under its
 * token (the event's id) until the relay takes it.
 */
public class SendResults implements MessageHandler {

    public static final String TOKEN = KafkaIntegrationHeaders.FUTURE_TOKEN;

    private final Map<Object, CompletableFuture<?>> futures = new ConcurrentHashMap<>();

    @Override
    public void handleMessage(Message<?> message) {
        Object token = message.getHeaders().get(TOKEN);
        if (token != null && message.getPayload() instanceof CompletableFuture<?> future) {
            futures.put(token, future);
        }
    }

    /** The future of the send whose message carried {@code token}; null when the producer handed none over. */
    CompletableFuture<?> take(Object token) {
        return futures.remove(token);
    }
}
