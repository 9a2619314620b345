package org.bipm.kcdb.submission.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.submission.domain.Cmc;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.support.persistence.Versioned;

/** A CMC as the API returns it: its KCDB fields plus the server's. */
public record CmcView(String id, CmcStatus status, long version, String institute, String country, String rmo,
                      String kcdbCode, Integer kcdbVersion, int round, String createdBy, Instant createdAt,
                      Instant updatedAt, @JsonUnwrapped CmcContent content) {

    static CmcView of(Versioned<Cmc> stored) {
        Cmc cmc = stored.aggregate();
        return new CmcView(cmc.id(), cmc.status(), stored.version(), cmc.institute(), cmc.country(), cmc.rmo(),
                cmc.kcdbCode(), cmc.kcdbVersion(), cmc.round(), cmc.createdBy(), cmc.createdAt(), cmc.updatedAt(),
                cmc.content());
    }
}
