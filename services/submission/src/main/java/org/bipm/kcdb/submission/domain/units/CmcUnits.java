package org.bipm.kcdb.submission.domain.units;

import java.util.List;
import java.util.regex.Pattern;
import javax.measure.IncommensurableException;
import javax.measure.MetricPrefix;
import javax.measure.UnconvertibleException;
import javax.measure.Unit;
import javax.measure.UnitConverter;
import javax.measure.format.MeasurementParseException;
import org.bipm.kcdb.events.Range;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.unit.Units;

/**
 * Units as CMC writers type them (JSR 385, Indriya), read into SI units so that a range can be checked against its
 * quantity and published in the coherent SI unit the KCDB calls {@code cmcBaseUnit}.
 */
public final class CmcUnits {

    /** How the KCDB writes the unit of a dimensionless base-unit range. */
    public static final String DIMENSION_ONE = "dimension 1";

    private static final SimpleUnitFormat FORMAT = SimpleUnitFormat.getNewInstance();
    private static final Pattern LOGARITHMIC = Pattern.compile("^(dB|Np|mNp|cNp)([ (\\[].*|[A-Za-zµ]{0,4})?$");
    private static final Pattern EXPONENT = Pattern.compile("(?<=[A-Za-zµΩ℃°)])(-?[0-9]+)(?![0-9.])");
    private static final Pattern DOT_PRODUCT = Pattern.compile("(?<=[A-Za-zµΩ0-9²³^)])[.·⋅*](?=[A-Za-zµΩ(])");
    private static final Pattern SPACE_PRODUCT = Pattern.compile("(?<=[A-Za-zµΩ0-9²³)])\\s+(?=[A-Za-zµΩ(])");
    /** Indriya reads "V/" as V; a dangling or doubled operator is a typing error, not a unit. */
    private static final Pattern DANGLING = Pattern.compile("^[/·^*]|[/·^*]$|[/·^*]{2}");
    /** Indriya raises a unit to a power recursively: m^999999999 overflows the stack, and no unit needs more than 12. */
    private static final Pattern POWER = Pattern.compile("\\^\\(?-?([0-9]+)");
    private static final int LARGEST_POWER = 12;
    private static final int LONGEST_SYMBOL = 100;
    private static final Pattern HTML_POWER = Pattern.compile("<sup>\\s*(-?[0-9]+)\\s*</sup>");
    /** "m^2sr" in KCDB text: a power directly followed by the next unit. */
    private static final Pattern UNSPACED_PRODUCT = Pattern.compile("(\\^-?[0-9]+)([A-Za-zµΩ])");
    private static final String SUPERSCRIPTS = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final String PLAIN = "-0123456789";

    static {
        // What metrology writes and Indriya's default grammar lacks: deprecated ratios still found in CMCs, litre as
        // "L", the electronvolt of radiation, the gal of gravimetry, bar and mmHg of pressure, arc degrees, dalton.
        FORMAT.label(AbstractUnit.ONE.divide(1_000_000), "ppm");
        FORMAT.label(AbstractUnit.ONE.divide(1_000_000_000), "ppb");
        FORMAT.label(AbstractUnit.ONE.divide(1_000_000_000_000L), "ppt");
        FORMAT.label(AbstractUnit.ONE.divide(1000), "‰");
        FORMAT.alias(Units.LITRE, "L");
        FORMAT.alias(Units.LITRE, "ℓ");
        withPrefixes(Units.LITRE, "L", false);
        withPrefixes(Units.JOULE.multiply(1.602176634e-19), "eV", true);
        withPrefixes(Units.METRE_PER_SQUARE_SECOND.divide(100), "Gal", true);
        withPrefixes(Units.PASCAL.multiply(100_000), "bar", true);
        FORMAT.label(Units.PASCAL.multiply(133.322387415), "mmHg");
        FORMAT.label(Units.PASCAL.multiply(101_325), "atm");
        FORMAT.label(Units.RADIAN.multiply(Math.PI / 180), "°");
        FORMAT.label(Units.RADIAN.multiply(Math.PI / 180 / 60), "′");
        FORMAT.label(Units.RADIAN.multiply(Math.PI / 180 / 3600), "″");
        withPrefixes(Units.KILOGRAM.multiply(1.66053906660e-27), "Da", true);
        // The KCDB writes the output of a responsivity as X (X/W, X/lx): whatever unit the instrument gives.
        FORMAT.label(AbstractUnit.ONE.multiply(1), "X");
    }

    private static void withPrefixes(Unit<?> unit, String symbol, boolean labelBase) {
        if (labelBase) {
            FORMAT.label(unit, symbol);
        }
        for (MetricPrefix prefix : MetricPrefix.values()) {
            FORMAT.label(unit.prefix(prefix), prefix.getSymbol() + symbol);
        }
    }

    private CmcUnits() {
    }

