package org.bipm.kcdb.submission.domain.units;

import org.bipm.kcdb.units.UnitReading;
import org.bipm.kcdb.units.UnknownUnit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quantity-to-dimension rules against real published CMCs: each of the 321 Canadian physics CMCs of the shared
 * sample data has its quantity and the SI base unit the KCDB published for it; none may be refused.
 */
class PublishedCmcUnitsTest {

    static final Path SAMPLES = Path.of("../../../shared/data/kcdb-sample-cmcs-partial.json");

    @Test
    void everyPublishedQuantityFitsTheBaseUnitTheKcdbPublishedForIt() throws Exception {
        Assumptions.assumeTrue(Files.exists(SAMPLES), "the shared sample data is beside the repository");
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (JsonNode r : JsonMapper.builder().build().readTree(SAMPLES.toFile()).path("partialRecords")
                .path("canadaPhysics")) {
            String unit = r.path("cmcBaseUnit").path("unit").asString();
            String quantity = r.path("quantityValue").asString();
            if (unit.isBlank()) {
                continue;
            }
            UnitReading reading;
            try {
                reading = CmcUnits.read(unit.equals("dimension 1") ? "1" : unit);
            } catch (UnknownUnit e) {
                refused.add("unreadable " + unit + " (" + quantity + ")");
                continue;
            }
            checked++;
            if (!QuantityKinds.fits(quantity, reading)) {
                refused.add(quantity + " in " + unit);
            }
        }
        assertThat(checked).isGreaterThan(250);
        assertThat(refused).isEmpty();
    }
}
