package org.bipm.kcdb.review.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcSubmitted;
import org.bipm.kcdb.events.Range;

/** A PTB voltage CMC under EURAMET review, the people who act on it, and cases in each stage. */
final class ReviewFixtures {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final CmcContent CONTENT = new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1", "DC voltage",
            "Zener", "Josephson", List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"), null, null,
            "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(), "QMS-1");
    static final String QMS = "EURAMET TC-Q 2025/17";

    static final Reviewer CHAIR_EURAMET = new Reviewer("chair.euramet", "METAS", "EURAMET", Set.of("EM", "M"), true);
    static final Reviewer REVIEWER_LNE = new Reviewer("reviewer.lne", "LNE", "EURAMET", Set.of("EM"), false);
    static final Reviewer REVIEWER_NPL = new Reviewer("reviewer.npl", "NPL", "EURAMET", Set.of("EM"), false);
    static final Reviewer REVIEWER_PTB = new Reviewer("reviewer.ptb", "PTB", "EURAMET", Set.of("EM"), false);
    static final Reviewer REVIEWER_NRC = new Reviewer("reviewer.nrc", "NRC", "SIM", Set.of("EM"), false);
    static final Reviewer REVIEWER_NIST = new Reviewer("reviewer.nist", "NIST", "SIM", Set.of("EM"), false);
    static final Reviewer REVIEWER_KRISS = new Reviewer("reviewer.kriss", "KRISS", "APMP", Set.of("EM"), false);
    static final Reviewer CHAIR_SIM = new Reviewer("chair.sim", "NRC", "SIM", Set.of("EM"), true);
    static final Reviewer CHAIR_APMP = new Reviewer("chair.apmp", "KRISS", "APMP", Set.of("EM"), true);
    static final Reviewer CHAIR_COOMET = new Reviewer("chair.coomet", "VNIIM", "COOMET", Set.of("EM"), true);
    static final Reviewer CHAIR_AFRIMETS = new Reviewer("chair.afrimets", "NMISA", "AFRIMETS", Set.of("EM"), true);
    static final Reviewer CHAIR_GULFMET = new Reviewer("chair.gulfmet", "SASO-NMCC", "GULFMET", Set.of("EM"), true);
    static final CmcWriter WRITER_PTB = new CmcWriter("writer.ptb", "PTB");
    static final JcrbSecretary SECRETARY = new JcrbSecretary("jcrb.secretary");

    private ReviewFixtures() {
    }

    static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    static CmcSubmitted submitted(int round) {
        return new CmcSubmitted(UUID.randomUUID(), T0, 1, "cmc-1", round, "PTB", "DE", "EURAMET", "writer.ptb", null,
                CONTENT);
    }

    static ReviewCase opened() {
        return opened(InterRmoRules.DEFAULTS);
    }

    static ReviewCase opened(InterRmoRules rules) {
        return ReviewCase.open(submitted(1), rules, T0).aggregate();
    }

    /** Approved by EURAMET at {@link #T0}: the intent window closes on day 14, deadlines end on day 42. */
    static ReviewCase inInterRmoReview(InterRmoRules rules) {
        return opened(rules).decide(Decision.Kind.APPROVE, CHAIR_EURAMET, "fine", QMS, T0).aggregate();
    }

    static ReviewCase inInterRmoReview() {
        return inInterRmoReview(InterRmoRules.DEFAULTS);
    }

    static ReviewCase returned() {
        return opened().decide(Decision.Kind.RETURN, CHAIR_EURAMET, "traceability?", null, T0).aggregate();
    }

    static ReviewCase rejected() {
        return opened().decide(Decision.Kind.REJECT, CHAIR_EURAMET, "no QMS", null, T0).aggregate();
    }

    /** Nobody asked to review it, so the inter-RMO review approved it when its intent window closed. */
    static ReviewCase approved() {
        return inInterRmoReview().advance(day(14)).aggregate();
    }

    /** No command withdraws a case yet (the writer's withdrawal is the submission service's); built directly. */
    static ReviewCase withdrawn() {
        ReviewCase c = opened();
        return new ReviewCase(c.id(), c.cmcId(), c.institute(), c.country(), c.rmo(), c.area(), c.content(),
                c.supersedesKcdbCode(), c.round(), ReviewStage.WITHDRAWN, c.openedAt(), c.rules(), c.decisions(),
                c.assignments(), c.comments(), c.interRmoReviews(), c.history(), c.deletionRequest());
    }
}
