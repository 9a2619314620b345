package org.bipm.kcdb.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.support.domain.StaleVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class IfMatchTest {

    static final Versioned<String> VERSION_3 = new Versioned<>("cmc", 3);

    /** RFC 9110 §13.1.1 with §8.8.3.2's strong comparison, against the current ETag "3". */
    @ParameterizedTest(name = "If-Match: {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "\"3\"              | true",
            "*                  | true",
            "  *                | true",
            "\"1\", \"3\"       | true",
            "\"1\",\"3\"        | true",
            "W/\"1\", \"3\"     | true",
            "\"2\"              | false",
            "W/\"3\"            | false",
            "W/\"3\", W/\"2\"   | false",
            "\"03\"             | false",
            "\"\"               | false"})
    void theCurrentVersionMatchesByStrongComparison(String header, boolean matches) {
        assertThat(IfMatch.of(header).matches(VERSION_3)).isEqualTo(matches);
    }

    @Test
    void noHeaderIsNoPreconditionUnlessOneIsRequired() {
        assertThat(IfMatch.of(null).present()).isFalse();
        assertThat(IfMatch.of(null).matches(VERSION_3)).isTrue();
        assertThatThrownBy(() -> IfMatch.of(null).required()).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
            assertThat(p.properties()).containsEntry("header", "If-Match");
        });
    }

    @Test
    void aFailedPreconditionIs412WithTheCurrentVersion() {
        assertThatThrownBy(() -> IfMatch.of("\"2\"").check(VERSION_3)).isInstanceOfSatisfying(StaleVersion.class,
                stale -> {
                    ApiProblem p = Refusals.problem(stale);
                    assertThat(p.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
                    assertThat(p.properties()).containsEntry("currentVersion", 3L);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "3", "\"3", "3\"", "\"3\",", ",\"3\"", "W/3", "\"3\" \"4\"", "**", "*, \"3\"",
            "w/\"3\"", "\"3\";q=1"})
    void aHeaderThatIsNoEntityTagListIs400(String header) {
        assertThatThrownBy(() -> IfMatch.of(header)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }
}
