package org.bipm.kcdb.publication.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.support.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class WebhookRegistrationValidationTest {

    static final String URL = "https://rmo.example.org/kcdb-hook";
    static final String SECRET = "a-secret-of-some-length";
    static final WebhookTargets TARGETS = new WebhookTargets(false, List.of(),
            host -> new InetAddress[] {InetAddress.getByName("93.184.215.14")});

    static List<String> fieldsRefused(WebhookRegistration registration) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> SubscriptionController.validate(registration, TARGETS));
        assertThat(problem).as("refused").isNotNull();
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        @SuppressWarnings("unchecked")
        List<ApiProblem.FieldError> errors = (List<ApiProblem.FieldError>) problem.properties().get("errors");
        return errors.stream().map(ApiProblem.FieldError::field).toList();
    }

    static List<String> withNull(String value) {
        return Arrays.asList(value, null);
    }

    @Test
    void aNullInAFilterListIsRefusedWithTheEntryNamed() {
        assertThat(fieldsRefused(new WebhookRegistration(URL, SECRET, withNull("org.bipm.kcdb.cmc.published"),
                null, null, null))).containsExactly("types[1]");
        assertThat(fieldsRefused(new WebhookRegistration(URL, SECRET, null, withNull("EM"), withNull(null),
                withNull("DE")))).containsExactly("areas[1]", "rmos[0]", "rmos[1]", "countries[1]");
    }

    @Test
    void aTypeThatIsNeverDeliveredToSubscribersIsRefused() {
        assertThat(fieldsRefused(new WebhookRegistration(URL, SECRET, List.of("org.bipm.kcdb.comparison.evaluated"),
                null, null, null))).containsExactly("types");
        assertThat(fieldsRefused(new WebhookRegistration(URL, SECRET, List.of("org.bipm.kcdb.cmc.migrated"),
                null, null, null))).containsExactly("types");
    }

    @Test
    void aSecretOfControlCharactersIsRefused() {
        assertThat(fieldsRefused(new WebhookRegistration(URL, "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007"
                + "\u0008\u000b\u000c\u000e\u000f\u0010\u0011\u0012", null, null, null, null)))
                .containsExactly("secret");
        assertThat(fieldsRefused(new WebhookRegistration(URL, SECRET + "\n", null, null, null, null)))
                .containsExactly("secret");
    }

    @Test
    void aSoundRegistrationPasses() {
        SubscriptionController.validate(new WebhookRegistration(URL, SECRET, List.of("org.bipm.kcdb.cmc.published"),
                List.of("EM"), List.of("EURAMET"), List.of("DE")), TARGETS);
    }
}
