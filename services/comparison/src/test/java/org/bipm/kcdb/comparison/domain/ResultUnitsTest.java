package org.bipm.kcdb.comparison.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bipm.kcdb.units.IncompatibleUnits;
import org.bipm.kcdb.units.UnitReader;
import org.bipm.kcdb.units.UnknownUnit;
import org.junit.jupiter.api.Test;

/** Results reported in another unit than the comparison's, converted by the platform's unit reader. */
class ResultUnitsTest {

    @Test
    void prefixesScaleValueAndUncertainty() {
        assertThat(UnitReader.convert(1.5, 0.002, "mV", "V")).containsExactly(new double[] {1.5e-3, 2e-6},
                within(1e-18));
        assertThat(UnitReader.convert(250, 3, "µg/kg", "mg/kg")).containsExactly(new double[] {0.25, 0.003},
                within(1e-15));
    }

    @Test
    void anOffsetAppliesToTheValueButNotToTheUncertainty() {
        double[] kelvin = UnitReader.convert(20.0, 0.05, "°C", "K");
        assertThat(kelvin[0]).isCloseTo(293.15, within(1e-12));
        assertThat(kelvin[1]).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void dimensionlessRatiosConvert() {
        assertThat(UnitReader.convert(2.5, 0.1, "ppm", "mol/mol")).containsExactly(new double[] {2.5e-6, 1e-7},
                within(1e-18));
        assertThat(UnitReader.convert(0.5, 0.01, "%", "mol/mol")).containsExactly(new double[] {0.005, 1e-4},
                within(1e-15));
    }

    @Test
    void unknownAndIncompatibleUnitsAreRefusedWithTheirSymbols() {
        assertThatThrownBy(() -> UnitReader.convert(1, 0.1, "furlong", "m"))
                .isInstanceOf(UnknownUnit.class).hasMessageContaining("'furlong'");
        assertThatThrownBy(() -> UnitReader.convert(1, 0.1, "kg", "m"))
                .isInstanceOf(IncompatibleUnits.class).hasMessageContaining("'kg'");
    }

    @Test
    void aResultWrittenAsTheSiBrochureWritesItConvertsToo() {
        assertThat(UnitReader.convert(400, 2, "umol/mol", "mol/mol")).containsExactly(new double[] {4e-4, 2e-6},
                within(1e-15));
        assertThat(UnitReader.convert(1.5, 0.01, "kN m", "N·m")).containsExactly(new double[] {1500, 10},
                within(1e-9));
    }
}
