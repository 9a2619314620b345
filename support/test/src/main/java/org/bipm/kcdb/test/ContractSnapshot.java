package org.bipm.kcdb.test;

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
 * A contract document a service generates (OpenAPI, AsyncAPI) compared with the snapshot committed next to the
 * module's tests ({@code src/test/resources}): a change to the API shows up in review as a change of that file, never
 * silently. Object members are compared in name order, so only content counts. To accept an intended change, run
 * the test with {@code -Dkcdb.snapshots.update=true} and commit the rewritten snapshot.
 */
public final class ContractSnapshot {

    public static final String UPDATE = "kcdb.snapshots.update";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractSnapshot() {
    }

    /**
     * Compares {@code generated} (JSON) with the snapshot at {@code snapshot} (relative to the module, e.g.
     * {@code src/test/resources/openapi.json}), leaving out the top-level members {@code ignored} (e.g. {@code servers}, which
     * name the test's random port).
     */
    public static void assertMatches(String generated, Path snapshot, String... ignored) {
        ObjectNode tree = (ObjectNode) JSON.readTree(generated);
        for (String member : ignored) {
            tree.remove(member);
        }
        String actual = canonical(tree);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(snapshot.toAbsolutePath().getParent());
                Files.writeString(snapshot, actual);
            }
            assertThat(snapshot).as("the committed contract %s (create it with -D%s=true)", snapshot, UPDATE)
                    .exists();
            String committed = canonical(JSON.readTree(Files.readString(snapshot)));
            assertThat(actual).as("the generated contract differs from %s; if the change is intended, run with "
                    + "-D%s=true and commit the file", snapshot, UPDATE).isEqualTo(committed);
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
