package org.bipm.kcdb.support.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The binder's producer of each topic the relay sends to, bound once (Spring Cloud Stream's {@link BindingService},
 * as {@code StreamBridge} binds a dynamic destination) and then handed each message as it is.
 * <p>
 * {@code StreamBridge.send} bound the same producer, but on every send it looked the binding's properties up under a
 * lock, copied the message, applied Spring Cloud Function's pass-through function (its output conversion and its
 * observation) and sent through an observed channel, whose span was one more producer span inside the relay's own
 * ({@code EventTracing}). The relay's message is already what goes out (the stored JSON as bytes, its headers), so
 * none of that changed a byte of the record: issue 15, bench/README.md ("What one send cost the relay"). What stays is
 * the binder's handler: the same producer and settings, header mapping, key, and the future handed to
 * {@link SendResults}.
 */
public class BoundTopics implements TopicSender, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BoundTopics.class);

    private final BindingService bindings;
    private final ApplicationContext context;
    private final Map<String, Bound> bound = new ConcurrentHashMap<>();

    public BoundTopics(BindingService bindings, ApplicationContext context) {
        this.bindings = bindings;
        this.context = context;
    }

    @Override
    public boolean send(String topic, Message<byte[]> message) {
        return bound.computeIfAbsent(topic, this::bind).channel().send(message);
    }

    /**
     * A channel with the binder's producer of {@code topic} subscribed. A binding that cannot be made now (no broker)
     * throws, and the relay's send counts as refused; the next send tries again.
     */
    private Bound bind(String topic) {
        DirectWithAttributesChannel channel = new DirectWithAttributesChannel();
        channel.setApplicationContext(context);
        channel.setComponentName(topic);
        Binding<?> binding = bindings.bindProducer(channel, topic, false);
        return new Bound(channel, binding);
    }

    @Override
    public void destroy() {
        bound.values().forEach(b -> {
            try {
                b.binding().unbind();
            } catch (RuntimeException e) {
                log.warn("Unbinding the producer of {} failed: {}", b.binding().getName(), e.toString());
            }
        });
        bound.clear();
    }

    private record Bound(MessageChannel channel, Binding<?> binding) {
    }
}
