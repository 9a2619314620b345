package org.bipm.kcdb.submission.application;

import static org.bipm.kcdb.submission.application.Writers.requireWriter;

import java.util.List;
import org.bipm.kcdb.security.Caller;
import org.bipm.kcdb.security.Role;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.submission.domain.HistoryEntry;
import org.bipm.kcdb.submission.persistence.StoredCmcs;
import org.bipm.kcdb.support.domain.NotFound;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What writers, reviewers and the offices may read of the CMCs. */
public class CmcQueries {

    private final AggregateStore<Cmc> cmcs;
    private final StoredCmcs stored;

    public CmcQueries(AggregateStore<Cmc> cmcs, StoredCmcs stored) {
        this.cmcs = cmcs;
        this.stored = stored;
    }

    public Mono<Versioned<Cmc>> read(Caller caller, String id) {
        return cmcs.find(id).filter(found -> mayRead(caller, found.aggregate()))
                .switchIfEmpty(Mono.error(() -> new NotFound("CMC " + id)));
    }

    public Flux<Versioned<Cmc>> list(Caller caller, CmcStatus status, String area, int page, int size) {
        requireWriter(caller);
        return stored.ofInstitute(caller.institute(), status, area, page, size);
    }

    public Mono<Long> count(Caller caller, CmcStatus status, String area) {
        requireWriter(caller);
        return stored.countOfInstitute(caller.institute(), status, area);
    }

    public Mono<List<HistoryEntry>> history(Caller caller, String id) {
        return read(caller, id).map(found -> found.aggregate().history());
    }

    /** Writers read their institute's CMCs; the reviewing RMO and the offices read submitted ones. */
    static boolean mayRead(Caller caller, Cmc cmc) {
        if (caller.has(Role.CMC_WRITER) && cmc.institute().equals(caller.institute())) {
            return true;
        }
        if (!cmc.status().visibleBeyondInstitute()) {
            return false;
        }
        if (caller.hasAny(Role.JCRB_SECRETARY, Role.KCDB_OFFICE)) {
            return true;
        }
        if (caller.hasAny(Role.TC_CHAIR, Role.TC_REVIEWER)) {
            return cmc.rmo().equals(caller.rmo()) || cmc.status() == CmcStatus.INTER_RMO_REVIEW;
        }
        return false;
    }
}
