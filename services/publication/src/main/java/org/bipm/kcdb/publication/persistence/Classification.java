package org.bipm.kcdb.publication.persistence;

import java.util.Map;

/**
 * The names the KCDB shows for the physics classification ("L/DimMet" is "Dimensional metrology", "PR/Photo-1"
 * is "Photometry"), looked up by label and physics code in the KCDB's reference data. Records carry labels; searches
 * and quick-search filters speak names.
 */
public final class Classification {

    private static final Classification KCDB = load();

    private final Map<String, String> branches;
    private final Map<String, String> physicsServices;

    private Classification(Map<String, String> branches, Map<String, String> physicsServices) {
        this.branches = branches;
        this.physicsServices = physicsServices;
    }

    public static Classification kcdb() {
        return KCDB;
    }

    /** The branch's name, e.g. "Fibre optics" for "PR/Fibre"; null if the label is unknown. */
    public String branchValue(String branchLabel) {
        return branchLabel == null ? null : branches.get(branchLabel);
    }

    /**
     * The name of a physics service at any level: {@code serviceValue("PR/Photo", "1")} is "Photometry",
     * {@code ("PR/Photo", "1.2.1")} the individual service; null if unknown.
     */
    public String serviceValue(String branchLabel, String physicsCode) {
        if (branchLabel == null || physicsCode == null || physicsCode.isEmpty()) {
            return null;
        }
        return physicsServices.get(branchLabel + "-" + physicsCode);
    }

    /**
     * The names of the service, sub-service and individual service a physics code names, level by level
     * ({@code ("PR/Photo", "1.2.1")} gives Photometry, Illuminance responsivity, Tungsten source); an unknown level
     * is null, and the array is as long as the code has levels (at most 3).
     */
    public String[] serviceValues(String branchLabel, String physicsCode) {
        if (physicsCode == null || physicsCode.isEmpty()) {
            return new String[0];
        }
        String[] levels = physicsCode.split("\\.");
        String[] names = new String[Math.min(3, levels.length)];
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            code.append(i == 0 ? "" : ".").append(levels[i]);
            names[i] = serviceValue(branchLabel, code.toString());
        }
        return names;
    }

    /** A classification with these names (the seed's with the office's changes: {@link PublicNames}). */
    static Classification of(Map<String, String> branches, Map<String, String> physicsServices) {
        return new Classification(Map.copyOf(branches), Map.copyOf(physicsServices));
    }

    private static Classification load() {
        ReferenceData reference = ReferenceData.kcdb();
        return new Classification(Map.copyOf(reference.branchNames()), Map.copyOf(reference.physicsServiceNames()));
    }
}
