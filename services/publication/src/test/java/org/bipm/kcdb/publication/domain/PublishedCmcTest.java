package org.bipm.kcdb.publication.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcArchived;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcGreyedOut;
import org.bipm.kcdb.events.CmcRestored;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.support.domain.Outcome;
import org.junit.jupiter.api.Test;

class PublishedCmcTest {

    static final Instant PUBLISHED_AT = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant LATER = Instant.parse("2026-11-23T10:00:00Z");
    static final KcdbCode CODE = KcdbCode.parse("EURAMET-EM-DE-0000001A-1").orElseThrow();

    final PublishedCmc cmc = PublishedCmc.publish(new CmcApproved(UUID.randomUUID(), PUBLISHED_AT, 1, "cmc-1", "r-1",
            "PTB", "DE", "EURAMET", "chair.euramet", null, new CmcContent("PHYSICS", "EM", "EM/DC", "1", "1", "1",
            "DC voltage", "Zener", "Josephson", List.of(), new Range(1.0, 10.0, "V"), new Range(0.05, 0.5, "µV/V"),
            null, null, "Relative", 2.0, 95.0, "PTB", null, "PTB-1", List.of(), "QMS")), CODE, 7, PUBLISHED_AT)
            .aggregate();

    @Test
    void theOfficeGreysOutAndRestoresAPublishedCmcTellingWhoAndWhy() {
        Outcome<PublishedCmc> greyed = cmc.greyOut("kcdb.office", "QMS review overdue", LATER);
        assertThat(greyed.aggregate().status()).isEqualTo(PublicationStatus.GREYED_OUT);
        assertThat(greyed.aggregate().statusDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(greyed.aggregate().publicationDate()).as("unchanged").isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(greyed.event()).isInstanceOfSatisfying(CmcGreyedOut.class, e -> {
            assertThat(e.kcdbCode()).isEqualTo("EURAMET-EM-DE-0000001A-1");
            assertThat(e.by()).isEqualTo("kcdb.office");
            assertThat(e.reason()).isEqualTo("QMS review overdue");
            assertThat(e.metrologyAreaLabel()).isEqualTo("EM");
        });
        Outcome<PublishedCmc> restored = greyed.aggregate().restore("kcdb.office", null, LATER.plusSeconds(86_400));
        assertThat(restored.aggregate().status()).isEqualTo(PublicationStatus.PUBLISHED);
        assertThat(restored.event()).isInstanceOf(CmcRestored.class);
    }

    @Test
    void aDeletedCmcCanBeRestoredButNotDeletedAgain() {
        PublishedCmc deleted = cmc.delete("kcdb.office", "Service discontinued", LATER).aggregate();
        assertThat(deleted.status()).isEqualTo(PublicationStatus.DELETED);
        assertThat(cmc.delete("kcdb.office", null, LATER).event()).isInstanceOf(CmcDeleted.class);
        assertThatThrownBy(() -> deleted.delete("kcdb.office", null, LATER))
                .isInstanceOfSatisfying(IllegalPublicationTransition.class,
                        e -> assertThat(e.current()).isEqualTo(PublicationStatus.DELETED));
        assertThatThrownBy(() -> deleted.greyOut("kcdb.office", null, LATER))
                .isInstanceOf(IllegalPublicationTransition.class);
        assertThat(deleted.restore("kcdb.office", "Deleted by mistake", LATER).aggregate().status())
                .isEqualTo(PublicationStatus.PUBLISHED);
    }

    @Test
    void aNewerVersionArchivesThisOneForGood() {
        Outcome<PublishedCmc> archived = cmc.archive(CODE.nextVersion(), LATER);
        assertThat(archived.aggregate().status()).isEqualTo(PublicationStatus.ARCHIVED);
        assertThat(archived.event()).isInstanceOfSatisfying(CmcArchived.class,
                e -> assertThat(e.supersededBy()).isEqualTo("EURAMET-EM-DE-0000001A-2"));
        for (Runnable illegal : List.<Runnable>of(
                () -> archived.aggregate().restore("kcdb.office", null, LATER),
                () -> archived.aggregate().greyOut("kcdb.office", null, LATER),
                () -> archived.aggregate().delete("kcdb.office", null, LATER),
                () -> archived.aggregate().archive(CODE.nextVersion().nextVersion(), LATER))) {
            assertThatThrownBy(illegal::run).isInstanceOf(IllegalPublicationTransition.class)
                    .hasMessageContaining("it is Archived");
        }
        assertThat(cmc.greyOut("kcdb.office", null, LATER).aggregate().archive(CODE.nextVersion(), LATER).aggregate()
                .status())
                .as("a greyed-out version is superseded too").isEqualTo(PublicationStatus.ARCHIVED);
    }
}
