package org.bipm.kcdb.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BIPM SI Reference Point's persistent identifiers (DOMAIN.md §6.1) of a unit as read. A named unit is
 * {@code …/SI/units/volt}; a prefixed or compound one is written in the SI Reference Point's compound-unit syntax,
 * prefixed names joined by dots with integer powers ({@code mV} → {@code …/SI/units/millivolt}, {@code µg/kg} →
 * {@code …/SI/units/microgram.kilogram-1}).
 * <p>
 * Checked against the SI Reference Point itself (TheBIPM/SI_Digital_Framework, {@code units.ttl} v1.0.0, and its
 * developers' guide): the unit names are its individuals' local names ({@code degreeCelsius},
 * {@code astronomicalunit}, {@code one}); the units it marks {@code si:prefixRestriction true} (minute, hour, day,
 * degree, arcminute, arcsecond, hectare, tonne, astronomical unit, neper, one) take no prefix; compound PIDs join
 * prefix and name and append the exponent ({@code millisecond-1}, {@code kilometre.hour-1}, {@code lumen.watt-1}).
 * A unit with a part the SI Reference Point has no entry for (%, ppm, bar, the KCDB's placeholder X) gets no IRI
 * rather than a guessed one; {@link UnitReading#multiple()} then gives it as the SI Reference Point itself gives a non-SI unit: a
 * numerical factor times a unit it has ({@code si:UnitMultiple}).
 */
public final class SiReferencePoint {

    public static final String UNITS = "https://si-digital-framework.org/SI/units/";
    public static final String PREFIXES = "https://si-digital-framework.org/SI/prefixes/";
    /** The unit one, for ratios, counts and relative values. */
    public static final String ONE = UNITS + "one";
    static final String DSI_ONE = "\\one";

    private static final Pattern ATOM = Pattern.compile("[A-Za-zµΩ℃°]+");
    private static final Pattern TOKEN = Pattern.compile("\\s*([A-Za-zµΩ℃°]+|\\^-?[0-9]+|[0-9]+|[·/()%‰]|.)");

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("m", "metre"), Map.entry("kg", "kilogram"), Map.entry("g", "gram"), Map.entry("s", "second"),
            Map.entry("A", "ampere"), Map.entry("K", "kelvin"), Map.entry("mol", "mole"), Map.entry("cd", "candela"),
            Map.entry("rad", "radian"), Map.entry("sr", "steradian"), Map.entry("Hz", "hertz"),
            Map.entry("N", "newton"), Map.entry("Pa", "pascal"), Map.entry("J", "joule"), Map.entry("W", "watt"),
            Map.entry("C", "coulomb"), Map.entry("V", "volt"), Map.entry("F", "farad"), Map.entry("Ω", "ohm"),
            Map.entry("S", "siemens"), Map.entry("Wb", "weber"), Map.entry("T", "tesla"), Map.entry("H", "henry"),
            Map.entry("℃", "degreeCelsius"), Map.entry("lm", "lumen"), Map.entry("lx", "lux"),
            Map.entry("Bq", "becquerel"), Map.entry("Gy", "gray"), Map.entry("Sv", "sievert"),
            Map.entry("kat", "katal"), Map.entry("min", "minute"), Map.entry("h", "hour"), Map.entry("d", "day"),
            Map.entry("°", "degree"), Map.entry("′", "arcminute"), Map.entry("″", "arcsecond"),
            Map.entry("l", "litre"), Map.entry("L", "litre"), Map.entry("t", "tonne"),
            Map.entry("eV", "electronvolt"), Map.entry("Da", "dalton"), Map.entry("B", "bel"),
            Map.entry("Np", "neper"), Map.entry("ha", "hectare"), Map.entry("au", "astronomicalunit"));

    /** The units the SI Reference Point marks {@code si:prefixRestriction true}: never prefixed. */
    private static final java.util.Set<String> UNPREFIXED = java.util.Set.of("minute", "hour", "day", "degree",
            "arcminute", "arcsecond", "hectare", "tonne", "astronomicalunit", "neper");

    private static final Map<String, String> PREFIX = Map.ofEntries(
            Map.entry("Q", "quetta"), Map.entry("R", "ronna"), Map.entry("Y", "yotta"), Map.entry("Z", "zetta"),
            Map.entry("E", "exa"), Map.entry("P", "peta"), Map.entry("G", "giga"), Map.entry("M", "mega"),
            Map.entry("k", "kilo"), Map.entry("h", "hecto"), Map.entry("da", "deca"), Map.entry("d", "deci"),
            Map.entry("c", "centi"), Map.entry("m", "milli"), Map.entry("µ", "micro"), Map.entry("n", "nano"),
            Map.entry("p", "pico"), Map.entry("f", "femto"), Map.entry("a", "atto"), Map.entry("z", "zepto"),
            Map.entry("y", "yocto"), Map.entry("r", "ronto"), Map.entry("q", "quecto"));

    private SiReferencePoint() {
    }

    static boolean isUnit(String symbol) {
        return NAMED.containsKey(symbol) || name(symbol) != null;
    }

    /** The IRIs of the named units and prefixes in a (normalised) symbol, in the order they are written. */
    public static List<String> iris(String symbol) {
        List<String> iris = new ArrayList<>();
        Matcher atoms = ATOM.matcher(symbol.replace("°C", "℃").replace('μ', 'µ'));
        while (atoms.find()) {
            for (String iri : atom(atoms.group())) {
                if (!iris.contains(iri)) {
                    iris.add(iri);
                }
            }
        }
        return iris;
    }

    /** The unit's own IRI: {@code …/SI/units/millivolt}, {@code …/SI/units/watt.metre-2.steradian-1}; or null. */
    static String iri(String normalised) {
        List<Factor> factors = factors(normalised);
        if (factors == null) {
            return null;
        }
        if (factors.isEmpty()) {
            return ONE;
        }
        List<String> parts = new ArrayList<>();
        for (Factor f : factors) {
            parts.add(f.prefix() + f.unit() + (f.power() == 1 ? "" : String.valueOf(f.power())));
        }
        return UNITS + String.join(".", parts);
    }

    /**
     * A unit the SI Reference Point has no entry for, as a numerical factor times the IRI of the coherent SI unit it
     * is a multiple of ({@code %} → 0.01 × {@code …/units/one}, {@code bar} → 100 000 × {@code …/units/pascal}),
     * the way the SI Reference Point relates its own non-SI units to SI ones ({@code si:UnitMultiple},
     * {@code si:hasNumericFactor}, {@code si:hasUnitTerm}).
     */
    public record Multiple(double factor, String unitIri) {
    }

    /** True where the unit names the KCDB's placeholder X (the output of whatever instrument): it has no SI unit. */
    static boolean placeholder(String normalised) {
        Matcher atoms = ATOM.matcher(normalised);
        while (atoms.find()) {
            if (atoms.group().equals("X")) {
                return true;
            }
        }
        return false;
    }

    /** The D-SI unit ({@code \milli\volt}, {@code \metre\tothe{-2}}), or null where the unit has parts D-SI lacks. */
    static String dsi(String normalised) {
        List<Factor> factors = factors(normalised);
        if (factors == null) {
            return null;
        }
        if (factors.isEmpty()) {
            return DSI_ONE;
        }
        StringBuilder dsi = new StringBuilder();
        for (Factor f : factors) {
            dsi.append(f.prefix().isEmpty() ? "" : "\\" + f.prefix()).append('\\').append(f.unit());
            if (f.power() != 1) {
                dsi.append("\\tothe{").append(f.power()).append('}');
            }
        }
        return dsi.toString();
    }

    private static List<String> atom(String atom) {
        if (NAMED.containsKey(atom)) {
            return List.of(UNITS + NAMED.get(atom));
        }
        String[] name = name(atom);
        return name == null ? List.of() : List.of(PREFIXES + name[0], UNITS + name[1]);
    }

    /** Prefix and unit name of a prefixed symbol ("mV" → milli, volt); null when it is none. */
    private static String[] name(String atom) {
        for (int length = 2; length >= 1; length--) {
            if (atom.length() > length && PREFIX.containsKey(atom.substring(0, length))
                    && NAMED.containsKey(atom.substring(length))
                    // a prefix never goes on a prefixed unit, and the kilogram takes its prefixes on the gram
                    && !atom.substring(length).equals("kg")
                    && !UNPREFIXED.contains(NAMED.get(atom.substring(length)))) {
                return new String[] {PREFIX.get(atom.substring(0, length)), NAMED.get(atom.substring(length))};
            }
        }
        return null;
    }

    /** A named unit with its prefix and power, as the SI Reference Point writes one factor of a product. */
    private record Factor(String prefix, String unit, int power) {

        Factor times(int exponent) {
            return new Factor(prefix, unit, power * exponent);
        }
    }

    /**
     * The factors of a normalised unit (products with "·", one solidus applying to what follows it, parentheses,
     * "^n" powers of units and of groups); empty for the unit one; null where a part is no named SI unit.
     */
    private static List<Factor> factors(String normalised) {
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(normalised.replace("°C", "℃"));
        while (token.find()) {
            tokens.add(token.group(1));
        }
        Parser parser = new Parser(tokens);
        List<Factor> factors = parser.product();
        return factors == null || parser.position != tokens.size() ? null : factors;
    }

    private static final class Parser {
        private final List<String> tokens;
        private int position;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        List<Factor> product() {
            List<Factor> factors = powered();
            while (factors != null && position < tokens.size()
                    && (tokens.get(position).equals("·") || tokens.get(position).equals("/"))) {
                boolean divide = tokens.get(position++).equals("/");
                List<Factor> next = powered();
                if (next == null) {
                    return null;
                }
                next.forEach(f -> factors.add(divide ? f.times(-1) : f));
            }
            return factors;
        }

        private List<Factor> powered() {
            List<Factor> base = primary();
            if (base != null && position < tokens.size() && tokens.get(position).startsWith("^")) {
                int power = Integer.parseInt(tokens.get(position++).substring(1));
                base.replaceAll(f -> f.times(power));
            }
            return base;
        }

        private List<Factor> primary() {
            if (position >= tokens.size()) {
                return null;
            }
            String t = tokens.get(position++);
            if (t.equals("(")) {
                List<Factor> inner = product();
                if (inner == null || position >= tokens.size() || !tokens.get(position++).equals(")")) {
                    return null;
                }
                return inner;
            }
            if (t.equals("1")) {
                return new ArrayList<>();
            }
            if (NAMED.containsKey(t)) {
                return new ArrayList<>(List.of(new Factor("", NAMED.get(t), 1)));
            }
            String[] name = name(t);
            return name == null ? null : new ArrayList<>(List.of(new Factor(name[0], name[1], 1)));
        }
    }
}
