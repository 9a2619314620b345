package org.bipm.kcdb.comparison.domain.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links an RMO key comparison to its CIPM key comparison through the laboratories that took part in both.
 * For a laboratory j of the RMO comparison, dⱼ = (xⱼ − x̄_L) + d̄_L, with x̄_L the mean of the linking
 * laboratories' RMO results and d̄_L the mean of their CIPM degrees of equivalence. Its uncertainty is
 * u²(dⱼ) = uⱼ² + u²(link), u²(link) = Σₗ [u²(xₗ) + u²(dₗ)] / n², treating the linking laboratories' RMO results and
 * CIPM degrees of equivalence as independent (transfer-standard drift, if any, must be in the uᵢ). Linking
 * laboratories keep their CIPM degrees of equivalence.
 */
public final class ComparisonLink {

    private ComparisonLink() {
    }

    public static List<DegreeOfEquivalence> link(List<Measurement> rmoResults,
                                                 Map<String, DegreeOfEquivalence> cipmDegrees,
                                                 Set<String> linkingLaboratories, double coverageFactor) {
        List<Measurement> links = rmoResults.stream().filter(m -> linkingLaboratories.contains(m.institute())
                && cipmDegrees.containsKey(m.institute())).toList();
        if (links.isEmpty()) {
            throw new InvalidEvaluation("No linking laboratory has both an RMO result and a CIPM degree of equivalence");
        }
        int n = links.size();
        double meanValue = 0;
        double meanDegree = 0;
        double linkVariance = 0;
        for (Measurement l : links) {
            DegreeOfEquivalence cipm = cipmDegrees.get(l.institute());
            meanValue += l.value() / n;
            meanDegree += cipm.d() / n;
            linkVariance += (l.standardUncertainty() * l.standardUncertainty()
                    + cipm.standardUncertainty() * cipm.standardUncertainty()) / ((double) n * n);
        }
        List<DegreeOfEquivalence> linked = new ArrayList<>();
        for (Measurement m : rmoResults) {
            if (linkingLaboratories.contains(m.institute()) && cipmDegrees.containsKey(m.institute())) {
                linked.add(cipmDegrees.get(m.institute()));
                continue;
            }
            double d = m.value() - meanValue + meanDegree;
            double u = Math.sqrt(m.standardUncertainty() * m.standardUncertainty() + linkVariance);
            double expanded = coverageFactor * u;
            linked.add(new DegreeOfEquivalence(m.institute(), d, u, expanded, d / expanded, false));
        }
        return linked;
    }
}
