package org.bipm.kcdb.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The demo users' tokens carry what the realm file gives them, and pass production's checks. */
class DemoUsersTest {

    @Test
    void aWritersTokenCarriesTheRealmsRolesAndScope() {
        Jwt jwt = KcdbServiceTest.ISSUER.decoder().decode(DemoUsers.token("writer.ptb")).block();
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("writer.ptb");
        assertThat(jwt.getClaimAsMap("realm_access").get("roles")).isEqualTo(List.of("cmc-writer"));
        assertThat(jwt.getClaimAsString("institute")).isEqualTo("PTB");
        assertThat(jwt.getClaimAsString("country")).isEqualTo("DE");
        assertThat(jwt.getClaimAsString("rmo")).isEqualTo("EURAMET");
    }

    @Test
    void aChairsAreasAreAList() {
        Jwt jwt = KcdbServiceTest.ISSUER.decoder().decode(DemoUsers.token("chair.sim")).block();
        assertThat(jwt.getClaimAsStringList("areas")).contains("EM", "T");
        assertThat(jwt.getClaimAsString("institute")).isEqualTo("NRC");
    }

    @Test
    void aUserOfAnotherInstituteIsShapedLikeADemoUser() {
        Jwt jwt = KcdbServiceTest.ISSUER.decoder()
                .decode(DemoUsers.like("reviewer.lne", "reviewer.npl", "NPL", "GB", "EURAMET")).block();
        assertThat(jwt.getClaimAsMap("realm_access").get("roles")).isEqualTo(List.of("tc-reviewer"));
        assertThat(jwt.getClaimAsString("institute")).isEqualTo("NPL");
        assertThat(jwt.getClaimAsStringList("areas")).isNotEmpty();
    }

    @Test
    void anUnknownDemoUserFailsAtOnce() {
        assertThatThrownBy(() -> DemoUsers.token("writer.nobody")).hasMessageContaining("No demo user");
    }
}
