package org.bipm.kcdb.publication.application;

import org.bipm.kcdb.publication.domain.FeedEntry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A feed entry in the CloudEvents JSON format, with the payload unchanged under {@code data}. */
public final class CloudEventJson {

    private CloudEventJson() {
    }

    public static String of(FeedEntry entry, JsonMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", entry.id());
        event.put("source", entry.source());
        event.put("type", entry.type());
        event.put("subject", entry.subject());
        event.put("time", entry.time());
        event.put("datacontenttype", "application/json");
        event.set("data", json.readTree(entry.data()));
        return json.writeValueAsString(event);
    }
}
