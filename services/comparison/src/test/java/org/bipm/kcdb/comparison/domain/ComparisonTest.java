package org.bipm.kcdb.comparison.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void aValidKeyComparisonIsRegisteredAsPlannedWithItsEvent() {
        Comparison.Registered r = Comparison.register(new Registration("CCEM-K8", "KEY", "CCEM", "EM",
                "DC voltage ratio", "V/V", "PTB", List.of("PTB", "NPL", "NIST"), null, "CCEM-K8 protocol v2"),
                "coordinator.ptb", T0);
        assertThat(r.comparison().status()).isEqualTo(ComparisonStatus.PLANNED);
        assertThat(r.event().identifier()).isEqualTo("CCEM-K8");
        assertThat(r.event().participants()).containsExactly("PTB", "NPL", "NIST");
    }

    @Test
    void everyBadFieldIsReported() {
        assertThatThrownBy(() -> Comparison.register(new Registration("EURAMET.L-K7", "SUPPLEMENTARY", "CCL", "XX",
                "", "m", "PTB", List.of("NPL", "NPL"), null, null), "coordinator.ptb", T0))
                .isInstanceOfSatisfying(InvalidComparison.class, e -> assertThat(e.problems())
                        .extracting(InvalidComparison.FieldProblem::field)
                        .contains("type", "organiser", "metrologyAreaLabel", "measurand", "participants", "linkedTo"));
    }

    @Test
    void anRmoKeyComparisonLinkedToItsCipmComparisonIsAccepted() {
        Comparison.Registered r = Comparison.register(new Registration("EURAMET.EM-K8", "KEY", "EURAMET", "EM",
                "DC voltage", "V", "PTB", List.of("PTB", "METAS"), "CCEM-K8", null), "coordinator.ptb", T0);
        assertThat(r.comparison().linkedTo()).isEqualTo("CCEM-K8");
    }

    @Test
    void theLifeCycleOnlyMovesForwardOrToWithdrawn() {
        assertThat(ComparisonStatus.PLANNED.canMoveTo(ComparisonStatus.MEASUREMENTS)).isTrue();
        assertThat(ComparisonStatus.PLANNED.canMoveTo(ComparisonStatus.DRAFT_A)).isFalse();
        assertThat(ComparisonStatus.DRAFT_B.canMoveTo(ComparisonStatus.DRAFT_A)).isFalse();
        assertThat(ComparisonStatus.APPROVED.canMoveTo(ComparisonStatus.WITHDRAWN)).isTrue();
        assertThat(ComparisonStatus.PUBLISHED.canMoveTo(ComparisonStatus.WITHDRAWN)).isFalse();
    }
}
