package org.bipm.kcdb.review;

import org.bipm.kcdb.test.LayerRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theServiceKeepsTheOneFloorPlan() {
        // directory: the Keycloak directory client, on its way into a support module of its own
        LayerRules.check("org.bipm.kcdb.review", "directory");
    }
}
