package org.bipm.kcdb.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/** {@link BearerTokenHeader} answers every header as Spring Security's own converter does. */
class BearerTokenHeaderTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3cml0ZXIucHRiIn0.c2lnbmF0dXJl-_x~+/";

    @Test
    void everyHeaderIsAnsweredAsSpringSecurityAnswersIt() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
                "Bearer " + JWT + "==", "Bearer abc=", "Bearer ===", "Bearer a=b", "Bearer ", "Bearer", "Bearer  " + JWT,
                "Bearer " + JWT + " ", "Bearer\t" + JWT, "Basic dXNlcjpwYXNz", "Bearerx " + JWT, "Token " + JWT, "",
                "Bearer ab!c", "Bearer é", "Bearer a.b.c", "bEaReR x"));
        Random random = new Random(15);
        String alphabet = "aZ09-._~+/=! \t,;é\"";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
            for (int n = random.nextInt(12); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(answer(new BearerTokenHeader(), header)).as(header)
                    .isEqualTo(answer(new ServerBearerTokenAuthenticationConverter(), header));
        }
        assertThat(answer(new BearerTokenHeader(), null)).isEqualTo("anonymous");
    }

    private static String answer(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/cmcs");
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            Authentication token = converter.convert(MockServerWebExchange.from(request)).block();
            return token == null ? "anonymous" : "token " + ((BearerTokenAuthenticationToken) token).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
