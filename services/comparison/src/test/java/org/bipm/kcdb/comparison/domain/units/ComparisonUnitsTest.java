package org.bipm.kcdb.comparison.domain.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonUnitsTest {

    @Test
    void prefixesScaleValueAndUncertainty() {
        assertThat(ComparisonUnits.convert(1.5, 0.002, "mV", "V")).containsExactly(new double[] {1.5e-3, 2e-6},
                within(1e-18));
        assertThat(ComparisonUnits.convert(250, 3, "µg/kg", "mg/kg")).containsExactly(new double[] {0.25, 0.003},
                within(1e-15));
    }

    @Test
    void anOffsetAppliesToTheValueButNotToTheUncertainty() {
        double[] kelvin = ComparisonUnits.convert(20.0, 0.05, "°C", "K");
        assertThat(kelvin[0]).isCloseTo(293.15, within(1e-12));
        assertThat(kelvin[1]).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void dimensionlessRatiosConvert() {
        assertThat(ComparisonUnits.convert(2.5, 0.1, "ppm", "mol/mol")).containsExactly(new double[] {2.5e-6, 1e-7},
                within(1e-18));
        assertThat(ComparisonUnits.convert(0.5, 0.01, "%", "mol/mol")).containsExactly(new double[] {0.005, 1e-4},
                within(1e-15));
    }

    @Test
    void unknownAndIncompatibleUnitsAreRefusedWithTheirSymbols() {
        assertThatThrownBy(() -> ComparisonUnits.convert(1, 0.1, "furlong", "m"))
                .isInstanceOf(ComparisonUnits.UnknownUnit.class).hasMessageContaining("'furlong'");
        assertThatThrownBy(() -> ComparisonUnits.convert(1, 0.1, "kg", "m"))
                .isInstanceOf(ComparisonUnits.IncompatibleUnit.class).hasMessageContaining("'kg'");
    }
}
