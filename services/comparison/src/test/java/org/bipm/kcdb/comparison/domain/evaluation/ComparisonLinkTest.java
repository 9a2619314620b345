package org.bipm.kcdb.comparison.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonLinkTest {

    @Test
    void anRmoLaboratoryIsPlacedOnTheCipmScaleThroughTheLinkingLaboratories() {
        // Linking PTB and NIST: RMO results 10.0 and 10.4 (x̄_L = 10.2); CIPM d = 0.1 and −0.1 (d̄_L = 0).
        Map<String, DegreeOfEquivalence> cipm = Map.of(
                "PTB", new DegreeOfEquivalence("PTB", 0.1, 0.05, 0.1, 1.0, true),
                "NIST", new DegreeOfEquivalence("NIST", -0.1, 0.05, 0.1, -1.0, true));
        List<Measurement> rmo = List.of(new Measurement("PTB", 10.0, 0.1), new Measurement("NIST", 10.4, 0.1),
                new Measurement("INRIM", 10.5, 0.2));
        List<DegreeOfEquivalence> linked = ComparisonLink.link(rmo, cipm, Set.of("PTB", "NIST"), 2);
        DegreeOfEquivalence inrim = linked.get(2);
        // d = 10.5 − 10.2 + 0 = 0.3; u²(link) = (0.01 + 0.0025)·2/4 = 0.00625; u² = 0.04 + 0.00625
        assertThat(inrim.d()).isCloseTo(0.3, within(1e-12));
        assertThat(inrim.standardUncertainty()).isCloseTo(Math.sqrt(0.04625), within(1e-12));
        assertThat(inrim.expandedUncertainty()).isCloseTo(2 * Math.sqrt(0.04625), within(1e-12));
        assertThat(linked.get(0)).isSameAs(cipm.get("PTB"));
    }

    @Test
    void withoutACommonLaboratoryThereIsNoLink() {
        assertThatThrownBy(() -> ComparisonLink.link(List.of(new Measurement("INRIM", 1, 1)), Map.of(), Set.of("PTB"),
                2)).isInstanceOf(InvalidEvaluation.class);
    }
}
