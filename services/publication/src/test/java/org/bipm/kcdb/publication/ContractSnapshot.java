package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generated contract (OpenAPI, AsyncAPI) compared with the snapshot committed in {@code contract/}: a change to
 * the API shows up in review as a change of that file, never silently. To accept an intended change, run the test
 * with {@code -Dkcdb.contract.update=true} and commit the rewritten snapshot.
 */
public final class ContractSnapshot {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractSnapshot() {
    }

    /** Compares {@code generated} (JSON) with the snapshot at {@code path}, ignoring the order of object members. */
    public static void assertMatches(String generated, Path snapshot) {
        String actual = canonical(JSON.readTree(generated));
        try {
            if (Boolean.getBoolean("kcdb.contract.update")) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, actual);
            }
            assertThat(snapshot).as("the committed contract %s (create it with -Dkcdb.contract.update=true)",
                    snapshot).exists();
            String committed = canonical(JSON.readTree(Files.readString(snapshot)));
            assertThat(actual).as("the generated contract differs from %s; if the change is intended, run with "
                    + "-Dkcdb.contract.update=true and commit the file", snapshot).isEqualTo(committed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document without its {@code servers}, which name the test's random port. */
    public static String withoutServers(String document) {
        ObjectNode tree = (ObjectNode) JSON.readTree(document);
        tree.remove("servers");
        return JSON.writeValueAsString(tree);
    }

    /** Pretty-printed with object members in name order, so that a diff shows only what changed. */
    private static String canonical(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            members.forEach(member -> copy.set(member.getKey(), sorted(member.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
