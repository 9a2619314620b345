package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The census names a query by its shape: the same query with other values (as many) is the same scan. */
class ScanCensusTest {

    @Test
    void aQuerysShapeKeepsItsFieldsAndOperatorsAndDropsItsValues() {
        Document query = new Document("_id", new Document("$in", List.of("a", "b", 3)))
                .append("outbox", new Document("$size", 0)).append("seen", null);
        assertThat(ScanCensus.shape(query))
                .isEqualTo("{_id={$in=[String, Integer] x3}, outbox={$size=Integer}, seen=null}");
        assertThat(ScanCensus.shape(new Document("_id", new Document("$in", List.of("x", "y", "z", "w")))
                .append("outbox", new Document("$size", 7)).append("seen", null)))
                .isEqualTo("{_id={$in=[String] x4}, outbox={$size=Integer}, seen=null}");
    }
}
