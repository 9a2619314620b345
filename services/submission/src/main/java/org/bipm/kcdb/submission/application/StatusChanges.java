package org.bipm.kcdb.submission.application;

import java.util.function.UnaryOperator;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.support.domain.Outcome;
import org.bipm.kcdb.support.persistence.AggregateStore;

/** The CMC's status as the review and publication services decide it (the writer's view of their events). */
public class StatusChanges {

    private final AggregateStore<Cmc> cmcs;

    public StatusChanges(AggregateStore<Cmc> cmcs) {
        this.cmcs = cmcs;
    }

    /** Applies what another service decided; retried on a concurrent edit so no status change is lost. */
    public void follow(String cmcId, UnaryOperator<Cmc> change) {
        cmcs.change(cmcId, cmc -> Outcome.quiet(change.apply(cmc))).block();
    }
}
