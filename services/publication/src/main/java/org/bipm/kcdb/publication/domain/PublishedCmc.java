package org.bipm.kcdb.publication.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcArchived;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcGreyedOut;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.CmcRestored;
import org.bipm.kcdb.support.domain.Outcome;

/**
 * A CMC as the KCDB publishes it. The KCDB office greys a published CMC out (still listed, not offered for now),
 * restores it, or deletes it; a newer version archives it. Each change is an event for the RMOs' systems.
 *
 * <p>{@code asPublished} is, for a record migrated from today's KCDB, the record as the KCDB published it (its JSON,
 * without the status and status date this platform now keeps, and without the uncertainty tables, which the content
 * holds): the public API answers it field for field, institute names and identifiers, service link, group identifier
 * and classification names included. Null for what the platform published itself.
 */
public record PublishedCmc(String cmcId, long kcdbId, String kcdbCode, int kcdbVersion, PublicationStatus status,
                           LocalDate statusDate, LocalDate approvalDate, LocalDate publicationDate, String institute,
                           String country, String rmo, CmcContent content, Instant publishedAt, String asPublished) {

    public PublishedCmc(String cmcId, long kcdbId, String kcdbCode, int kcdbVersion, PublicationStatus status,
                        LocalDate statusDate, LocalDate approvalDate, LocalDate publicationDate, String institute,
                        String country, String rmo, CmcContent content, Instant publishedAt) {
        this(cmcId, kcdbId, kcdbCode, kcdbVersion, status, statusDate, approvalDate, publicationDate, institute,
                country, rmo, content, publishedAt, null);
    }

    private static final Set<PublicationStatus> RESTORABLE = EnumSet.of(PublicationStatus.GREYED_OUT,
            PublicationStatus.DELETED);
    private static final Set<PublicationStatus> CURRENT = EnumSet.of(PublicationStatus.PUBLISHED,
            PublicationStatus.GREYED_OUT);

    public Outcome<PublishedCmc> greyOut(String by, String reason, Instant now) {
        require(EnumSet.of(PublicationStatus.PUBLISHED), "grey out");
        PublishedCmc next = withStatus(PublicationStatus.GREYED_OUT, now);
        return Outcome.of(next, new CmcGreyedOut(UUID.randomUUID(), now, CmcGreyedOut.SCHEMA_VERSION, cmcId,
                kcdbCode, institute, country, rmo, content.metrologyAreaLabel(), next.statusDate, by, reason));
    }

    /** Back to published, from greyed out or deleted; an archived version stays archived (a newer one exists). */
    public Outcome<PublishedCmc> restore(String by, String reason, Instant now) {
        require(RESTORABLE, "restore");
        PublishedCmc next = withStatus(PublicationStatus.PUBLISHED, now);
        return Outcome.of(next, new CmcRestored(UUID.randomUUID(), now, CmcRestored.SCHEMA_VERSION, cmcId, kcdbCode,
                institute, country, rmo, content.metrologyAreaLabel(), next.statusDate, by, reason));
    }

    public Outcome<PublishedCmc> delete(String by, String reason, Instant now) {
        require(CURRENT, "delete");
        PublishedCmc next = withStatus(PublicationStatus.DELETED, now);
        return Outcome.of(next, new CmcDeleted(UUID.randomUUID(), now, CmcDeleted.SCHEMA_VERSION, cmcId, kcdbCode,
                institute, country, rmo, content.metrologyAreaLabel(), next.statusDate, by, reason));
    }

    /** A newer version of the CMC is published: this one becomes history. */
    public Outcome<PublishedCmc> archive(KcdbCode successor, Instant now) {
        require(CURRENT, "archive");
        PublishedCmc next = withStatus(PublicationStatus.ARCHIVED, now);
        return Outcome.of(next, new CmcArchived(UUID.randomUUID(), now, CmcArchived.SCHEMA_VERSION, cmcId, kcdbCode,
                institute, country, rmo, content.metrologyAreaLabel(), next.statusDate, successor.toString()));
    }

    private void require(Set<PublicationStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new IllegalPublicationTransition(kcdbCode, status, action);
        }
    }

    private PublishedCmc withStatus(PublicationStatus next, Instant now) {
        return new PublishedCmc(cmcId, kcdbId, kcdbCode, kcdbVersion, next, LocalDate.ofInstant(now, ZoneOffset.UTC),
                approvalDate, publicationDate, institute, country, rmo, content, publishedAt, asPublished);
    }


    /** Publishes an approved CMC under a freshly allocated code; returns the record and its event. */
    public static Outcome<PublishedCmc> publish(CmcApproved approved, KcdbCode code, long kcdbId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate approvalDate = LocalDate.ofInstant(approved.occurredAt(), ZoneOffset.UTC);
        PublishedCmc cmc = new PublishedCmc(approved.cmcId(), kcdbId, code.toString(), code.version(),
                PublicationStatus.PUBLISHED, today, approvalDate, today, approved.institute(), approved.country(),
                approved.rmo(), approved.content(), now);
        CmcPublished event = new CmcPublished(UUID.randomUUID(), now, CmcPublished.SCHEMA_VERSION, approved.cmcId(),
                code.toString(), code.version(), approved.institute(), approved.country(), approved.rmo(),
                approved.content().metrologyAreaLabel(), today);
        return Outcome.of(cmc, event);
    }

    /**
     * The announcement that this record, published by the KCDB before the platform, now lives here, so that its
     * institute can modify it or ask for its deletion; none for an archived version, which nobody changes.
     */
    public java.util.Optional<CmcMigrated> migrated(Instant now) {
        return status == PublicationStatus.ARCHIVED ? java.util.Optional.empty()
                : java.util.Optional.of(new CmcMigrated(UUID.randomUUID(), now, CmcMigrated.SCHEMA_VERSION, cmcId,
                        kcdbCode, kcdbVersion, status.label(), institute, country, rmo, publicationDate, content));
    }

    /** The dot-joined service, sub-service and individual-service labels ("1.2.1"); empty outside physics. */
    public String physicsCode() {
        StringBuilder code = new StringBuilder();
        for (String part : new String[] {content.serviceLabel(), content.subServiceLabel(),
                content.individualServiceLabel()}) {
            if (part != null && !part.isBlank()) {
                code.append(code.isEmpty() ? "" : ".").append(part);
            }
        }
        return code.toString();
    }

    /**
     * "PR/Photo-1.2.1" (API 1.0.13) for physics, "QM-5.1" for chemistry and biology, "RI/RAD-1.3.2" for ionizing
     * radiation (the radiation code without its leading branch number); null when unclassified.
     */
    public String kcdbServiceCategory() {
        if ("RADIATION".equals(content.domainCode())) {
            String code = content.radiationCode();
            int dot = code == null ? -1 : code.indexOf('.');
            return content.branchLabel() == null || dot < 0 ? null
                    : content.metrologyAreaLabel() + "/" + content.branchLabel() + "-" + code.substring(dot + 1);
        }
        if ("PHYSICS".equals(content.domainCode())) {
            return content.branchLabel() == null ? null : content.branchLabel() + "-" + physicsCode();
        }
        if ("CHEM-BIO".equals(content.domainCode()) && content.categoryLabel() != null) {
            return content.metrologyAreaLabel() + "-" + content.categoryLabel()
                    + (content.subCategoryLabel() == null ? "" : "." + content.subCategoryLabel());
        }
        return null;
    }
}
