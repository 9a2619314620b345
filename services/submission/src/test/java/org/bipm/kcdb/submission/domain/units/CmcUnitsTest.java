package org.bipm.kcdb.submission.domain.units;

import org.bipm.kcdb.units.UnitReading;
import org.bipm.kcdb.units.SiReferencePoint;
import org.bipm.kcdb.units.UnknownUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bipm.kcdb.events.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CmcUnitsTest {

    private static final String SI = SiReferencePoint.UNITS;
    private static final String PREFIX = SiReferencePoint.PREFIXES;

    @ParameterizedTest(name = "{0} {1} = {2} {3}")
    @CsvSource(delimiter = ';', value = {
            "mV; 1; 1e-3; V",
            "kV; 1.1; 1100; V",
            "µg/kg; 10; 1e-8; dimension 1",
            "μg/kg; 0.001; 1e-12; dimension 1",
            "%; 3; 0.03; dimension 1",
            "mol/mol; 0.5; 0.5; dimension 1",
            "µmol/mol; 400; 4e-4; dimension 1",
            "ppm; 2; 2e-6; dimension 1",
            "K; 273.16; 273.16; K",
            "°C; 20; 293.15; K",
            "lx; 1000; 1000; lx",
            "GHz; 10; 1e10; Hz",
            "mΩ; 1; 1e-3; Ω",
            "kPa; 101.325; 101325; Pa",
            "bar; 1; 1e5; Pa",
            "mL; 10; 1e-5; m³",
            "mg/L; 1; 1e-3; kg/m³",
            "g/cm³; 1; 1000; kg/m³",
            "N m; 1; 1; N·m",
            "m.s-2; 9.81; 9.81; m/s²",
            "m·s⁻²; 9.81; 9.81; m/s²",
            "µGal; 1; 1e-8; m/s²",
            "MeV; 1; 1.602176634e-13; J",
            "kBq/kg; 1; 1000; Bq/kg",
            "mGy/s; 1; 1e-3; Gy/s",
            "W/(m²·sr·nm); 1; 1e9; W/(m³·sr)",
            "m<sup>-1</sup>; 2; 2; 1/m",
            // read since the platform's one reader (support/units): Brochure products, 1/x, u for micro, ohm
            "J s; 1; 1; J·s",
            "V·A; 2; 2; V·A",
            "1/s; 2; 2; 1/s",
            "umol/mol; 400; 4e-4; dimension 1",
            "kohm; 1; 1000; Ω",
            "1; 0.5; 0.5; dimension 1"})
    void writtenUnitsConvertToCoherentSiUnits(String unit, double value, double si, String siUnit) {
        CmcUnits.Conversion conversion = CmcUnits.toBaseUnit(new Range(value, null, unit));
        assertThat(conversion.converted()).isTrue();
        assertThat(conversion.baseUnit().lowerLimit()).isCloseTo(si, within(Math.abs(si) * 1e-9));
        assertThat(conversion.baseUnit().upperLimit()).isNull();
        assertThat(conversion.baseUnit().unit()).isEqualTo(siUnit);
    }

    @Test
    void unitsPastedFromKcdbPagesWithTheirHtmlRead() {
        assertThat(CmcUnits.toBaseUnit(new Range(1.0, null, "W (m<sup>2</sup>sr&nbsp;nm)<sup>-1</sup>")).baseUnit())
                .isEqualTo(new Range(1e9, null, "W/(m³·sr)"));
        assertThat(CmcUnits.read("X/W").dimensionless()).isFalse();
    }

    @Test
    void anUncertaintyIsADifferenceSoACelsiusUncertaintyKeepsItsValueInKelvin() {
        assertThat(CmcUnits.toBaseUnit(new Range(20.0, 30.0, "°C")).baseUnit())
                .isEqualTo(new Range(293.15, 303.15, "K"));
        Range uncertainty = CmcUnits.uncertaintyToBaseUnit(new Range(0.1, 0.02, "°C")).baseUnit();
        assertThat(uncertainty.lowerLimit()).isCloseTo(0.1, within(1e-9));
        assertThat(uncertainty.upperLimit()).isCloseTo(0.02, within(1e-9));
        assertThat(uncertainty.unit()).isEqualTo("K");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dB", "dBm", "dB(A)", "dB re 1 µPa", "Np"})
    void logarithmicUnitsAreRatiosAcceptedButNotConverted(String unit) {
        UnitReading reading = CmcUnits.read(unit);
        assertThat(reading.logarithmic()).isTrue();
        assertThat(reading.dimensionless()).isTrue();
        CmcUnits.Conversion conversion = CmcUnits.uncertaintyToBaseUnit(new Range(0.05, 0.1, unit));
        assertThat(conversion.converted()).isFalse();
        assertThat(conversion.baseUnit()).isEqualTo(new Range(0.05, 0.1, unit));
    }

    @Test
    void becquerelIsNotMistakenForABel() {
        assertThat(CmcUnits.read("Bq").logarithmic()).isFalse();
        assertThat(CmcUnits.read("Bq").siReferencePoint()).containsExactly(SI + "becquerel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"furlong", "V/", "", "m^^2", "kgg"})
    void unreadableUnitsAreRefusedWithTheSymbolNamed(String unit) {
        assertThatThrownBy(() -> CmcUnits.read(unit)).isInstanceOf(UnknownUnit.class)
                .hasMessageContaining("is not a unit");
    }

    @Test
    void eachUnitMapsToTheSiReferencePointIrisOfItsUnitsAndPrefixes() {
        assertThat(CmcUnits.read("mV").siReferencePoint()).containsExactly(PREFIX + "milli", SI + "volt");
        assertThat(CmcUnits.read("kg").siReferencePoint()).containsExactly(SI + "kilogram");
        assertThat(CmcUnits.read("µg/kg").siReferencePoint())
                .containsExactly(PREFIX + "micro", SI + "gram", SI + "kilogram");
        assertThat(CmcUnits.read("°C").siReferencePoint()).containsExactly(SI + "degreeCelsius");
        assertThat(CmcUnits.read("cd").siReferencePoint()).containsExactly(SI + "candela");
        assertThat(CmcUnits.read("mol/mol").siReferencePoint()).containsExactly(SI + "mole");
        assertThat(CmcUnits.read("W/(m²·sr·nm)").siReferencePoint())
                .containsExactly(SI + "watt", SI + "metre", SI + "steradian", PREFIX + "nano");
        assertThat(CmcUnits.read("%").siReferencePoint()).isEmpty();
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = ';', value = {
            "DC voltage; mV; true",
            "DC voltage; A; false",
            "DC voltage ratios: up to 1100 V; µV/V; true",
            "Mass fraction; µg/kg; true",
            "Mass fraction; kg; false",
            "Amount-of-substance fraction; µmol/mol; true",
            "Activity; kBq; true",
            "Activity; Gy; false",
            "Absorbed dose/rate to water; Gy; true",
            "Absorbed dose/rate to water; mGy/s; true",
            "Temperature; °C; true",
            "Temperature; Pa; false",
            "Sound pressure level; dB; true",
            "Illuminance; lx; true",
            "Frequency; GHz; true",
            "Voltage sensitivity; mV/Pa; true",
            "Pressure; dB; false"})
    void aUnitFitsItsQuantityByDimension(String quantity, String unit, boolean fits) {
        assertThat(QuantityKinds.fits(quantity, CmcUnits.read(unit))).isEqualTo(fits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"((", ")", "m^999999999", "1/0", "µ", "%%", "10^3 m", "e", "NaN", "∞", "m^-", "kg/(m",
            "^2", "m²²", "/", "°", "° C", "dB(", "m·", "·m", "kg..m", "0", "-1", "1e400", "m^0.5", "\u0000"})
    void nothingAWriterTypesBreaksTheUnitReader(String unit) {
        try {
            UnitReading reading = CmcUnits.read(unit);
            if (!reading.logarithmic()) {
                CmcUnits.toBaseUnit(new Range(1.0, 2.0, unit));
                CmcUnits.uncertaintyToBaseUnit(new Range(1.0, 2.0, unit));
            }
        } catch (UnknownUnit expected) {
            assertThat(expected.getMessage()).contains("is not a unit");
        }
    }
}
