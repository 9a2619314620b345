package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opentest4j.AssertionFailedError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contract document (OpenAPI, AsyncAPI) compared against the snapshot committed next to the tests, so that the
 * contract cannot drift without a reviewed change of the snapshot. Keys are sorted, so only content counts.
 * After an intended change, run the test once with {@code -Dkcdb.snapshots.update=true} and commit the file.
 */
public final class ContractSnapshot {

    public static final String UPDATE = "kcdb.snapshots.update";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ContractSnapshot() {
    }

    /**
     * @param document        the document as the service serves it (JSON)
     * @param snapshot        the committed file, relative to the module (e.g. {@code src/test/resources/openapi.json})
     * @param ignoredTopLevel members that differ from run to run (e.g. {@code servers}, which names the random port)
     */
    public static void assertMatches(String document, Path snapshot, String... ignoredTopLevel) {
        String actual = canonical(document, ignoredTopLevel);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(snapshot.toAbsolutePath().getParent());
                Files.writeString(snapshot, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(snapshot)) {
                throw new AssertionFailedError("No snapshot " + snapshot + " yet: run with -D" + UPDATE
                        + "=true and commit it");
            }
            String committed = Files.readString(snapshot, StandardCharsets.UTF_8);
            assertThat(actual).as("the served contract against the committed %s (after an intended change, run "
                    + "with -D%s=true and commit the file)", snapshot, UPDATE).isEqualTo(committed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String document, String... ignoredTopLevel) {
        Map<String, Object> tree = new LinkedHashMap<>(JSON.readValue(document,
                new TypeReference<Map<String, Object>>() { }));
        for (String ignored : ignoredTopLevel) {
            tree.remove(ignored);
        }
        return JSON.writeValueAsString(tree) + "\n";
    }
}
