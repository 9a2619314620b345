package org.bipm.kcdb.support.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.EventType;
import org.springframework.messaging.Message;

/**
 * A consumer bound to topics whose events it acts on only in part: it names the types it handles, and
 * {@link ReceivedTypesFilter} drops the others as they come from the broker, before the binder converts them.
 */
public interface SelectiveConsumer extends Consumer<Message<byte[]>> {

    /** Whether this consumer acts on events of the type; it ignores the others (and types it does not know). */
    boolean handles(EventType type);
}
