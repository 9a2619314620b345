package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.bipm.kcdb.portal.web.Moments;
import org.junit.jupiter.api.Test;

/** Dates and instants as a reader reads them, in the page's language and the reader's zone, the zone stated. */
class MomentsTest {

    @Test
    void anInstantReadsInTheLanguageAndZoneWithTheZoneStated() {
        Moments english = new Moments(Locale.ENGLISH, ZoneOffset.UTC);
        assertThat(english.text("2026-12-20T23:59:59Z")).isEqualTo("Dec 20, 2026, 11:59 PM UTC");
        assertThat(english.iso("2026-12-20T23:59:59Z")).isEqualTo("2026-12-20T23:59:59Z");
        assertThat(new Moments(Locale.FRENCH, ZoneId.of("Europe/Paris")).text("2026-12-20T23:59:59Z"))
                .as("the next day in Paris, in winter time").isEqualTo("21 déc. 2026 00:59 CET");
        assertThat(new Moments(Locale.FRENCH, ZoneId.of("Europe/Paris")).text("2026-07-01T10:00:00Z"))
                .isEqualTo("1 juil. 2026 12:00 CEST");
        assertThat(english.iso("2026-12-20T23:59:59.250+01:00")).as("ISO in UTC for <time datetime>")
                .isEqualTo("2026-12-20T22:59:59.250Z");
    }

    @Test
    void aDayStaysADayAndAnythingElseIsShownAsWritten() {
        Moments french = new Moments(Locale.FRENCH, ZoneId.of("Asia/Tokyo"));
        assertThat(french.text("2026-12-01")).isEqualTo("1 déc. 2026");
        assertThat(french.iso("2026-12-01")).isEqualTo("2026-12-01");
        assertThat(french.text("soon")).isEqualTo("soon");
        assertThat(french.text(null)).isEmpty();
    }

    @Test
    void aZoneCookieThatNamesNoZoneMeansUtc() {
        assertThat(Moments.zone("Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(Moments.zone("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(Moments.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(Moments.zone("../../etc")).isEqualTo(ZoneOffset.UTC);
    }
}
