package org.bipm.kcdb.comparisons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComparisonIdentifierTest {

    /** Identifiers as the KCDB lists them (DOMAIN.md §3.2 and the KCDB's comparison pages). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // identifier,          organiser, section, key,  number
            "CCM.M-K1,              CCM,      ,        true,  1",
            "CCM.M-K4,              CCM,      ,        true,  4",
            "CCM.M-K7,              CCM,      ,        true,  7",
            "CCM.F-K23,             CCM,      ,        true,  23",
            "CCM.D-K2,              CCM,      ,        true,  2",
            "CCM.FF-K2.2011,        CCM,      ,        true,  2",
            "CCQM-K144,             CCQM,     ,        true,  144",
            "CCQM-K155,             CCQM,     ,        true,  155",
            "CCQM-K55.c,            CCQM,     ,        true,  55",
            "CCT-K3,                CCT,      ,        true,  3",
            "CCT-K8,                CCT,      ,        true,  8",
            "CCT-K9,                CCT,      ,        true,  9",
            "CCT-K9.2,              CCT,      ,        true,  9",
            "CCT-K3.1,              CCT,      ,        true,  3",
            "CCT-K7.2021,           CCT,      ,        true,  7",
            "CCPR-K1.a,             CCPR,     ,        true,  1",
            "CCPR-K3.a,             CCPR,     ,        true,  3",
            "CCEM.RF-K23.F,         CCEM,     ,        true,  23",
            "CCEM.RF-K5.c.CL,       CCEM,     ,        true,  5",
            "CCEM.RF-K26,           CCEM,     ,        true,  26",
            "CCEM-K8,               CCEM,     ,        true,  8",
            "CCL-K1,                CCL,      ,        true,  1",
            "CCL-K6,                CCL,      ,        true,  6",
            "CCL-K1.2009,           CCL,      ,        true,  1",
            "CCL-S1,                CCL,      ,        false, 1",
            "CCAUV.A-K5,            CCAUV,    ,        true,  5",
            "CCTF-K001.UTC,         CCTF,     ,        true,  1",
            "CCRI(I)-K2,            CCRI,     I,       true,  2",
            "CCRI(II)-K3,           CCRI,     II,      true,  3",
            "CCRI(III)-K5,          CCRI,     III,     true,  5",
            "CCRI(II)-K2.Co-60,     CCRI,     II,      true,  2",
            "BIPM.RI(II)-K1.Co-60,  BIPM,     II,      true,  1",
            "BIPM.RI(I)-K1,         BIPM,     I,       true,  1",
            "BIPM.EM-K10.a,         BIPM,     ,        true,  10",
            "APMP.AUV.A-K5,         APMP,     ,        true,  5",
            "AFRIMETS.AUV.V-K5,     AFRIMETS, ,        true,  5",
            "APMP.EM-K12,           APMP,     ,        true,  12",
            "APMP.L-K3,             APMP,     ,        true,  3",
            "APMP.M.F-K2.a,         APMP,     ,        true,  2",
            "APMP.QM-S5,            APMP,     ,        false, 5",
            "APMP.L-S5.2.n01,       APMP,     ,        false, 5",
            "APMP.T-S16,            APMP,     ,        false, 16",
            "APMP.M.P-S7,           APMP,     ,        false, 7",
            "APMP.AUV.V-S1,         APMP,     ,        false, 1",
            "SIM.M.M-K6,            SIM,      ,        true,  6",
            "SIM.M.FF-K6.2017,      SIM,      ,        true,  6",
            "SIM.EM.RF-K5.b.CL,     SIM,      ,        true,  5",
            "SIM.EM-K1,             SIM,      ,        true,  1",
            "SIM.M.P-K1,            SIM,      ,        true,  1",
            "SIM.M.F-S6,            SIM,      ,        false, 6",
            "SIM.M.M-S18,           SIM,      ,        false, 18",
            "SIM.QM-S3,             SIM,      ,        false, 3",
            "SIM.QM-S11,            SIM,      ,        false, 11",
            "SIM.M.D-S2,            SIM,      ,        false, 2",
            "EUROMET.L-K1.1,        EUROMET,  ,        true,  1",
            "EURAMET.L-K1.2011,     EURAMET,  ,        true,  1",
            "EUROMET.L-K5-2004,     EUROMET,  ,        true,  5",
            "EUROMET.L-K4.2005,     EUROMET,  ,        true,  4",
            "EURAMET.M.M-K4,        EURAMET,  ,        true,  4",
            "EURAMET.EM-K8,         EURAMET,  ,        true,  8",
            "EURAMET.EM-S36,        EURAMET,  ,        false, 36",
            "EURAMET.L-S24,         EURAMET,  ,        false, 24",
            "EURAMET.L-S2.3.n02,    EURAMET,  ,        false, 2",
            "GULFMET.EM-S8,         GULFMET,  ,        false, 8",
            "GULFMET.L-S1,          GULFMET,  ,        false, 1",
            "AFRIMETS.L-S6.1.n03,   AFRIMETS, ,        false, 6",
            "AFRIMETS.M.P-S1,       AFRIMETS, ,        false, 1",
            "COOMET.EM-S21,         COOMET,   ,        false, 21",
            "COOMET.M.F-S1,         COOMET,   ,        false, 1",
            "COOMET.T-K3,           COOMET,   ,        true,  3",
    })
    void everyFormTheKcdbRegistersIsRead(String identifier, String organiser, String section, boolean key,
                                          int number) {
        ComparisonIdentifier id = ComparisonIdentifier.parse(identifier).orElseThrow();
        assertThat(id.value()).isEqualTo(identifier);
        assertThat(id.organiser()).isEqualTo(organiser);
        assertThat(id.section()).isEqualTo(section);
        assertThat(id.key()).isEqualTo(key);
        assertThat(id.number()).isEqualTo(number);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "K8", "CCM", "CCM.M", "CCM.M-K", "CCM.M-X1", "CCQM-P12", "ccm.m-k1",
            "Ccm.M-K1", "CCM.m-K1", "XYZ.M-K1", "NPL-K1", "CCMM-K1", "CCM.M K1", "CCEM K8", "CCM.M_K1", "CCM.M—K1",
            "EURAMET-L-K1", "CCM..M-K1", "CCM.M-K1.", "CCM.M-K1..a", "CCM.M-K1.a.", "CCM.M-K0", "CCM.M-K000",
            "CCM.M-K12345", "CCM.M-KS1", "CCM.ABCDE-K1", "CCM.M-K1.toolongsuffix", "CCM.M-K1-04", "CCT-K9-2",
            "EUROMET.L-K5-1850", "CCRI(IV)-K1", "CCRI(ii)-K2", "CCRI()-K2", "CCRI(II-K2", "CCM(II)-K1",
            "BIPM.RI(IV)-K1", "BIPM.RI(II)-K1.Co-", "BIPM.RI(II)-K1.Co-60000", "EURAMET.L-S24; DROP",
            "EURAMET.L-S24/", "CCM.M-K1 and CCM.M-K2", "CCL-S1..S4", "<b>CCM.M-K1</b>", "CCM.M-K1\nCCM.M-K2"})
    void whatIsNotAnIdentifierIsRefused(String text) {
        assertThat(ComparisonIdentifier.parse(text)).isEmpty();
        assertThat(ComparisonIdentifier.wellFormed(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"APMP.EM-K12", "EURAMET.L-K1.2011", "SIM.M.M-K6", "COOMET.T-K3"})
    void rmoKeyComparisonsAreRecognisedAsSuch(String identifier) {
        ComparisonIdentifier id = ComparisonIdentifier.parse(identifier).orElseThrow();
        assertThat(id.cipm()).isFalse();
        assertThat(id.rmoKeyComparison()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCM.M-K1", "BIPM.RI(II)-K1.Co-60", "CCRI(II)-K3", "CCL-S1"})
    void committeesAndTheBipmRunCipmComparisons(String identifier) {
        assertThat(ComparisonIdentifier.parse(identifier).orElseThrow().cipm()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {" CCM.M-K1", "CCM.M-K1 ", "\tCCM.M-K1\n"})
    void surroundingSpaceIsNotPartOfTheIdentifier(String text) {
        assertThat(ComparisonIdentifier.parse(text).orElseThrow().value()).isEqualTo("CCM.M-K1");
    }
}
