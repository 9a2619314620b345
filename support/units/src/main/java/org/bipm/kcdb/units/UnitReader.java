package org.bipm.kcdb.units;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.measure.MetricPrefix;
import javax.measure.Unit;
import javax.measure.format.MeasurementParseException;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.format.SimpleUnitFormat;
import tech.units.indriya.unit.Units;

/**
 * The platform's one reader of units as metrologists write them (JSR 385, Indriya underneath): products with a space
 * or a half-high dot as the SI Brochure writes them ({@code J s}, {@code N·m}), {@code W/(m·K)}, Unicode and
 * {@code <sup>} exponents, µ as U+00B5, U+03BC or {@code u}, the unit one, {@code %}, {@code °C}, the units accepted
 * for use with the SI ({@code min}, {@code h}, {@code d}, {@code L}, {@code eV}, {@code Da}) and the logarithmic
 * ones ({@code dB}, {@code Np}). Submission, comparison and publication read units here and nowhere else, so that a
 * unit one service accepts is never refused, or converted differently, by another.
 */
public final class UnitReader {

    private static final SimpleUnitFormat FORMAT = SimpleUnitFormat.getNewInstance();
    private static final Pattern LOGARITHMIC = Pattern.compile("^(dB|Np|mNp|cNp)([ (\\[].*|[A-Za-zµ]{0,4})?$");
    private static final Pattern EXPONENT = Pattern.compile("(?<=[A-Za-zµΩ℃°)])(-?[0-9]+)(?![0-9.])");
    private static final Pattern DOT_PRODUCT = Pattern.compile("(?<=[A-Za-zµΩ℃0-9²³^)])[.·⋅*](?=[A-Za-zµΩ℃(])");
    private static final Pattern SPACE_PRODUCT = Pattern.compile("(?<=[A-Za-zµΩ℃0-9²³)])\\s+(?=[A-Za-zµΩ℃(])");
    /** Indriya reads "V/" as V; a dangling or doubled operator is a typing error, not a unit. */
    private static final Pattern DANGLING = Pattern.compile("^[/·^*]|[/·^*]$|[/·^*]{2}");
    /** Indriya raises a unit to a power recursively: m^999999999 overflows the stack, and no unit needs more than 12. */
    private static final Pattern POWER = Pattern.compile("\\^\\(?-?([0-9]+)");
    private static final int LARGEST_POWER = 12;
    private static final int LONGEST_SYMBOL = 100;
    private static final Pattern HTML_POWER = Pattern.compile("<sup>\\s*(-?[0-9]+)\\s*</sup>");
    /** "m^2sr" in KCDB text: a power directly followed by the next unit. */
    private static final Pattern UNSPACED_PRODUCT = Pattern.compile("(\\^-?[0-9]+)([A-Za-zµΩ])");
    private static final Pattern ATOM = Pattern.compile("[A-Za-zµΩ℃°]+");
    private static final Pattern OHM = Pattern.compile("(?<![A-Za-z])([kMGTmµ]?)ohms?(?![A-Za-z])");
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

    private UnitReader() {
    }

