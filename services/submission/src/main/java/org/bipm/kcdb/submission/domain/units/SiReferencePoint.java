package org.bipm.kcdb.submission.domain.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BIPM SI Reference Point's persistent identifiers (DOMAIN.md §6.1) of the named units and prefixes a unit
 * symbol is built from: {@code mV} → prefixes/milli and units/volt. Symbols the SI Reference Point has no entry for
 * (%, ppm) give no IRI rather than a guessed one.
 */
public final class SiReferencePoint {

    public static final String UNITS = "https://si-digital-framework.org/SI/units/";
    public static final String PREFIXES = "https://si-digital-framework.org/SI/prefixes/";

    private static final Pattern ATOM = Pattern.compile("[A-Za-zµΩ℃°]+");

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
            Map.entry("°", "degree"), Map.entry("l", "litre"), Map.entry("L", "litre"), Map.entry("t", "tonne"),
            Map.entry("eV", "electronvolt"), Map.entry("Da", "dalton"), Map.entry("B", "bel"),
            Map.entry("Np", "neper"), Map.entry("ha", "hectare"), Map.entry("au", "astronomicalUnit"));

    private static final Map<String, String> PREFIX = Map.ofEntries(
            Map.entry("Q", "quetta"), Map.entry("R", "ronna"), Map.entry("Y", "yotta"), Map.entry("Z", "zetta"),
            Map.entry("E", "exa"), Map.entry("P", "peta"), Map.entry("G", "giga"), Map.entry("M", "mega"),
            Map.entry("k", "kilo"), Map.entry("h", "hecto"), Map.entry("da", "deca"), Map.entry("d", "deci"),
            Map.entry("c", "centi"), Map.entry("m", "milli"), Map.entry("µ", "micro"), Map.entry("n", "nano"),
            Map.entry("p", "pico"), Map.entry("f", "femto"), Map.entry("a", "atto"), Map.entry("z", "zepto"),
            Map.entry("y", "yocto"), Map.entry("r", "ronto"), Map.entry("q", "quecto"));

    private SiReferencePoint() {
    }

    /** The IRIs of the units and prefixes in a (normalised) symbol, in the order they are written. */
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

    private static List<String> atom(String atom) {
        if (NAMED.containsKey(atom)) {
            return List.of(UNITS + NAMED.get(atom));
        }
        for (int length = 2; length >= 1; length--) {
            if (atom.length() > length && PREFIX.containsKey(atom.substring(0, length))
                    && NAMED.containsKey(atom.substring(length))) {
                return List.of(PREFIXES + PREFIX.get(atom.substring(0, length)), UNITS + NAMED.get(atom.substring(length)));
            }
        }
        return List.of();
    }
}
