package org.bipm.kcdb.support.outbox;

import org.springframework.messaging.Message;

/**
 * Hands one message to the binder's producer of a topic, without waiting for the broker; true when the producer took
 * it. The relay's one way out: {@link BoundTopics} in the services, a simulated binder in tests.
 */
@FunctionalInterface
public interface TopicSender {

    boolean send(String topic, Message<byte[]> message);
}
