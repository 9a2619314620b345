package org.bipm.kcdb.support.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The instants a consumer reads are the ones Jackson's own parsing reads, whichever way the text takes. */
class CanonicalInstantsTest {

    private final JsonMapper jackson = JsonMapper.builder().build();
    private final JsonMapper withModule = JsonMapper.builder().addModule(CanonicalInstants.module()).build();

    record Event(Instant occurredAt) {
    }

    @Test
    void instantsAsTheServicesWriteThemReadAsJacksonReadsThem() {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            // years 0001-9999, every precision Instant.toString() writes (seconds, millis, micros, nanos)
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            instant = switch (i % 4) {
                case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(ChronoUnit.MICROS);
                default -> instant;
            };
            String json = withModule.writeValueAsString(new Event(instant));
            assertThat(withModule.readValue(json, Event.class).occurredAt()).as(json).isEqualTo(instant)
                    .isEqualTo(jackson.readValue(json, Event.class).occurredAt());
        }
    }

    @Test
    void everyFractionLengthReadsAsJacksonReadsIt() {
        String fraction = "123456789";
        for (int digits = 1; digits <= 9; digits++) {
            String text = "2026-12-05T03:26:37." + fraction.substring(0, digits) + "Z";
            assertThat(CanonicalInstants.canonical(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(read(withModule, text)).isEqualTo(read(jackson, text));
        }
    }

    @Test
    void otherTextIsLeftToJacksonsOwnParsing() {
        List<String> others = List.of("2026-12-05T04:26:37+01:00", "2026-12-05T03:26:37.5+00:00",
                "2016-12-31T23:59:60Z", "2026-12-05T03:26:37.Z", "2026-12-05T03:26:37.1234567890Z",
                " 2026-12-05T03:26:37Z ", "1733369197", "1733369197.5", "2026-12-05t03:26:37z");
        for (String text : others) {
            assertThat(CanonicalInstants.canonical(text)).as(text).isNull();
            Object expected = outcome(jackson, text);
            assertThat(outcome(withModule, text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void anInvalidDateIsLeftToJacksonsOwnParsing() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-05T24:00:00Z",
                "2026-12-05T03:61:00Z", "20x6-12-05T03:26:37Z")) {
            assertThat(CanonicalInstants.canonical(text)).as(text).isNull();
            assertThat(outcome(withModule, text)).as(text).isEqualTo(outcome(jackson, text));
        }
        assertThatThrownBy(() -> read(withModule, "2026-13-01T00:00:00Z")).isInstanceOf(JacksonException.class);
    }

    private static Instant read(JsonMapper mapper, String text) {
        return mapper.readValue("{\"occurredAt\":\"" + text + "\"}", Event.class).occurredAt();
    }

    /** The instant read, or the kind of refusal. */
    private static Object outcome(JsonMapper mapper, String text) {
        String value = text.matches("[0-9.]+") ? text : "\"" + text + "\"";
        try {
            return mapper.readValue("{\"occurredAt\":" + value + "}", Event.class).occurredAt();
        } catch (JacksonException refused) {
            return refused.getClass();
        }
    }
}
