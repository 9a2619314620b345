package org.bipm.kcdb.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.bipm.kcdb.support.web.ApiProblem;
import org.bipm.kcdb.test.Infrastructure;
import org.bipm.kcdb.test.TestKeycloak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.http.HttpStatus;

/**
 * The Keycloak directory against a real Keycloak with the project's realm: the image where Docker runs; without
 * Docker only on request ({@code -Dkcdb.test.keycloak=true}: the server distribution ./kcdb up uses, about 35 s
 * to start), since the end-to-end test checks the same directory through the local platform's Keycloak.
 */
@EnabledIf("keycloakAvailable")
class KeycloakDirectoryContractTest extends DirectoryContract {

    private static Directory directory;
    private static String keycloakUrl;

    static boolean keycloakAvailable() {
        return Boolean.getBoolean("kcdb.test.keycloak") || Infrastructure.dockerAvailable();
    }

    @BeforeAll
    static void keycloak() {
        keycloakUrl = TestKeycloak.issuer().replaceAll("/realms/kcdb$", "");
        directory = new KeycloakDirectory(new DirectoryProperties(keycloakUrl, "kcdb", "kcdb-directory",
                "kcdb-directory", Duration.ofMinutes(5), Duration.ofSeconds(20)));
    }

    @Override
    Directory directory() {
        return directory;
    }

    @Test
    void aWrongClientSecretIsAnUnavailableDirectoryNotAnEmptyOne() {
        KeycloakDirectory wrong = new KeycloakDirectory(new DirectoryProperties(keycloakUrl, "kcdb",
                "kcdb-directory", "not-the-secret", null, null));
        assertThatThrownBy(() -> wrong.user("reviewer.lne").block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiProblem.class,
                        p -> assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> wrong.reviewers("EURAMET", "EM").collectList().block(Duration.ofSeconds(30)))
                .isInstanceOf(ApiProblem.class);
    }

    @Test
    void aClientWithoutTheDirectoryRolesReadsNothing() {
        // rmo-euramet is a confidential client too, but its service account may not view users.
        KeycloakDirectory subscriber = new KeycloakDirectory(new DirectoryProperties(keycloakUrl, "kcdb",
                "rmo-euramet", "rmo-euramet", null, null));
        assertThatThrownBy(() -> subscriber.user("reviewer.lne").block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).contains("403"));
    }
}
