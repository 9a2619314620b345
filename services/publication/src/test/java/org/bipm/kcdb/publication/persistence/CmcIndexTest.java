package org.bipm.kcdb.publication.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.domain.InvalidKeywords;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.test.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CmcIndexTest {

    static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    CmcIndex index;

    @BeforeEach
    void fill() {
        index = new CmcIndex(ReferenceData.kcdb());
        index.putAll(List.of(
                indexed(Cmcs.mslIlluminance()),
                indexed(Cmcs.ptbAcCurrent("cmc-ptb-1", 9001, "EURAMET-EM-DE-00000C03-1", PublicationStatus.ARCHIVED,
                        "2019-05-01")),
                indexed(Cmcs.ptbAcCurrent("cmc-ptb-2", 9002, "EURAMET-EM-DE-00000C03-2", PublicationStatus.PUBLISHED,
                        "2023-02-10")),
                indexed(Cmcs.nmijAntimony()),
                indexed(Cmcs.nmijCr51())));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    static CmcIndex.Indexed indexed(PublishedCmc cmc) {
        return new CmcIndex.Indexed(cmc.cmcId(), cmc, 1, LONG_AGO);
    }

    List<String> codes(CmcQuery query) {
        return index.search(query, 0, 100, false).records().stream().map(PublishedCmc::kcdbCode).toList();
    }

    List<String> keywords(String keywords) {
        return codes(CmcQuery.of(PublicationStatus.PUBLISHED, keywords));
    }

    /**
     * A burst written without waiting (the consumer's publications) becomes searchable by itself, at the latest the
     * refresh interval after the writes, without anyone asking for a reopen.
     */
    @Test
    void aBurstWrittenWithoutWaitingIsSearchableWithinTheRefreshInterval() {
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String code = "EURAMET-EM-DE-" + String.format("%08d", 100 + i) + "-1";
            burst.add(code);
            index.putSoon(indexed(Cmcs.ptbAcCurrent("cmc-burst-" + i, 9100 + i, code, PublicationStatus.PUBLISHED,
                    "2024-01-01")));
        }
        Eventually.await("the burst in the index", () ->
                burst.stream().allMatch(code -> index.byCode(code).isPresent()) ? burst : null);
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, "\"AC current\""))).containsAll(burst)
                .doesNotHaveDuplicates();
    }

    @Test
    void keywordsFollowTheOriginalsQueryStringSyntax() {
        assertThat(keywords("Illuminance AND meter")).containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("illuminance meter")).as("terms without operator must all occur")
                .containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("illuminance thermal")).isEmpty();
        assertThat(keywords("illuminance OR antimony")).containsExactly("APMP-PR-NZ-00000624-1",
                "APMP-QM-JP-000001GZ-2");
        assertThat(keywords("phase OR multichannel OR water")).as("PTB's comment says water-cooled")
                .containsExactly("EURAMET-EM-DE-00000C03-2", "APMP-RI-JP-00000HSE-1");
        assertThat(keywords("NMIJ NOT antimony")).containsExactly("APMP-RI-JP-00000HSE-1");
        assertThat(keywords("NOT NMIJ")).containsExactly("APMP-PR-NZ-00000624-1", "EURAMET-EM-DE-00000C03-2");
        assertThat(keywords("\"tungsten source\"")).containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("\"source tungsten\"")).as("a phrase keeps its word order").isEmpty();
        assertThat(keywords("(antimony OR \"AC current\") AND NOT Germany")).containsExactly("APMP-QM-JP-000001GZ-2");
        assertThat(keywords("illumin*")).containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("-antimony +NMIJ")).containsExactly("APMP-RI-JP-00000HSE-1");
    }

    @Test
    void keywordsFindCodesNamesAndClassification() {
        assertThat(keywords("APMP-PR-NZ-00000624-1")).containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("PR/Photo")).as("a branch label, slash and all").containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("Photometry")).as("the branch's name").containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("\"New Zealand\"")).as("the country's name").containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("\"Measurement Standards Laboratory\"")).as("the institute's name")
                .containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("\"Correlated colour temperature\"")).as("a parameter")
                .containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(keywords("Cr-51")).containsExactly("APMP-RI-JP-00000HSE-1");
        assertThat(keywords("LC-IDMS/MS")).as("the measurement technique").containsExactly("APMP-QM-JP-000001GZ-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(illuminance", "\"tungsten source", "illuminance AND", "OR", "meter)", "NOT", "instrument:"})
    void badKeywordSyntaxIsRejectedNotGuessed(String keywords) {
        assertThatThrownBy(() -> keywords(keywords)).isInstanceOf(InvalidKeywords.class);
    }

    @Test
    void keywordsTooComplexToMatchAreRejectedNotFailed() {
        assertThatThrownBy(() -> keywords("a*".repeat(2000) + "b")).isInstanceOf(InvalidKeywords.class);
        assertThatThrownBy(() -> keywords("*a?".repeat(500) + "*b*c")).isInstanceOf(InvalidKeywords.class);
        assertThatThrownBy(() -> keywords("illumin~2 " + "a*b?c*d?".repeat(300))).isInstanceOf(InvalidKeywords.class);
    }

    @Test
    void changedSinceAtTheEdgesOfTimeSelectsAllOrNothing() {
        List<String> all = codes(CmcQuery.of(PublicationStatus.PUBLISHED, null));
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).changedSince(Instant.MIN))).isEqualTo(all);
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null)
                .changedSince(Instant.parse("-999999999-01-01T00:00:00Z")))).isEqualTo(all);
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null)
                .changedSince(Instant.parse("0000-01-01T00:00:00Z")))).isEqualTo(all);
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).changedSince(Instant.MAX))).isEmpty();
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null)
                .changedSince(Instant.parse("+999999999-12-31T23:59:59Z")))).isEmpty();
    }

    @Test
    void statusSelectsTheVersionsShown() {
        assertThat(codes(CmcQuery.of(PublicationStatus.ARCHIVED, null))).containsExactly("EURAMET-EM-DE-00000C03-1");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, "thermal")))
                .containsExactly("EURAMET-EM-DE-00000C03-2");
        assertThat(codes(CmcQuery.of(PublicationStatus.DELETED, null))).isEmpty();
    }

    @Test
    void everyExactFilterSelectsCaseInsensitively() {
        Map<CmcQuery.Field, String> expectations = Map.ofEntries(
                Map.entry(CmcQuery.Field.DOMAIN, "physics"),
                Map.entry(CmcQuery.Field.AREA, "PR"),
                Map.entry(CmcQuery.Field.BRANCH, "pr/photo"),
                Map.entry(CmcQuery.Field.SERVICE, "1"),
                Map.entry(CmcQuery.Field.SUB_SERVICE, "2"),
                Map.entry(CmcQuery.Field.INDIVIDUAL_SERVICE, "1"),
                Map.entry(CmcQuery.Field.PHYSICS_CODE, "1.2.1"));
        CmcQuery all = CmcQuery.of(PublicationStatus.PUBLISHED, null);
        expectations.forEach(all::where);
        assertThat(codes(all)).containsExactly("APMP-PR-NZ-00000624-1");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.PHYSICS_CODE, "6.1.1")))
                .containsExactly("EURAMET-EM-DE-00000C03-2");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.CATEGORY, "1")
                .where(CmcQuery.Field.ANALYTE, "Antimony"))).containsExactly("APMP-QM-JP-000001GZ-2");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.ANALYTE, "boron")))
                .isEmpty();
        for (String quantity : List.of("Activity", "1")) {
            assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.BRANCH, "RAD")
                    .where(CmcQuery.Field.QUANTITY, quantity))).as("quantity " + quantity)
                    .containsExactly("APMP-RI-JP-00000HSE-1");
        }
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.MEDIUM, "3")
                .where(CmcQuery.Field.SOURCE, "Multi-radionuclide source").where(CmcQuery.Field.NUCLIDE, "cr-51")))
                .containsExactly("APMP-RI-JP-00000HSE-1");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).where(CmcQuery.Field.MEDIUM, "Graphite")))
                .isEmpty();
    }

    @Test
    void countriesAndPublicationDatesNarrowTheSearch() {
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null).inCountries(List.of("CH", "nz", "DE"))))
                .containsExactly("APMP-PR-NZ-00000624-1", "EURAMET-EM-DE-00000C03-2");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null)
                .publishedBetween(LocalDate.parse("2002-01-31"), LocalDate.parse("2020-06-30"))))
                .containsExactly("APMP-PR-NZ-00000624-1", "APMP-RI-JP-00000HSE-1");
        assertThat(codes(CmcQuery.of(PublicationStatus.PUBLISHED, null)
                .publishedBetween(LocalDate.parse("2021-01-12"), null))).as("both ends are inclusive")
                .containsExactly("EURAMET-EM-DE-00000C03-2", "APMP-QM-JP-000001GZ-2");
    }

    @Test
    void pagesWalkToTheEndInKcdbOrder() {
        List<CmcIndex.Indexed> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(indexed(Cmcs.ptbAcCurrent("bulk-" + i, 100 + i, "EURAMET-EM-DE-0000B" + (100 + i) + "-1",
                    PublicationStatus.PUBLISHED, "2024-01-01")));
        }
        index.putAll(many);
        CmcQuery query = CmcQuery.of(PublicationStatus.PUBLISHED, "thermal");
        List<Long> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            SearchPage found = index.search(query, page, 10, false);
            assertThat(found.totalElements()).isEqualTo(26);
            if (found.records().isEmpty()) {
                assertThat(page).isEqualTo(3);
                break;
            }
            found.records().forEach(r -> seen.add(r.kcdbId()));
        }
        assertThat(seen).hasSize(26).isSorted().doesNotHaveDuplicates();
        assertThat(index.search(query, 1000, 10_000, false).records()).isEmpty();
    }

    @Test
    void quickFiltersCountTheMatchesAndSelectByNameOrLabel() {
        SearchPage all = index.search(CmcQuery.of(PublicationStatus.PUBLISHED, null), 0, 1, true);
        assertThat(all.totalElements()).isEqualTo(4);
        assertThat(all.records()).hasSize(1);
        assertThat(all.facets().get(QuickFilter.DOMAIN)).containsExactly(Map.entry("PHYSICS", 2),
                Map.entry("CHEM-BIO", 1), Map.entry("RADIATION", 1));
        assertThat(all.facets().get(QuickFilter.RMO)).containsExactly(Map.entry("APMP", 3), Map.entry("EURAMET", 1));
        assertThat(all.facets().get(QuickFilter.COUNTRIES)).containsExactly(Map.entry("Japan", 2),
                Map.entry("Germany", 1), Map.entry("New Zealand", 1));
        assertThat(all.facets().get(QuickFilter.BRANCHES)).containsEntry("Photometry", 1)
                .containsEntry("AC voltage, current, and power", 1).containsEntry("Radioactivity", 1);
        assertThat(all.facets().get(QuickFilter.SERVICES)).containsOnlyKeys("Photometry", "AC current");
        assertThat(all.facets().get(QuickFilter.MATERIAL)).containsExactly(Map.entry("high purity antimony", 1));

        CmcQuery included = CmcQuery.of(PublicationStatus.PUBLISHED, null).including(List.of(
                QuickFilter.Selection.parse("cmcBranches.Photometry").orElseThrow(),
                QuickFilter.Selection.parse("cmcBranches.EM/AC").orElseThrow()));
        assertThat(codes(included)).as("values of one group: any").containsExactly("APMP-PR-NZ-00000624-1",
                "EURAMET-EM-DE-00000C03-2");
        included.including(List.of(QuickFilter.Selection.parse("cmcCountries.NZ").orElseThrow()));
        assertThat(codes(included)).as("across groups: all").containsExactly("APMP-PR-NZ-00000624-1");
        CmcQuery excluded = CmcQuery.of(PublicationStatus.PUBLISHED, null).excluding(List.of(
                QuickFilter.Selection.parse("cmcDomain.PHYSICS").orElseThrow(),
                QuickFilter.Selection.parse("cmcCountries.Germany").orElseThrow()));
        assertThat(codes(excluded)).containsExactly("APMP-QM-JP-000001GZ-2", "APMP-RI-JP-00000HSE-1");
        assertThat(index.search(excluded, 0, 10, true).facets().get(QuickFilter.DOMAIN))
                .containsOnlyKeys("CHEM-BIO", "RADIATION");
    }

    /**
     * The counts of a search are remembered until the index next shows a write: the same search right after a
     * publication, a burst written without waiting, or a status change counts and lists what changed.
     */
    @Test
    void aRepeatedSearchCountsAndListsEveryWriteOnceItIsVisible() {
        CmcQuery acCurrent = CmcQuery.of(PublicationStatus.PUBLISHED, "\"AC current\"");
        SearchPage before = index.search(acCurrent, 0, 10, true);
        assertThat(index.search(acCurrent, 0, 10, true)).isEqualTo(before);
        assertThat(before.totalElements()).isEqualTo(1);

        index.put(indexed(Cmcs.ptbAcCurrent("cmc-ptb-3", 9003, "EURAMET-EM-DE-00000C04-1", PublicationStatus.PUBLISHED,
                "2024-03-01")));
        SearchPage published = index.search(acCurrent, 0, 10, true);
        assertThat(published.totalElements()).isEqualTo(2);
        assertThat(published.facets().get(QuickFilter.COUNTRIES)).containsExactly(Map.entry("Germany", 2));
        assertThat(published.records()).extracting(PublishedCmc::kcdbCode).containsExactly(
                "EURAMET-EM-DE-00000C03-2", "EURAMET-EM-DE-00000C04-1");

        index.putSoon(indexed(Cmcs.ptbAcCurrent("cmc-ptb-4", 9004, "EURAMET-EM-DE-00000C05-1",
                PublicationStatus.PUBLISHED, "2024-03-02")));
        Eventually.await("the write nobody waited for, counted", () ->
                index.search(acCurrent, 0, 10, true).totalElements() == 3 ? true : null);
        assertThat(index.search(acCurrent, 0, 10, true).facets().get(QuickFilter.RMO))
                .containsExactly(Map.entry("EURAMET", 3));

        PublishedCmc greyed = Cmcs.ptbAcCurrent("cmc-ptb-3", 9003, "EURAMET-EM-DE-00000C04-1",
                PublicationStatus.GREYED_OUT, "2024-03-01");
        index.put(new CmcIndex.Indexed(greyed.cmcId(), greyed, 2, Instant.now()));
        SearchPage after = index.search(acCurrent, 0, 10, true);
        assertThat(after.totalElements()).isEqualTo(2);
        assertThat(after.facets().get(QuickFilter.COUNTRIES)).containsExactly(Map.entry("Germany", 2));
        assertThat(after.records()).extracting(PublishedCmc::kcdbCode).containsExactly(
                "EURAMET-EM-DE-00000C03-2", "EURAMET-EM-DE-00000C05-1");
        assertThat(index.search(acCurrent, 1, 1, false).records()).extracting(PublishedCmc::kcdbCode)
                .containsExactly("EURAMET-EM-DE-00000C05-1");
    }

    /**
     * Between two refreshes a typical page is collected once and then answered as it was (the web layer writes its
     * JSON once per page object); a write makes the next search collect it anew, and a long page (a download) is
     * always collected afresh.
     */
    @Test
    void aTypicalPageIsCollectedOncePerRefreshAndALongOneEachTime() {
        CmcQuery published = CmcQuery.of(PublicationStatus.PUBLISHED, null);
        SearchPage first = index.search(published, 0, 2, true);
        assertThat(index.search(published, 0, 2, true)).isSameAs(first);
        assertThat(index.search(published, 1, 2, true).records()).doesNotContainAnyElementsOf(first.records());
        assertThat(index.search(published, 0, 2, false).facets()).isEmpty();
        assertThat(index.search(published, 0, 3, true).records()).hasSize(3);

        SearchPage download = index.search(published, 0, 101, false);
        assertThat(index.search(published, 0, 101, false)).isNotSameAs(download).isEqualTo(download);

        index.put(indexed(Cmcs.ptbAcCurrent("cmc-ptb-5", 9005, "EURAMET-EM-DE-00000A01-1", PublicationStatus.PUBLISHED,
                "2024-03-01")));
        SearchPage afterTheWrite = index.search(published, 0, 2, true);
        assertThat(afterTheWrite).isNotSameAs(first);
        assertThat(afterTheWrite.totalElements()).isEqualTo(first.totalElements() + 1);
    }

    @Test
    void aNewerVersionReplacesTheRecordAndAnOlderOneIsIgnored() {
        PublishedCmc msl = Cmcs.mslIlluminance();
        PublishedCmc archived = new PublishedCmc(msl.cmcId(), msl.kcdbId(), msl.kcdbCode(), msl.kcdbVersion(),
                PublicationStatus.ARCHIVED, LocalDate.parse("2024-01-01"), msl.approvalDate(), msl.publicationDate(),
                msl.institute(), msl.country(), msl.rmo(), msl.content(), msl.publishedAt());
        Instant now = Instant.now();
        assertThat(index.putAll(List.of(new CmcIndex.Indexed(msl.cmcId(), archived, 2, now)))).isEqualTo(1);
        assertThat(keywords("illuminance")).isEmpty();
        assertThat(codes(CmcQuery.of(PublicationStatus.ARCHIVED, "illuminance"))).containsExactly(msl.kcdbCode());
        assertThat(index.putAll(List.of(new CmcIndex.Indexed(msl.cmcId(), msl, 1, LONG_AGO)))).isZero();
        assertThat(keywords("illuminance")).isEmpty();
        assertThat(index.size()).isEqualTo(5);
        assertThat(codes(CmcQuery.of(PublicationStatus.ARCHIVED, null).changedSince(now.minusMillis(1))))
                .containsExactly(msl.kcdbCode());
    }

    @Test
    void aCodeFindsItsRecordAndEveryVersion() {
        assertThat(index.byCode("EURAMET-EM-DE-00000C03-1")).get().extracting(PublishedCmc::status)
                .isEqualTo(PublicationStatus.ARCHIVED);
        assertThat(index.byCode("EURAMET-EM-DE-00000C03-9")).isEmpty();
        assertThat(index.versions("EURAMET-EM-DE-00000C03-2")).extracting(PublishedCmc::kcdbCode)
                .containsExactly("EURAMET-EM-DE-00000C03-1", "EURAMET-EM-DE-00000C03-2");
        assertThat(index.versions("APMP-PR-NZ-00000624-1")).hasSize(1);
    }
    /**
     * The KCDB office renames a country and a branch: once reindexed, records are counted, filtered and found by
     * keyword under the new names, no longer under the old ones, and the codes still select them.
     */
    @Test
    void renamedCountriesAndBranchesAreCountedFilteredAndSearchedByTheirNewNames() throws Exception {
        java.util.concurrent.atomic.AtomicReference<PublicNames> names =
                new java.util.concurrent.atomic.AtomicReference<>(PublicNames.seed(ReferenceData.kcdb()));
        try (CmcIndex renaming = new CmcIndex(names::get)) {
            renaming.putAll(List.of(indexed(Cmcs.mslIlluminance()), indexed(Cmcs.nmijAntimony())));
            names.set(PublicNames.of(ReferenceData.kcdb(), List.of(
                    new ReferenceChanges.Change("countries", "NZ",
                            Map.of("label", "NZ", "value", "Aotearoa New Zealand"), false),
                    new ReferenceChanges.Change("branches", "PR/Photo",
                            Map.of("label", "PR/Photo", "value", "Photometry and radiometry", "areaLabel", "PR"),
                            false))));
            assertThat(renaming.reindex()).isEqualTo(2);

            SearchPage all = renaming.search(CmcQuery.of(PublicationStatus.PUBLISHED, null), 0, 10, true);
            assertThat(all.facets().get(QuickFilter.COUNTRIES)).containsOnlyKeys("Aotearoa New Zealand", "Japan");
            assertThat(all.facets().get(QuickFilter.BRANCHES)).containsKey("Photometry and radiometry")
                    .doesNotContainKey("Photometry");
            for (String filter : List.of("cmcCountries.Aotearoa New Zealand", "cmcCountries.NZ",
                    "cmcBranches.Photometry and radiometry", "cmcBranches.PR/Photo")) {
                CmcQuery selected = CmcQuery.of(PublicationStatus.PUBLISHED, null)
                        .including(List.of(QuickFilter.Selection.parse(filter).orElseThrow()));
                assertThat(renaming.search(selected, 0, 10, false).records()).as(filter).singleElement()
                        .extracting(PublishedCmc::kcdbCode).isEqualTo("APMP-PR-NZ-00000624-1");
            }
            CmcQuery oldName = CmcQuery.of(PublicationStatus.PUBLISHED, null)
                    .including(List.of(QuickFilter.Selection.parse("cmcCountries.New Zealand").orElseThrow()));
            assertThat(renaming.search(oldName, 0, 10, false).records()).isEmpty();
            assertThat(renaming.search(CmcQuery.of(PublicationStatus.PUBLISHED, "Aotearoa"), 0, 10, false)
                    .records()).singleElement().extracting(PublishedCmc::kcdbCode).isEqualTo("APMP-PR-NZ-00000624-1");
        }
    }
}
