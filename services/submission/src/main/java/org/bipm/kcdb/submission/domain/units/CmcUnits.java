package org.bipm.kcdb.submission.domain.units;

import javax.measure.Unit;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.submission.domain.Memo;
import org.bipm.kcdb.units.UnitReader;
import org.bipm.kcdb.units.UnitReading;

/**
 * A CMC's ranges in SI units, the coherent SI unit the KCDB calls {@code cmcBaseUnit}; units themselves are read by
 * the platform's one reader ({@link UnitReader}, support/units), so that the comparison and publication services
 * read a CMC's unit exactly as this service accepted it.
 */
public final class CmcUnits {

    /** How the KCDB writes the unit of a dimensionless base-unit range. */
    public static final String DIMENSION_ONE = UnitReading.DIMENSION_ONE;

    private CmcUnits() {
    }

    /** Readings by the text written (Indriya's parse costs more than the rest of a row's checks); immutable. */
    private static final Memo<String, UnitReading> READ = new Memo<>(4096, UnitReader::read);

    /** Reads a unit as written; throws {@link org.bipm.kcdb.units.UnknownUnit} for what is no unit. */
    public static UnitReading read(String written) {
        return written == null ? UnitReader.read(null) : READ.get(written);
    }

    /** The range in the coherent SI unit (mV → V, µg/kg → dimension 1, °C → K); logarithmic ranges stay as written. */
    public static Conversion toBaseUnit(Range range) {
        UnitReading reading = read(range.unit());
        if (reading.logarithmic()) {
            return Conversion.notConverted(range, reading);
        }
        return new Conversion(new Range(reading.toBaseUnit(range.lowerLimit()), reading.toBaseUnit(range.upperLimit()),
                reading.baseUnit()), true, null);
    }

    /**
     * An uncertainty is a difference, so it is converted without the offset of its unit: 0.1 °C stays 0.1 K while
     * 20 °C becomes 293.15 K.
     */
    public static Conversion uncertaintyToBaseUnit(Range uncertainty) {
        UnitReading reading = read(uncertainty.unit());
        if (reading.logarithmic()) {
            return Conversion.notConverted(uncertainty, reading);
        }
        return new Conversion(new Range(reading.differenceToBaseUnit(uncertainty.lowerLimit()),
                reading.differenceToBaseUnit(uncertainty.upperLimit()), reading.baseUnit()), true, null);
    }

    /** Same dimension: a voltage range in mV fits a quantity measured in V, not one in A. */
    public static boolean sameDimension(Unit<?> a, Unit<?> b) {
        return UnitReading.dimensionOf(a).equals(UnitReading.dimensionOf(b));
    }

    /** A range in SI units, or the range as written with the reason it was not converted. */
    public record Conversion(Range baseUnit, boolean converted, String note) {

        static Conversion notConverted(Range range, UnitReading reading) {
            return new Conversion(range, false, "'" + reading.symbol()
                    + "' is a logarithmic unit: accepted, published as written, not converted to SI units");
        }
    }
}
