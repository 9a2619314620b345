package org.bipm.kcdb.review;

import org.bipm.kcdb.test.LayerRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theServiceKeepsTheOneFloorPlan() {
        LayerRules.check("org.bipm.kcdb.review");
    }
}
