package org.bipm.kcdb.submission.application;

import java.util.List;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;

/** CMCs migrated from the KCDB become their institute's published CMCs here, to modify or delete like any other. */
public class MigrationHandOver {

    private final AggregateStore<Cmc> cmcs;

    public MigrationHandOver(AggregateStore<Cmc> cmcs) {
        this.cmcs = cmcs;
    }

    /**
     * Takes over a CMC migrated into the KCDB read model, under the read model's id; once only, however often the
     * announcement comes (a later change reaches it through the usual publication events).
     */
    public void adoptMigrated(CmcMigrated migrated) {
        if (migrated.content() == null) {
            return;
        }
        Cmc cmc = Cmc.migrated(migrated.cmcId(), migrated.institute(), migrated.country(), migrated.rmo(),
                migrated.content(), migrated.kcdbCode(), migrated.kcdbVersion(), "Deleted".equals(migrated.status()),
                migrated.occurredAt());
        cmcs.insert(migrated.cmcId(), cmc, List.of())
                .onErrorResume(DuplicateKeyException.class, alreadyAdopted -> Mono.empty())
                .block();
    }
}
