package org.bipm.kcdb.comparisons;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key or supplementary comparison identifier as the KCDB registers it (DOMAIN.md §3.2):
 * {@code <organiser>[.<area>[.<sub-field>]]-<K|S><number>[suffixes]}.
 * <ul>
 *   <li>organiser: a Consultative Committee ({@code CCM}, {@code CCRI(II)} with its section), the BIPM for its
 *       ongoing comparisons, or an RMO (EUROMET for EURAMET's older ones);</li>
 *   <li>areas: {@code EM}, {@code EM.RF}, {@code M.FF}, {@code RI(II)};</li>
 *   <li>suffixes: parts ({@code .a}), repeats and rounds ({@code .1}, {@code .2011}, {@code -2004}), numbered
 *       bilaterals ({@code .n01}), nuclides ({@code .Co-60}, {@code .Tc-99m}) and qualifiers ({@code .CL},
 *       {@code .UTC}).</li>
 * </ul>
 * Submission checks a CMC's supporting comparisons and the comparison service registers comparisons with this one
 * rule, so that a comparison one accepts is never refused by the other.
 */
public record ComparisonIdentifier(String value, String organiser, String section, boolean key, int number) {

    static final Set<String> RMOS = Set.of("AFRIMETS", "APMP", "COOMET", "EURAMET", "EUROMET", "GULFMET", "SIM");

    /** The ionising-radiation committee and areas come in sections I (dosimetry), II (radionuclides), III (neutrons). */
    private static final String SECTION = "\\((?<section>I|II|III)\\)";
    private static final Pattern FORMAT = Pattern.compile(
            "(?<organiser>CCAUV|CCEM|CCL|CCM|CCPR|CCQM|CCRI|CCT|CCTF|BIPM|AFRIMETS|APMP|COOMET|EURAMET|EUROMET"
                    + "|GULFMET|SIM)(?:" + SECTION + ")?"
                    + "(?<areas>(?:\\.(?:RI\\((?:I|II|III)\\)|[A-Z]{1,4}))*)"
                    + "-(?<kind>[KS])(?<number>0{0,3}[1-9][0-9]{0,3})"
                    // a nuclide keeps its mass number after a hyphen: .Co-60, .Tc-99m
                    + "(?<suffixes>(?:\\.[A-Za-z0-9]{1,6}(?:-[0-9]{1,3}m?)?)*(?:-(?:19|20)[0-9]{2})?)");
    private static final Pattern AREA_SECTION = Pattern.compile("RI" + SECTION);
    private static final int LONGEST = 60;

    public static Optional<ComparisonIdentifier> parse(String text) {
        if (text == null || text.length() > LONGEST) {
            return Optional.empty();
        }
        String identifier = text.strip();
        Matcher m = FORMAT.matcher(identifier);
        if (!m.matches() || m.group("number").length() > 4) {
            return Optional.empty();
        }
        String section = m.group("section");
        if (section == null) {
            Matcher area = AREA_SECTION.matcher(m.group("areas"));
            section = area.find() ? area.group("section") : null;
        }
        if (m.group("section") != null && !"CCRI".equals(m.group("organiser"))) {
            return Optional.empty();
        }
        return Optional.of(new ComparisonIdentifier(identifier, m.group("organiser"), section,
                "K".equals(m.group("kind")), Integer.parseInt(m.group("number"))));
    }

    public static boolean wellFormed(String text) {
        return parse(text).isPresent();
    }

    /** Run by a Consultative Committee or the BIPM: a CIPM comparison. */
    public boolean cipm() {
        return !RMOS.contains(organiser);
    }

    public boolean rmoKeyComparison() {
        return key && !cipm();
    }

    @Override
    public String toString() {
        return value;
    }
}
