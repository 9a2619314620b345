package org.bipm.kcdb.submission.messaging;

import java.util.function.Consumer;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcArchived;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.CmcRestored;
import org.bipm.kcdb.events.CmcRejected;
import org.bipm.kcdb.events.ReviewReturned;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.IntraRmoReviewApproved;
import org.bipm.kcdb.events.ReviewOpened;
import org.bipm.kcdb.submission.application.MigrationHandOver;
import org.bipm.kcdb.submission.application.StatusChanges;
import org.bipm.kcdb.submission.domain.CmcStatus;
import org.bipm.kcdb.support.messaging.EventHandlers;
import org.bipm.kcdb.support.messaging.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer's view of a CMC's status follows the review and publication services' events: intra-RMO review, the
 * inter-RMO review once the RMO's chair approved, returned, approved, rejected, published, archived (a modification
 * replaced it), deleted, restored. CMCs migrated from the KCDB become the institute's published CMCs here, a run
 * of a poll's announcements in one write (a migration sends tens of thousands of them in a row).
 */
@Configuration(proxyBeanMethods = false)
class StatusProjection {

    static final String CONSUMER = "submission";

    @Bean
    Consumer<Message<byte[]>> reviewEvents(StatusChanges cmcs, ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer(CONSUMER + ".reviews", processed, json)
                .<ReviewOpened>on(EventType.REVIEW_OPENED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.INTRA_RMO_REVIEW, "review", "review opened", e.occurredAt())))
                .<IntraRmoReviewApproved>on(EventType.REVIEW_INTRA_RMO_APPROVED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.INTER_RMO_REVIEW, e.approvedBy(),
                                "approved by " + e.rmo() + "; inter-RMO review by " + String.join(", ", e.askedRmos()),
                                e.occurredAt())))
                .<CmcApproved>on(EventType.CMC_APPROVED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.APPROVED, e.approvedBy(), "approved", e.occurredAt())))
                .<ReviewReturned>on(EventType.REVIEW_RETURNED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.RETURNED, e.returnedBy(), "returned: " + e.comment(),
                                e.occurredAt())))
                .<CmcRejected>on(EventType.CMC_REJECTED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.REJECTED, e.rejectedBy(), "rejected: " + e.comment(),
                                e.occurredAt())));
    }

    @Bean
    Consumer<Message<byte[]>> publicationEvents(StatusChanges cmcs, MigrationHandOver migration,
                                                ProcessedEvents processed, JsonMapper json) {
        return EventHandlers.forConsumer(CONSUMER + ".publications", processed, json)
                .<CmcPublished>on(EventType.CMC_PUBLISHED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.published(e.kcdbCode(), e.kcdbVersion(), "kcdb-office", e.occurredAt())))
                .<CmcMigrated>onIdempotentRun(EventType.CMC_MIGRATED, migration::adoptMigrated)
                .<CmcArchived>on(EventType.CMC_ARCHIVED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.ARCHIVED, "kcdb-office", "archived: superseded by "
                                + e.supersededBy(), e.occurredAt())))
                .<CmcDeleted>on(EventType.CMC_DELETED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.DELETED, e.by(), "deleted from the KCDB"
                                + (e.reason() == null ? "" : ": " + e.reason()), e.occurredAt())))
                .<CmcRestored>on(EventType.CMC_RESTORED, e -> cmcs.follow(e.cmcId(),
                        cmc -> cmc.follow(CmcStatus.PUBLISHED, e.by(), "restored in the KCDB", e.occurredAt())));
    }
}
