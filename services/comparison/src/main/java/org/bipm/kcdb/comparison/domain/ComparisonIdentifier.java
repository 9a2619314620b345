package org.bipm.kcdb.comparison.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison identifier in the KCDB nomenclature: {@code <organiser>[.<area>[.<sub-area>]]-<K|S><n>[suffixes]},
 * e.g. {@code CCM.M-K1}, {@code EURAMET.L-S24}, {@code CCEM.RF-K5.c.CL}, {@code BIPM.RI(II)-K1.Co-60},
 * {@code EUROMET.L-K5-2004}, {@code APMP.L-S5.2.n01} (DOMAIN.md §3.2).
 */
public record ComparisonIdentifier(String value, String organiser, boolean key, int number) {

    static final Set<String> RMOS = Set.of("AFRIMETS", "APMP", "COOMET", "EURAMET", "EUROMET", "GULFMET", "SIM");
    private static final Pattern FORMAT = Pattern.compile(
            "^(?<organiser>CC[A-Z]{1,4}|BIPM|AFRIMETS|APMP|COOMET|EURAMET|EUROMET|GULFMET|SIM)"
                    + "(?<areas>(\\.[A-Z]{1,4}(\\([IVX]{1,4}\\))?)*)"
                    + "-(?<kind>[KS])(?<number>[1-9][0-9]{0,3})"
                    + "(?<suffix>([.-][A-Za-z0-9]{1,8})*)$");

    public static Optional<ComparisonIdentifier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ComparisonIdentifier(text.trim(), m.group("organiser"), "K".equals(m.group("kind")),
                Integer.parseInt(m.group("number"))));
    }

    /** Run by a Consultative Committee or the BIPM: a CIPM comparison. */
    public boolean cipm() {
        return !RMOS.contains(organiser);
    }

    public boolean rmoKeyComparison() {
        return key && !cipm();
    }
}
