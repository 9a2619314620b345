package org.bipm.kcdb.comparison;

import org.bipm.kcdb.test.LayerRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    /** The platform's one floor plan (domain framework-free, rooms, controllers only in web): LayerRules. */
    @Test
    void theServiceKeepsTheOneFloorPlan() {
        LayerRules.check("org.bipm.kcdb.comparison");
    }
}
