package org.bipm.kcdb.publication.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A KCDB CMC code, {@code <RMO>-<AREA>-<ISO2>-<8 base-36 characters>-<version>}, e.g.
 * {@code EURAMET-M-DE-0000001A-1}. The serial counts per RMO, area and country; a modification keeps the
 * serial and raises the version.
 */
public record KcdbCode(String rmo, String area, String country, long serial, int version) {

    static final long MAX_SERIAL = 2_821_109_907_455L; // 36^8 - 1
    private static final Pattern FORMAT = Pattern.compile(
            "^(AFRIMETS|APMP|COOMET|EURAMET|GULFMET|SIM)-(AUV|EM|L|M|PR|T|TF|QM|RI)-([A-Z]{2})-([0-9A-Z]{8})-([1-9][0-9]*)$");

    public KcdbCode {
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("A KCDB serial has 8 base-36 digits; " + serial + " does not fit");
        }
        if (version < 1) {
            throw new IllegalArgumentException("KCDB versions start at 1");
        }
    }

    /** The counter that allocates serials for this code's series. */
    public static String series(String rmo, String area, String country) {
        return rmo + "-" + area + "-" + country;
    }

    public String series() {
        return series(rmo, area, country);
    }

    public KcdbCode nextVersion() {
        return new KcdbCode(rmo, area, country, serial, version + 1);
    }

    /** The code without its version: what every version of one CMC shares. */
    public String base() {
        String digits = Long.toString(serial, 36).toUpperCase(Locale.ROOT);
        return series() + "-" + "0".repeat(8 - digits.length()) + digits;
    }

    @Override
    public String toString() {
        return base() + "-" + version;
    }

    public static Optional<KcdbCode> parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KcdbCode(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4), 36),
                Integer.parseInt(m.group(5))));
    }
}
