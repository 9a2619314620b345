package org.bipm.kcdb.comparison.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComparisonIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"CCM.M-K1", "EURAMET.L-S24", "CCEM.RF-K5.c.CL", "BIPM.RI(II)-K1.Co-60", "CCQM-K144",
            "CCM.FF-K2.2011", "CCPR-K1.a", "CCEM.RF-K23.F", "CCL-K1.2009", "APMP.AUV.A-K5", "SIM.M.FF-K6.2017",
            "SIM.EM.RF-K5.b.CL", "EUROMET.L-K1.1", "EUROMET.L-K5-2004", "GULFMET.EM-S8", "APMP.L-S5.2.n01",
            "AFRIMETS.L-S6.1.n03", "CCT-K9.2", "COOMET.M.F-S1", "SIM.QM-S11", "EURAMET.L-S2.3.n02"})
    void realKcdbIdentifiersAreAccepted(String identifier) {
        assertThat(ComparisonIdentifier.parse(identifier)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CCM", "CCM.M-K", "CCM.M-X1", "ccm.m-k1", "XYZ.M-K1", "CCM.M K1", "CCM..M-K1",
            "CCM.M-K1.", "CCM.M-K0", "EURAMET.L-S24; DROP", "CCM.M-K1.toolongsuffix"})
    void malformedIdentifiersAreRejected(String identifier) {
        assertThat(ComparisonIdentifier.parse(identifier)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"APMP.EM-K12", "EURAMET.L-K1.2011", "SIM.M.M-K6"})
    void rmoKeyComparisonsAreRecognisedAsSuch(String identifier) {
        ComparisonIdentifier id = ComparisonIdentifier.parse(identifier).orElseThrow();
        assertThat(id.key()).isTrue();
        assertThat(id.cipm()).isFalse();
        assertThat(id.rmoKeyComparison()).isTrue();
    }
}
