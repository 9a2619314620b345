package org.bipm.kcdb.notification;

import org.bipm.kcdb.test.DomainRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void theDomainIsFreeOfFrameworks() {
        DomainRules.domainIsFrameworkFree("org.bipm.kcdb.notification");
    }
}
