package org.bipm.kcdb.publication.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcPublished;

/** A CMC as the KCDB publishes it. */
public record PublishedCmc(String cmcId, long kcdbId, String kcdbCode, int kcdbVersion, PublicationStatus status,
                           LocalDate statusDate, LocalDate approvalDate, LocalDate publicationDate, String institute,
                           String country, String rmo, CmcContent content, Instant publishedAt) {

    /** Publishes an approved CMC under a freshly allocated code; returns the record and its event. */
    public static Publication publish(CmcApproved approved, KcdbCode code, long kcdbId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate approvalDate = LocalDate.ofInstant(approved.occurredAt(), ZoneOffset.UTC);
        PublishedCmc cmc = new PublishedCmc(approved.cmcId(), kcdbId, code.toString(), code.version(),
                PublicationStatus.PUBLISHED, today, approvalDate, today, approved.institute(), approved.country(),
                approved.rmo(), approved.content(), now);
        CmcPublished event = new CmcPublished(UUID.randomUUID(), now, CmcPublished.SCHEMA_VERSION, approved.cmcId(),
                code.toString(), code.version(), approved.institute(), approved.country(), approved.rmo(),
                approved.content().metrologyAreaLabel(), today);
        return new Publication(cmc, event);
    }

    public record Publication(PublishedCmc cmc, CmcPublished event) {
    }
}
