package org.bipm.kcdb.publication.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bipm.kcdb.publication.application.WebhookTargets;
import org.bipm.kcdb.publication.web.RequestPropertiesTest;
import org.bipm.kcdb.support.web.ApiProblem;

/**
 * Property-based: webhook registrations generated from {@link WebhookRegistration}'s components, URLs in every
 * notation among them, are accepted or refused with a 400 naming fields, never with another exception.
 */
class WebhookRegistrationPropertiesTest {

    /** Names resolve from a fixed table, so no case depends on the machine's DNS. */
    static final WebhookTargets TARGETS = new WebhookTargets(false, List.of(),
            host -> new InetAddress[] {InetAddress.getByName(host.startsWith("10.") ? host : "93.184.215.14")});

    @Property(seed = "21")
    void aRegistrationIsAcceptedOrRefusedAsABadRequest(@ForAll("registrations") WebhookRegistration registration) {
        try {
            SubscriptionController.validate(registration, TARGETS);
        } catch (ApiProblem refused) {
            assertThat(refused.status().value()).isEqualTo(400);
            assertThat(refused.properties().get("errors")).asList().isNotEmpty();
        }
    }

    @Provide
    Arbitrary<WebhookRegistration> registrations() {
        Arbitrary<WebhookRegistration> generic = RequestPropertiesTest.of(WebhookRegistration.class);
        Arbitrary<String> urls = Arbitraries.oneOf(RequestPropertiesTest.texts(), Arbitraries.of(
                "https://hooks.rmo.example/x", "https://[::1]/", "https://0x7f000001/", "https://2130706433/",
                "https://[fe80::1%25eth0]/", "https://user:pw@hooks.rmo.example/", "https://10.0.0.1/",
                "https://[::ffff:127.0.0.1]:99999/", "https://hooks.rmo.example:-1/", "https:", "https://", "//x",
                "https://a b/", "https://%zz/", "https://hooks.rmo.example/" + "x".repeat(3000)));
        Arbitrary<String> secrets = Arbitraries.oneOf(RequestPropertiesTest.texts(),
                Arbitraries.strings().ofMinLength(16).ofMaxLength(40));
        return Arbitraries.oneOf(generic, generic.flatMap(r -> urls.flatMap(url -> secrets.map(secret ->
                new WebhookRegistration(url, secret, r.types(), r.areas(), r.rmos(), r.countries())))));
    }
}