    /** Reads a unit as written; logarithmic units (dB, Np) are recognised but carry no JSR 385 unit. */
    public static UnitReading read(String written) {
        if (written == null || written.isBlank() || written.length() > LONGEST_SYMBOL) {
            throw new UnknownUnit(written == null || written.length() <= LONGEST_SYMBOL ? written
                    : written.substring(0, 20) + "…");
        }
        String symbol = written.strip();
        if (LOGARITHMIC.matcher(symbol).matches()) {
            return new UnitReading(symbol, null, true, SiReferencePoint.iris(symbol));
        }
        if (symbol.equals("1") || symbol.equalsIgnoreCase(DIMENSION_ONE)) {
            return new UnitReading(symbol, AbstractUnit.ONE, false, List.of());
        }
        String normalised = normalise(symbol);
        if (DANGLING.matcher(normalised).find() || tooLargeAPower(normalised)) {
            throw new UnknownUnit(written);
        }
        try {
            return new UnitReading(symbol, FORMAT.parse(normalised), false, SiReferencePoint.iris(normalised));
        } catch (MeasurementParseException | ArithmeticException | IllegalArgumentException
                 | UnsupportedOperationException | IllegalStateException | IndexOutOfBoundsException
                 | ClassCastException e) {
            // Indriya's parser fails in many ways on what people type; all of them mean "not a unit"
            throw new UnknownUnit(written);
        }
    }

    private static boolean tooLargeAPower(String symbol) {
        java.util.regex.Matcher powers = POWER.matcher(symbol);
        while (powers.find()) {
            String digits = powers.group(1);
            if (digits.length() > 2 || Integer.parseInt(digits) > LARGEST_POWER) {
                return true;
            }
        }
        return false;
    }

    /** The range in the coherent SI unit (mV → V, µg/kg → dimension 1, °C → K); logarithmic ranges stay as written. */
    public static Conversion toBaseUnit(Range range) {
        UnitReading reading = read(range.unit());
        if (reading.logarithmic()) {
            return Conversion.notConverted(range, reading);
        }
        UnitConverter toSi = converterToSi(reading.unit());
        return new Conversion(new Range(convert(toSi, range.lowerLimit()), convert(toSi, range.upperLimit()),
                symbolOf(reading.unit().getSystemUnit())), true, null);
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
        UnitConverter toSi = converterToSi(reading.unit());
        return new Conversion(new Range(difference(toSi, uncertainty.lowerLimit()),
                difference(toSi, uncertainty.upperLimit()), symbolOf(reading.unit().getSystemUnit())), true, null);
    }

    /** Same dimension: a voltage range in mV fits a quantity measured in V, not one in A. */
    public static boolean sameDimension(Unit<?> a, Unit<?> b) {
        return a.getSystemUnit().getDimension().equals(b.getSystemUnit().getDimension());
    }

    public static boolean dimensionless(Unit<?> unit) {
        return unit.getSystemUnit().getDimension().equals(AbstractUnit.ONE.getDimension());
    }

    /** The value of {@code value} (in {@code unit}) in the unit's coherent SI unit, as a difference. */
    public static double differenceInSi(Unit<?> unit, double value) {
        return difference(converterToSi(unit), value);
    }

    static String symbolOf(Unit<?> systemUnit) {
        return dimensionless(systemUnit) ? DIMENSION_ONE : FORMAT.format(systemUnit);
    }

    /**
     * Writers' spellings JSR 385's grammar does not read: Greek mu, m2.kg.s-3, m·s⁻², N m, °C, and the KCDB's own
     * published HTML ({@code W (m<sup>2</sup>sr&nbsp;nm)<sup>-1</sup>}).
     */
    static String normalise(String symbol) {
        symbol = HTML_POWER.matcher(symbol).replaceAll("^$1").replace("&nbsp;", " ").replace("&#181;", "µ")
                .replace("&micro;", "µ").replace("&deg;", "°").replace("&Omega;", "Ω").strip();
        symbol = UNSPACED_PRODUCT.matcher(symbol).replaceAll("$1 $2");
        StringBuilder text = new StringBuilder();
        boolean inExponent = false;
        for (char c : symbol.replace('μ', 'µ').replace('\u2126', 'Ω').replace("°C", "℃").replace("deg C", "℃")
                .toCharArray()) {
            int index = SUPERSCRIPTS.indexOf(c);
            if (index >= 0) {
                String superscript = String.valueOf(PLAIN.charAt(index));
                text.append(inExponent ? superscript : "^" + superscript);
                inExponent = true;
            } else {
                text.append(c);
                inExponent = false;
            }
        }
        String normalised = DOT_PRODUCT.matcher(text).replaceAll("·");
        normalised = SPACE_PRODUCT.matcher(normalised).replaceAll("·");
        return EXPONENT.matcher(normalised).replaceAll("^$1");
    }

    private static UnitConverter converterToSi(Unit<?> unit) {
        try {
            return unit.getConverterToAny(unit.getSystemUnit());
        } catch (IncommensurableException | UnconvertibleException e) {
            throw new IllegalStateException("A unit always converts to its own system unit", e);
        }
    }

    private static Double convert(UnitConverter converter, Double value) {
        return value == null ? null : converter.convert(value).doubleValue();
    }

    private static Double difference(UnitConverter converter, Double value) {
        return value == null ? null
                : Math.abs(converter.convert(value).doubleValue() - converter.convert(0.0));
    }

    /** A range in SI units, or the range as written with the reason it was not converted. */
    public record Conversion(Range baseUnit, boolean converted, String note) {

        static Conversion notConverted(Range range, UnitReading reading) {
            return new Conversion(range, false, "'" + reading.symbol()
                    + "' is a logarithmic unit: accepted, published as written, not converted to SI units");
        }
    }

    /** A unit symbol that cannot be read. */
    public static class UnknownUnit extends RuntimeException {
        public UnknownUnit(String symbol) {
            super("'" + symbol + "' is not a unit this service reads (SI symbols with prefixes and products, e.g. "
                    + "mV, µg/kg, °C, mol/mol, W/(m²·sr·nm), %, dB)");
        }
    }
}
