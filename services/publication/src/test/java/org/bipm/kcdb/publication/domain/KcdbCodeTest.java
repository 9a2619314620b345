package org.bipm.kcdb.publication.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KcdbCodeTest {

    @Test
    void theSerialIsEightBase36DigitsWithLeadingZeros() {
        assertThat(new KcdbCode("EURAMET", "M", "DE", 46, 1)).hasToString("EURAMET-M-DE-0000001A-1");
        assertThat(new KcdbCode("APMP", "PR", "NZ", 36L * 36 * 17 + 12, 1)).hasToString("APMP-PR-NZ-00000H0C-1");
    }

    @Test
    void realPublishedCodesParseAndPrintUnchanged() {
        for (String code : new String[] {"APMP-PR-NZ-00000624-1", "EURAMET-M-DE-0000001A-1", "SIM-EM-CA-ZZZZZZZZ-12"}) {
            assertThat(KcdbCode.parse(code)).get().hasToString(code);
        }
        assertThat(KcdbCode.parse("APMP-PR-NZ-00000624-1").orElseThrow().serial()).isEqualTo(Long.parseLong("624", 36));
    }

    @Test
    void aModificationKeepsTheBaseAndRaisesTheVersion() {
        KcdbCode first = KcdbCode.parse("EURAMET-EM-DE-0000001A-1").orElseThrow();
        assertThat(first.nextVersion()).hasToString("EURAMET-EM-DE-0000001A-2");
        assertThat(first.nextVersion().base()).isEqualTo(first.base());
    }

    @Test
    void malformedCodesAndSerialsOutOfRangeAreRefused() {
        for (String bad : new String[] {"EURAMET-M-DE-1A-1", "XYZ-M-DE-0000001A-1", "EURAMET-M-DEU-0000001A-1",
                "EURAMET-M-DE-0000001a-1", "EURAMET-M-DE-0000001A-0", null}) {
            assertThat(KcdbCode.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThatThrownBy(() -> new KcdbCode("SIM", "EM", "CA", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KcdbCode("SIM", "EM", "CA", KcdbCode.MAX_SERIAL + 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
