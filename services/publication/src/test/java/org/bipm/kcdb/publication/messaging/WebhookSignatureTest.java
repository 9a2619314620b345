package org.bipm.kcdb.publication.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHexHmacSha256OfTimestampDotBody() {
        // Expected value computed independently: python3 hmac.new(secret, b"1795428000." + body, sha256).hexdigest()
        String body = "{\"id\":\"e-1\",\"data\":{\"kcdbCode\":\"EURAMET-EM-DE-00000001-1\"}}";
        assertThat(WebhookSignature.sign("whsec-test-0123456789", 1795428000L, body))
                .isEqualTo("v1=73e8d8daabfb5216519c421ba07588bca806fd9e33864fec14a584cd11d72259");
    }

    @Test
    void anotherTimestampOrSecretGivesAnotherSignature() {
        String signed = WebhookSignature.sign("whsec-test-0123456789", 1795428000L, "{}");
        assertThat(WebhookSignature.sign("whsec-test-0123456789", 1795428001L, "{}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("whsec-test-9876543210", 1795428000L, "{}")).isNotEqualTo(signed);
    }
}
