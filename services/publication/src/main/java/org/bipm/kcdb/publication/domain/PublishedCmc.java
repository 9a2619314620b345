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

    public record Publication(PublishedCmc cmc, CmcPublished event) {
    }
}