    /** Reads a unit as written; logarithmic units (dB, Np) are recognised but carry no JSR 385 unit. */
    public static UnitReading read(String written) {
        if (written == null || written.isBlank() || written.length() > LONGEST_SYMBOL) {
            throw new UnknownUnit(written == null || written.length() <= LONGEST_SYMBOL ? written
                    : written.substring(0, 20) + "…");
        }
        String symbol = written.strip();
        Matcher logarithmic = LOGARITHMIC.matcher(symbol);
        if (logarithmic.matches()) {
            // dB(A), dBm, dB re 1 µV: the unit is the decibel. The SI Brochure (Table 8, note on the neper and
            // the bel) has the weighting or reference value stated with the quantity, not made part of the unit,
            // so the SI Reference Point's entry is the bare unit's (decibel; the neper takes no prefix).
            String bare = logarithmic.group(1);
            return new UnitReading(symbol, null, true, SiReferencePoint.iris(bare), SiReferencePoint.iri(bare),
                    SiReferencePoint.dsi(bare));
        }
        if (symbol.equals("1") || symbol.equalsIgnoreCase(UnitReading.DIMENSION_ONE)) {
            return new UnitReading(symbol, AbstractUnit.ONE, false, java.util.List.of(), SiReferencePoint.ONE,
                    SiReferencePoint.DSI_ONE);
        }
        String normalised = normalise(symbol);
        if (DANGLING.matcher(normalised).find() || tooLargeAPower(normalised) || !balanced(normalised)) {
            throw new UnknownUnit(written);
        }
        if (normalised.startsWith("1/")) {
            // "1/s", "1/(m·s)": Indriya's grammar has no number before a solidus, a power of -1 says the same
            normalised = "(" + normalised.substring(2) + ")^-1";
        }
        try {
            Unit<?> unit = FORMAT.parse(normalised);
            return new UnitReading(symbol, unit, false, SiReferencePoint.iris(normalised),
                    SiReferencePoint.iri(normalised), SiReferencePoint.dsi(normalised));
        } catch (MeasurementParseException | ArithmeticException | IllegalArgumentException
                 | UnsupportedOperationException | IllegalStateException | IndexOutOfBoundsException
                 | ClassCastException e) {
            // Indriya's parser fails in many ways on what people type; all of them mean "not a unit"
            throw new UnknownUnit(written);
        }
    }

    /** The reading, or empty for what is not a unit. */
    public static Optional<UnitReading> find(String written) {
        try {
            return Optional.of(read(written));
        } catch (UnknownUnit e) {
            return Optional.empty();
        }
    }

    /** A value and its standard uncertainty from one unit as written into another. */
    public static double[] convert(double value, double uncertainty, String from, String to) {
        return read(from).convert(value, uncertainty, read(to));
    }

    static String format(Unit<?> unit) {
        return FORMAT.format(unit);
    }

    /** Indriya reads "m)" as m; an unclosed or unopened parenthesis is a typing error. */
    private static boolean balanced(String symbol) {
        int depth = 0;
        for (char c : symbol.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean tooLargeAPower(String symbol) {
        Matcher powers = POWER.matcher(symbol);
        while (powers.find()) {
            String digits = powers.group(1);
            if (digits.length() > 2 || Integer.parseInt(digits) > LARGEST_POWER) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writers' spellings JSR 385's grammar does not read: Greek mu and "u", m2.kg.s-3, m·s⁻², N m, °C, and the
     * KCDB's own published HTML ({@code W (m<sup>2</sup>sr&nbsp;nm)<sup>-1</sup>}).
     */
    static String normalise(String symbol) {
        symbol = HTML_POWER.matcher(symbol).replaceAll("^$1").replace("&nbsp;", " ").replace("&#181;", "µ")
                .replace("&micro;", "µ").replace("&deg;", "°").replace("&Omega;", "Ω").strip();
        symbol = UNSPACED_PRODUCT.matcher(symbol).replaceAll("$1 $2");
        symbol = OHM.matcher(asciiMicro(symbol)).replaceAll("$1Ω");
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

    /** "u" is micro only where what follows is a unit symbol: "umol" is µmol, "u" alone stays the atomic mass unit. */
    private static String asciiMicro(String symbol) {
        StringBuilder out = new StringBuilder();
        Matcher atoms = ATOM.matcher(symbol);
        int last = 0;
        while (atoms.find()) {
            String atom = atoms.group();
            out.append(symbol, last, atoms.start());
            out.append(atom.length() > 1 && atom.charAt(0) == 'u' && SiReferencePoint.isUnit(atom.substring(1))
                    ? "µ" + atom.substring(1) : atom);
            last = atoms.end();
        }
        return out.append(symbol.substring(last)).toString();
    }
}
