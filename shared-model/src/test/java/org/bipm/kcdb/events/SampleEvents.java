package org.bipm.kcdb.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One realistic instance of every event in the catalogue. */
final class SampleEvents {

    static final CmcContent VOLTAGE_CMC = new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1",
            "DC voltage", "Zener voltage standard", "Comparison with Josephson array",
            List.of(new Parameter("Temperature", "23 °C ± 1 °C")),
            new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"),
            new Range(1.0, 10.0, "m2.kg.s-3.A-1"), new Range(5.0e-8, 5.0e-7, "dimension 1"),
            "Relative", 2.0, 95.0, "PTB", "DC voltage source", "PTB-2.11-01",
            List.of("CCEM-K8", "EURAMET.EM-K8"), "EURAMET TC-Q 2025/17");

    /** The antimony CMC of DOMAIN.md §1.3: a chemistry CMC with its CRM block and positional uncertainty limits. */
    static final CmcContent ANTIMONY_CMC = new CmcContent("CHEM-BIO", "QM", null, null, null, null, "Mass fraction",
            null, null, List.of(), new Range(0.001, 10.0, "µg/kg"), new Range(10.0, 1.0, "%"),
            new Range(1.0e-12, 1.0e-8, "kg/kg"), new Range(0.1, 0.01, "dimension 1"), "Relative", 2.0, 95.0,
            "NMIJ/AIST", null, "NMIJ-QM-5.1-07", List.of("CCQM-K107"), "APMP TCQS 2025/04", null,
            "Gravimetric standard solutions", null, null, "5", "1", "antimony", "river water and drinking water",
            "ICP-MS, isotope dilution", "NMIJ CRM 7202, NMIJ CRM 7203", "Two",
            new CmcContent.Crm(new Range(0.5, 5.0, "µg/kg"), new Range(3.0, 3.0, "%"), 2.0, 95.0, "Relative", null,
                    new CmcContent.UncertaintyTable("U by level", 2, 2, null,
                            "{\"row_1\":{\"col_1\":\"0.5 µg/kg\",\"col_2\":\"3 %\"}}")),
            null, null, null, null, null);

    private SampleEvents() {
    }

    private static java.util.Map<String, Object> sampleInstitute() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("nmiCode", "PTB");
        fields.put("nmiName", "Physikalisch-Technische Bundesanstalt");
        fields.put("countryLabel", "DE");
        fields.put("rmo", "EURAMET");
        fields.put("nmiIdentifier", 14);
        fields.put("nmiRorIdentifier", "https://ror.org/05r3f7h03");
        fields.put("nmiWikiDataIdentifier", null);
        return fields;
    }

    static List<IntegrationEvent> all() {
        Instant now = Instant.parse("2026-11-23T10:15:30Z");
        return List.of(
                new CmcSubmitted(UUID.randomUUID(), now, 1, "cmc-1", 1, "PTB", "DE", "EURAMET", "writer.ptb", null,
                        VOLTAGE_CMC),
                new CmcSubmitted(UUID.randomUUID(), now, 1, "cmc-2", 1, "NMIJ", "JP", "APMP", "writer.nmij", null,
                        ANTIMONY_CMC),
                new CmcResubmitted(UUID.randomUUID(), now, 1, "cmc-1", 2, "PTB", "DE", "EURAMET", "writer.ptb", null,
                        VOLTAGE_CMC, false),
                new CmcDeletionRequested(UUID.randomUUID(), now, 1, "cmc-4", 1, "PTB", "DE", "EURAMET", "writer.ptb",
                        "EURAMET-EM-DE-0000001A-1", "The service is no longer offered.", VOLTAGE_CMC),
                new CmcMigrated(UUID.randomUUID(), now, 1, "kcdb-10203", "EURAMET-EM-DE-00000B2Q-3", 3, "Greyed out",
                        "PTB", "DE", "EURAMET", java.time.LocalDate.parse("2011-04-07"), VOLTAGE_CMC),
                new ReferenceDataChanged(UUID.randomUUID(), now, 1, "institutes", "PTB",
                        sampleInstitute(), false, "office.kcdb"),
                new ReferenceDataChanged(UUID.randomUUID(), now, 1, "quantities", "DOS|Air kerma",
                        java.util.Map.of("value", "Air kerma", "radiationBranchLabel", "DOS"), true, "office.kcdb"),
                new CmcWithdrawn(UUID.randomUUID(), now, 1, "cmc-3", 2, "PTB", "DE", "EURAMET", "writer.ptb",
                        "The service is no longer offered."),
                new ReviewOpened(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "EURAMET", "EM", "INTRA_RMO_REVIEW"),
                new ReviewOpened(UUID.randomUUID(), now, 2, "review-1", "cmc-1", "EURAMET", "EM", "INTRA_RMO_REVIEW",
                        now.plus(Duration.ofDays(56))),
                new ReviewReturned(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "chair.euramet",
                        "Please state the traceability of the Josephson array."),
                new ReviewReturned(UUID.randomUUID(), now, 2, "review-1", "cmc-1", "chair.euramet",
                        "Please state the uncertainty budget.", now.plus(Duration.ofDays(84))),
                new ReviewerAssigned(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "EURAMET", "reviewer.lne",
                        "chair.euramet"),
                new ReviewerAssigned(UUID.randomUUID(), now, 2, "review-1", "cmc-1", "EURAMET", "reviewer.inm",
                        "chair.euramet", "EURAMET", now.plus(Duration.ofDays(28))),
                new ReviewerAssigned(UUID.randomUUID(), now, 2, "review-1", "cmc-1", "EURAMET", "reviewer.nist",
                        "chair.sim", "SIM", null),
                new ReviewCommentAdded(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "c-1", "reviewer.lne", null,
                        "Which Josephson array is the reference?"),
                new ReviewCommentAdded(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "c-2", "writer.ptb", "c-1",
                        "The PTB programmable Josephson voltage standard."),
                new IntraRmoReviewApproved(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "PTB", "DE", "EURAMET",
                        "EM", "chair.euramet", "EURAMET TC-Q 2025/17",
                        List.of("AFRIMETS", "APMP", "COOMET", "GULFMET", "SIM"), now.plus(Duration.ofDays(14)),
                        now.plus(Duration.ofDays(42))),
                new RmoIntentDeclared(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "SIM", true,
                        now.plus(Duration.ofDays(30)), "chair.sim"),
                new RmoIntentDeclared(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "APMP", false, null,
                        "chair.apmp"),
                new RmoDecided(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "SIM", "APPROVE", "chair.sim", null),
                new ReviewDeadlineApproaching(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "COOMET",
                        "RMO_REVIEW", now.plus(Duration.ofDays(7)), false),
                new ReviewDeadlineApproaching(UUID.randomUUID(), now, 2, "review-1", "cmc-1", "COOMET",
                        "RMO_REVIEW", now.plus(Duration.ofDays(7)), false, List.of("reviewer.vniim")),
                new ReviewDeadlineExtended(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "EURAMET", 1,
                        now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(21)), "jcrb.secretary",
                        List.of("COOMET"), List.of("reviewer.vniim")),
                new CmcRejected(UUID.randomUUID(), now, 1, "review-1", "cmc-1", "chair.euramet",
                        "Not covered by the approved QMS."),
                new CmcApproved(UUID.randomUUID(), now, 1, "cmc-1", "review-1", "PTB", "DE", "EURAMET",
                        "chair.euramet", null, VOLTAGE_CMC),
                new CmcArchived(UUID.randomUUID(), now, 1, "cmc-1", "EURAMET-EM-DE-0000001A-1", "PTB", "DE",
                        "EURAMET", "EM", LocalDate.of(2026, 11, 23), "EURAMET-EM-DE-0000001A-2"),
                new CmcGreyedOut(UUID.randomUUID(), now, 1, "cmc-1", "EURAMET-EM-DE-0000001A-2", "PTB", "DE",
                        "EURAMET", "EM", LocalDate.of(2026, 11, 23), "kcdb.office", "QMS review overdue"),
                new CmcRestored(UUID.randomUUID(), now, 1, "cmc-1", "EURAMET-EM-DE-0000001A-2", "PTB", "DE",
                        "EURAMET", "EM", LocalDate.of(2026, 11, 24), "kcdb.office", null),
                new CmcDeleted(UUID.randomUUID(), now, 1, "cmc-1", "EURAMET-EM-DE-0000001A-2", "PTB", "DE",
                        "EURAMET", "EM", LocalDate.of(2026, 11, 25), "kcdb.office", "Service discontinued"),
                new CmcPublished(UUID.randomUUID(), now, 1, "cmc-1", "EURAMET-EM-DE-0000001A-1", 1, "PTB", "DE",
                        "EURAMET", "EM", LocalDate.of(2026, 11, 23)),
                new ComparisonRegistered(UUID.randomUUID(), now, 1, "CCEM-K8", "KEY", "CCEM", "EM",
                        "DC voltage ratio", "V/V", "PTB", List.of("PTB", "NPL", "NIST"), null, "PLANNED",
                        "coordinator.ptb", List.of(), "CCEM-K8 technical protocol v2", LocalDate.of(2026, 1, 15),
                        LocalDate.of(2027, 6, 30)),
                new ComparisonStatusChanged(UUID.randomUUID(), now, 1, "CCEM-K8", "EM", "PLANNED", "MEASUREMENTS",
                        "coordinator.ptb"),
                new ComparisonStatusChanged(UUID.randomUUID(), now, 2, "CCEM-K8", "EM", "MEASUREMENTS", "DRAFT_A",
                        "coordinator.ptb", "PTB", List.of("NPL", "LNE")),
                new ComparisonResultSubmitted(UUID.randomUUID(), now, 1, "CCEM-K8", "NPL", false, null,
                        "coordinator.ptb"),
                new ComparisonEvaluated(UUID.randomUUID(), now, 1, "CCEM-K8", 1, "WEIGHTED_MEAN", "V/V", 1.0000002,
                        1.0e-8, 2.0e-8, 1.3, 2, 0.52, true, 2.0, "WITH_CORRELATION", List.of(),
                        List.of(new ComparisonEvaluated.Result("PTB", 1.0000001, 2e-8),
                                new ComparisonEvaluated.Result("NPL", 1.0000003, 2e-8),
                                new ComparisonEvaluated.Result("NIST", 1.0000002, 2e-8)),
                        List.of(new ComparisonEvaluated.Degree("PTB", -1e-7, 1.6e-8, 3.3e-8, -3.0, true),
                                new ComparisonEvaluated.Degree("NPL", 1e-7, 1.6e-8, 3.3e-8, 3.0, true),
                                new ComparisonEvaluated.Degree("NIST", 0, 1.6e-8, 3.3e-8, 0.0, true)),
                        "coordinator.ptb",
                        List.of(new ComparisonEvaluated.PairwiseDegree("PTB", "NPL", -2e-7, 5.7e-8),
                                new ComparisonEvaluated.PairwiseDegree("NPL", "PTB", 2e-7, 5.7e-8))),
                new ComparisonPublished(UUID.randomUUID(), now, 1, "CCEM-K8", "EM", "V/V", 1.0000002, 2.0e-8,
                        List.of(new ComparisonEvaluated.Degree("PTB", -1e-7, 1.6e-8, 3.3e-8, -3.0, true))));
    }
}
