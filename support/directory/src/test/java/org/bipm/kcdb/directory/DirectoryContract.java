package org.bipm.kcdb.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.bipm.kcdb.security.Role;
import org.junit.jupiter.api.Test;

/**
 * What the review and the notification service may rely on of any directory, checked against the realm's demo users (CONTRACT.md §1): the
 * Keycloak directory and the component tests' in-memory one both pass it.
 */
abstract class DirectoryContract {

    private static final Duration WAIT = Duration.ofSeconds(30);

    abstract Directory directory();

    DirectoryUser user(String username) {
        return directory().user(username).block(WAIT);
    }

    List<String> reviewers(String rmo, String area) {
        return directory().reviewers(rmo, area).map(DirectoryUser::username).collectList().block(WAIT);
    }

    @Test
    void aReviewerComesWithInstituteCountryRmoAreasAndEmail() {
        DirectoryUser lne = user("reviewer.lne");
        assertThat(lne.username()).isEqualTo("reviewer.lne");
        assertThat(lne.roles()).contains(Role.TC_REVIEWER).doesNotContain(Role.TC_CHAIR);
        assertThat(lne.institute()).isEqualTo("LNE");
        assertThat(lne.country()).isEqualTo("FR");
        assertThat(lne.rmo()).isEqualTo("EURAMET");
        assertThat(lne.areas()).containsExactlyInAnyOrder("AUV", "EM", "L", "M", "PR", "T", "TF", "QM", "RI");
        assertThat(lne.email()).isEqualTo("reviewer.lne@kcdb.example");
        assertThat(lne.name()).isEqualTo("Reviewer LNE");
    }

    @Test
    void usersWithoutTheReviewerRoleAreFoundWithTheirOwnRoles() {
        DirectoryUser chair = user("chair.euramet");
        assertThat(chair.roles()).contains(Role.TC_CHAIR).doesNotContain(Role.TC_REVIEWER);
        assertThat(chair.institute()).isEqualTo("METAS");
        assertThat(chair.rmo()).isEqualTo("EURAMET");
        DirectoryUser writer = user("writer.ptb");
        assertThat(writer.roles()).contains(Role.CMC_WRITER).doesNotContain(Role.TC_REVIEWER);
        assertThat(writer.institute()).isEqualTo("PTB");
        assertThat(writer.email()).isEqualTo("writer.ptb@kcdb.example");
    }

    @Test
    void anUnknownUsernameIsNobody() {
        assertThat(directory().user("nobody.at.all").blockOptional(WAIT)).isEmpty();
        assertThat(directory().user("reviewer").blockOptional(WAIT)).as("no prefix match").isEmpty();
    }

    @Test
    void theReviewersOfAnRmoForAnAreaAreThatRmosTcReviewersOnly() {
        assertThat(reviewers("EURAMET", "EM")).contains("reviewer.lne")
                .doesNotContain("reviewer.nrc", "reviewer.kriss", "chair.euramet", "writer.ptb");
        assertThat(reviewers("SIM", "M")).contains("reviewer.nrc").doesNotContain("reviewer.lne");
        assertThat(reviewers("APMP", "RI")).contains("reviewer.kriss").doesNotContain("reviewer.lne");
        assertThat(reviewers("EURAMET", "NOT-AN-AREA")).isEmpty();
        assertThat(reviewers("NOT-AN-RMO", "EM")).isEmpty();
        assertThat(reviewers(null, null)).contains("reviewer.lne", "reviewer.nrc", "reviewer.kriss")
                .doesNotContain("chair.euramet", "writer.ptb", "jcrb.secretary");
    }

    @Test
    void usersAreFoundByRoleInstituteRmoAndAreaWithTheirAddresses() {
        assertThat(directory().users(Role.CMC_WRITER, "PTB", null, null).map(DirectoryUser::email).collectList()
                .block(WAIT)).containsExactly("writer.ptb@kcdb.example");
        assertThat(directory().users(Role.TC_CHAIR, null, "SIM", "EM").map(DirectoryUser::username).collectList()
                .block(WAIT)).containsExactly("chair.sim");
        assertThat(directory().users(Role.TC_CHAIR, null, "EURAMET", "NOT-AN-AREA").collectList().block(WAIT))
                .isEmpty();
        assertThat(directory().withRole(Role.JCRB_SECRETARY).map(DirectoryUser::username).collectList()
                .block(WAIT)).containsExactly("jcrb.secretary");
        assertThat(directory().withRole(Role.CMC_WRITER).map(DirectoryUser::username).collectList().block(WAIT))
                .contains("writer.ptb", "writer.npl", "writer.nist", "writer.nmij")
                .doesNotContain("reviewer.lne", "chair.euramet");
    }

    @Test
    void askingAgainGivesTheSameAnswer() {
        assertThat(user("reviewer.nrc")).isEqualTo(user("reviewer.nrc"));
        assertThat(reviewers("EURAMET", "EM")).isEqualTo(reviewers("EURAMET", "EM"));
    }
}
