package org.bipm.kcdb.submission.application;

import java.util.ArrayList;
import java.util.List;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.support.persistence.AggregateStore;

/** CMCs migrated from the KCDB become their institute's published CMCs here, to modify or delete like any other. */
public class MigrationHandOver {

    private final AggregateStore<Cmc> cmcs;

    public MigrationHandOver(AggregateStore<Cmc> cmcs) {
        this.cmcs = cmcs;
    }

    /**
     * Takes over CMCs migrated into the KCDB read model, each under the read model's id, in one write for the lot
     * (a migration announces tens of thousands); each once only, however often its announcement comes: one taken
     * over before is left as it is (a later change reaches it through the usual publication events).
     */
    public void adoptMigrated(List<CmcMigrated> announced) {
        List<AggregateStore.Created<Cmc>> adopted = new ArrayList<>(announced.size());
        for (CmcMigrated migrated : announced) {
            if (migrated.content() == null) {
                continue;
            }
            adopted.add(new AggregateStore.Created<>(migrated.cmcId(), Cmc.migrated(migrated.cmcId(),
                    migrated.institute(), migrated.country(), migrated.rmo(), migrated.content(),
                    migrated.kcdbCode(), migrated.kcdbVersion(), "Deleted".equals(migrated.status()),
                    migrated.occurredAt()), List.of()));
        }
        // The ids already taken are the CMCs adopted before: nothing to do for them.
        cmcs.insertEach(adopted).block();
    }
}
