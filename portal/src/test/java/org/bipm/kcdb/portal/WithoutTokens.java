package org.bipm.kcdb.portal;

import org.bipm.kcdb.portal.api.PlatformApi;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The user's API without the OAuth2 filter, to the stand-in gateway: the mocked login has no token to relay. A class
 * of its own, imported by {@link PortalPageTest} (a configuration nested in a base class is not found for its
 * subclasses, and Spring warns that this will change).
 */
@TestConfiguration(proxyBeanMethods = false)
class WithoutTokens {
    @Bean
    @Qualifier("user")
    PlatformApi userApi() {
        return PlatformApi.over(WebClient.builder().baseUrl("http://127.0.0.1:" + PortalPageTest.GATEWAY.port())
                .build());
    }
}
