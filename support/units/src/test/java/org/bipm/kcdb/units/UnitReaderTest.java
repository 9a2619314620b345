package org.bipm.kcdb.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitReaderTest {

    /**
     * Units of real CMCs: the 33 of the shared sample (kcdb-sample-cmcs-partial.json, KCDB HTML included) and those
     * of the KCDB's CMC tables in each area, as writers type them. Each with the value of 1 unit in its SI base unit,
     * that base unit as the KCDB publishes it in cmcBaseUnit, and its SI Reference Point IRI (after .../SI/units/;
     * empty where the SI Reference Point has no entry).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "A | 1.0 | A | ampere",
            "F | 1.0 | F | farad",
            "Hz | 1.0 | Hz | hertz",
            "J | 1.0 | J | joule",
            "K | 1.0 | K | kelvin",
            "MΩ | 1000000.0 | Ω | megaohm",
            "Pa | 1.0 | Pa | pascal",
            "V | 1.0 | V | volt",
            "V (m/s<sup>2</sup>)<sup>-1</sup> | 1.0 | V·s²/m | volt.metre-1.second2",
            "W | 1.0 | W | watt",
            "W (m<sup>2</sup>sr&nbsp;nm)<sup>-1</sup> | 1.0E9 | W/(m³·sr) | watt.metre-2.steradian-1.nanometre-1",
            "W/m<sup>3</sup> | 1.0 | W/m³ | watt.metre-3",
            "X/W | 1.0 | 1/W | ",
            "X/lx | 1.0 | 1/lx | ",
            "cd | 1.0 | cd | candela",
            "cd/m<sup>2</sup> | 1.0 | cd/m² | candela.metre-2",
            "dimension 1 | 1.0 | dimension 1 | one",
            "kHz | 1000.0 | Hz | kilohertz",
            "kg | 1.0 | kg | kilogram",
            "kg/m<sup>3</sup> | 1.0 | kg/m³ | kilogram.metre-3",
            "lm | 1.0 | lm | lumen",
            "lx | 1.0 | lx | lux",
            "m | 1.0 | m | metre",
            "m<sup>-1</sup> | 1.0 | 1/m | metre-1",
            "m<sup>3</sup> | 1.0 | m³ | metre3",
            "m<sup>3</sup>/s | 1.0 | m³/s | metre3.second-1",
            "rad | 1.0 | dimension 1 | radian",
            "s | 1.0 | s | second",
            "µV | 1.0E-6 | V | microvolt",
            "Ω | 1.0 | Ω | ohm",
            "J s | 1.0 | J·s | joule.second",
            "N m | 1.0 | N·m | newton.metre",
            "N·m | 1.0 | N·m | newton.metre",
            "W/(m·K) | 1.0 | W/(m·K) | watt.metre-1.kelvin-1",
            "V·A | 1.0 | V·A | volt.ampere",
            "1 | 1.0 | dimension 1 | one",
            "% | 0.01 | dimension 1 | ",
            "°C | 274.15 | K | degreeCelsius",
            "mol/mol | 1.0 | dimension 1 | mole.mole-1",
            "µmol/mol | 1.0E-6 | dimension 1 | micromole.mole-1",
            "μmol/mol | 1.0E-6 | dimension 1 | micromole.mole-1",
            "umol/mol | 1.0E-6 | dimension 1 | micromole.mole-1",
            "g/g | 1.0 | dimension 1 | gram.gram-1",
            "Bq/kg | 1.0 | Bq/kg | becquerel.kilogram-1",
            "Gy/s | 1.0 | Gy/s | gray.second-1",
            "Sv | 1.0 | Sv | sievert",
            "h | 3600.0 | s | hour",
            "min | 60.0 | s | minute",
            "d | 86400.0 | s | day",
            "mV | 0.001 | V | millivolt",
            "µg/kg | 1.0E-9 | dimension 1 | microgram.kilogram-1",
            "m² | 1.0 | m² | metre2",
            "s⁻¹ | 1.0 | 1/s | second-1",
            "m<sup>2</sup> | 1.0 | m² | metre2",
            "mg/kg | 1.0E-6 | dimension 1 | milligram.kilogram-1",
            "ng/g | 1.0E-9 | dimension 1 | nanogram.gram-1",
            "µg/g | 1.0E-6 | dimension 1 | microgram.gram-1",
            "g/kg | 0.001 | dimension 1 | gram.kilogram-1",
            "mg/L | 0.001 | kg/m³ | milligram.litre-1",
            "µg/L | 1.0E-6 | kg/m³ | microgram.litre-1",
            "g/L | 1.0 | kg/m³ | gram.litre-1",
            "mmol/L | 1.0 | mol/m³ | millimole.litre-1",
            "mol/kg | 1.0 | mol/kg | mole.kilogram-1",
            "mmol/kg | 0.001 | mol/kg | millimole.kilogram-1",
            "nmol/mol | 1.0E-9 | dimension 1 | nanomole.mole-1",
            "mmol/mol | 0.001 | dimension 1 | millimole.mole-1",
            "kBq | 1000.0 | Bq | kilobecquerel",
            "MBq | 1000000.0 | Bq | megabecquerel",
            "Bq/g | 1000.0 | Bq/kg | becquerel.gram-1",
            "Bq/m³ | 1.0 | Bq/m³ | becquerel.metre-3",
            "mGy | 0.001 | Gy | milligray",
            "mGy/s | 0.001 | Gy/s | milligray.second-1",
            "Gy/min | 0.016666666666666666 | Gy/s | gray.minute-1",
            "Gy m² | 1.0 | Gy·m² | gray.metre2",
            "Gy·m² | 1.0 | Gy·m² | gray.metre2",
            "mSv | 0.001 | Sv | millisievert",
            "µSv/h | 2.7777777777777777E-10 | Sv/s | microsievert.hour-1",
            "C/kg | 1.0 | C/kg | coulomb.kilogram-1",
            "A/W | 1.0 | A/W | ampere.watt-1",
            "V/W | 1.0 | V/W | volt.watt-1",
            "W/m² | 1.0 | W/m² | watt.metre-2",
            "cd/m² | 1.0 | cd/m² | candela.metre-2",
            "m/s | 1.0 | m/s | metre.second-1",
            "m/s² | 1.0 | m/s² | metre.second-2",
            "m³/h | 2.777777777777778E-4 | m³/s | metre3.hour-1",
            "L/min | 1.6666666666666667E-5 | m³/s | litre.minute-1",
            "mL/min | 1.6666666666666667E-8 | m³/s | millilitre.minute-1",
            "kg/s | 1.0 | kg/s | kilogram.second-1",
            "kg/h | 2.777777777777778E-4 | kg/s | kilogram.hour-1",
            "g/cm³ | 1000.0 | kg/m³ | gram.centimetre-3",
            "mPa·s | 0.001 | Pa·s | millipascal.second",
            "Pa s | 1.0 | Pa·s | pascal.second",
            "m²/s | 1.0 | m²/s | metre2.second-1",
            "mm²/s | 1.0E-6 | m²/s | millimetre2.second-1",
            "kN | 1000.0 | N | kilonewton",
            "MN | 1000000.0 | N | meganewton",
            "kN·m | 1000.0 | N·m | kilonewton.metre",
            "kJ | 1000.0 | J | kilojoule",
            "mJ | 0.001 | J | millijoule",
            "mW | 0.001 | W | milliwatt",
            "µW | 1.0E-6 | W | microwatt",
            "kW | 1000.0 | W | kilowatt",
            "kPa | 1000.0 | Pa | kilopascal",
            "MPa | 1000000.0 | Pa | megapascal",
            "hPa | 100.0 | Pa | hectopascal",
            "bar | 100000.0 | Pa | ",
            "mbar | 100.0 | Pa | ",
            "µm | 1.0E-6 | m | micrometre",
            "nm | 1.0E-9 | m | nanometre",
            "mm | 0.001 | m | millimetre",
            "km | 1000.0 | m | kilometre",
            "µrad | 1.0E-6 | dimension 1 | microradian",
            "mrad | 0.001 | dimension 1 | milliradian",
            "° | 0.017453292519943295 | dimension 1 | degree",
            "″ | 4.84813681109536E-6 | dimension 1 | arcsecond",
            "sr | 1.0 | dimension 1 | steradian",
            "ms | 0.001 | s | millisecond",
            "µs | 1.0E-6 | s | microsecond",
            "ns | 1.0E-9 | s | nanosecond",
            "ps | 1.0E-12 | s | picosecond",
            "MHz | 1000000.0 | Hz | megahertz",
            "GHz | 1.0E9 | Hz | gigahertz",
            "nA | 1.0E-9 | A | nanoampere",
            "µA | 1.0E-6 | A | microampere",
            "mA | 0.001 | A | milliampere",
            "kV | 1000.0 | V | kilovolt",
            "pF | 1.0E-12 | F | picofarad",
            "nF | 1.0E-9 | F | nanofarad",
            "µF | 1.0E-6 | F | microfarad",
            "mH | 0.001 | H | millihenry",
            "µH | 1.0E-6 | H | microhenry",
            "mΩ | 0.001 | Ω | milliohm",
            "kΩ | 1000.0 | Ω | kiloohm",
            "GΩ | 1.0E9 | Ω | gigaohm",
            "S/m | 1.0 | S/m | siemens.metre-1",
            "µS/cm | 1.0E-4 | S/m | microsiemens.centimetre-1",
            "mS/cm | 0.1 | S/m | millisiemens.centimetre-1",
            "T | 1.0 | T | tesla",
            "mT | 0.001 | T | millitesla",
            "Wb | 1.0 | Wb | weber",
            "A/m | 1.0 | A/m | ampere.metre-1",
            "mK | 0.001 | K | millikelvin",
            "J/(kg·K) | 1.0 | J/(kg·K) | joule.kilogram-1.kelvin-1",
            "m⁻¹ | 1.0 | 1/m | metre-1",
            "ppm | 1.0E-6 | dimension 1 | ",
            "uV | 1.0E-6 | V | microvolt",
            "μV | 1.0E-6 | V | microvolt",
            "W/sr | 1.0 | W/sr | watt.steradian-1",
            "N/m | 1.0 | N/m | newton.metre-1",
            "kg·m² | 1.0 | kg·m² | kilogram.metre2",
            "kg m^2 | 1.0 | kg·m² | kilogram.metre2"
    })
    void aUnitOfARealCmcReadsWithItsBaseUnitAndSiReferencePoint(String unit, double inBaseUnit, String baseUnit,
                                                                 String iri) {
        UnitReading reading = UnitReader.read(unit);
        assertThat(reading.toBaseUnit(1.0)).isCloseTo(inBaseUnit, within(Math.abs(inBaseUnit) * 1e-12));
        assertThat(reading.baseUnit()).isEqualTo(baseUnit);
        assertThat(reading.iri()).isEqualTo(iri == null ? null : SiReferencePoint.UNITS + iri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"J s | J·s", "N m | N·m", "N·m | N m", "N⋅m | N.m", "W/(m·K) | W m^-1 K^-1",
            "µmol/mol | μmol/mol", "µmol/mol | umol/mol", "m² | m<sup>2</sup>", "m² | m^2", "m² | m2", "s⁻¹ | 1/s",
            "m·s⁻² | m/s²", "kg·m²·s⁻³·A⁻¹ | V", "°C | ℃", "Ω | ohm"})
    void theSameUnitWrittenTwoWaysReadsTheSame(String one, String other) {
        assertThat(UnitReader.read(one).toBaseUnit(1.0)).isEqualTo(UnitReader.read(other).toBaseUnit(1.0));
        assertThat(UnitReader.read(one).sameDimension(UnitReader.read(other))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dB", "Np", "dB(A)", "dBm", "dB re 1 µV"})
    void logarithmicUnitsAreReadButNotConverted(String unit) {
        UnitReading reading = UnitReader.read(unit);
        assertThat(reading.logarithmic()).isTrue();
        assertThat(reading.dimensionless()).isTrue();
        assertThatThrownBy(() -> reading.toBaseUnit(1.0)).isInstanceOf(IncompatibleUnits.class);
    }

    /**
     * The SI Reference Point's own spellings (TheBIPM/SI_Digital_Framework units.ttl v1.0.0 and its compound-unit
     * PIDs such as millisecond-1, kilometre.hour-1, lumen.watt-1): local names as it writes them, no prefix on a
     * unit it marks prefixRestriction true, the decibel for a weighted or referenced level.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ms<sup>-1</sup> | millisecond-1",
            "km/h | kilometre.hour-1",
            "lm/W | lumen.watt-1",
            "°C | degreeCelsius",
            "mL | millilitre",
            "kDa | kilodalton",
            "keV | kiloelectronvolt",
            "MBq/kg | megabecquerel.kilogram-1",
            "mGy/h | milligray.hour-1",
            "µSv/h | microsievert.hour-1",
            "min | minute",
            "h | hour",
            "d | day",
            "dB | decibel",
            "dB(A) | decibel",
            "dBm | decibel",
            "dB re 1 µV | decibel",
            "Np | neper",
            "mNp | ",
            "1 | one"
    })
    void theIriIsSpelledAsTheSiReferencePointSpellsIt(String unit, String iri) {
        assertThat(UnitReader.read(unit).iri()).isEqualTo(iri == null ? null : SiReferencePoint.UNITS + iri);
    }

    /** Units JSR 385 does not read as CMCs would use them, spelled by the SI Reference Point's names all the same. */
    @org.junit.jupiter.api.Test
    void theSiReferencePointsNamesOfUnitsTheReaderRarelySees() {
        assertThat(SiReferencePoint.iri("au")).isEqualTo(SiReferencePoint.UNITS + "astronomicalunit");
        assertThat(SiReferencePoint.iri("ha")).isEqualTo(SiReferencePoint.UNITS + "hectare");
        assertThat(SiReferencePoint.iri("kt")).isNull();
        assertThat(SiReferencePoint.iri("kmin")).isNull();
    }

    /**
     * Units the SI Reference Point has no entry for: each as the factor times the coherent SI unit's IRI, the way the
     * SI Reference Point relates a non-SI unit to an SI one (si:UnitMultiple); the placeholder X has none.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "% | 0.01 | one",
            "ppm | 1.0E-6 | one",
            "ppb | 1.0E-9 | one",
            "‰ | 0.001 | one",
            "% /K | 0.01 | kelvin-1",
            "bar | 100000.0 | pascal",
            "mbar | 100.0 | pascal",
            "mmHg | 133.322387415 | pascal",
            "Gal | 0.01 | metre.second-2",
            "X/W | | ",
            "mV | | "
    })
    void aUnitTheSiReferencePointLacksIsAMultipleOfOneItHas(String unit, Double factor, String coherent) {
        UnitReading reading = UnitReader.read(unit);
        if (coherent == null) {
            assertThat(reading.multiple()).isEmpty();
            return;
        }
        assertThat(reading.iri()).isNull();
        assertThat(reading.multiple()).hasValueSatisfying(multiple -> {
            assertThat(multiple.factor()).isCloseTo(factor, within(factor * 1e-12));
            assertThat(multiple.unitIri()).isEqualTo(SiReferencePoint.UNITS + coherent);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "furlong", "V/", "/m", "m//s", "m^999999999", "kgg", "µkg", "m s s s^", "(m",
            "m)", "mV·", "12 V", "meter"})
    void whatIsNotAUnitIsRefused(String unit) {
        assertThatThrownBy(() -> UnitReader.read(unit)).isInstanceOf(UnknownUnit.class);
        assertThat(UnitReader.find(unit)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anUncertaintyIsADifferenceAndKeepsNoOffset() {
        assertThat(UnitReader.read("°C").toBaseUnit(20.0)).isCloseTo(293.15, within(1e-9));
        assertThat(UnitReader.read("°C").differenceToBaseUnit(0.1)).isCloseTo(0.1, within(1e-12));
        assertThat(UnitReader.convert(20.0, 0.05, "°C", "K")).containsExactly(new double[] {293.15, 0.05},
                within(1e-9));
        assertThat(UnitReader.convert(250, 3, "µg/kg", "mg/kg")).containsExactly(new double[] {0.25, 0.003},
                within(1e-12));
        assertThatThrownBy(() -> UnitReader.convert(1, 0.1, "kg", "m")).isInstanceOf(IncompatibleUnits.class);
    }

    @org.junit.jupiter.api.Test
    void theIrisOfTheNamedUnitsAndPrefixesAreListedToo() {
        assertThat(UnitReader.read("mV").siReferencePoint()).containsExactly(SiReferencePoint.PREFIXES + "milli",
                SiReferencePoint.UNITS + "volt");
        assertThat(UnitReader.read("mV").dsi()).isEqualTo("\\milli\\volt");
        assertThat(UnitReader.read("µg/kg").dsi()).isEqualTo("\\micro\\gram\\kilogram\\tothe{-1}");
    }
}
