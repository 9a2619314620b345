package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bipm.kcdb.publication.application.KcdbSearch;
import org.bipm.kcdb.publication.domain.PublicationStatus;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.publication.persistence.CmcIndex;
import org.bipm.kcdb.publication.persistence.CmcQuery;
import org.bipm.kcdb.publication.persistence.Cmcs;
import org.bipm.kcdb.publication.persistence.ReferenceData;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.support.persistence.Versioned;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** The KCDB API as an existing KCDB client sees it: the original's requests, the original's answers. */
@KcdbComponentTest(properties = "kcdb.search.catch-up-interval=PT0.2S")
class KcdbApiTest extends KcdbServiceTest {

    static boolean seeded;

    @LocalServerPort
    int port;
    @Autowired
    AggregateStore<PublishedCmc> store;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    JsonMapper json;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "kcdb-api-test");
    }

    /** Written straight to the store, as another instance would: the index must catch up by itself. */
    @BeforeEach
    void seed() {
        http = TestHttp.client(port, Duration.ofSeconds(20));
        if (seeded) {
            return;
        }
        for (PublishedCmc cmc : List.of(Cmcs.mslIlluminance(),
                Cmcs.ptbAcCurrent("cmc-ptb-1", 9001, "EURAMET-EM-DE-00000C03-1", PublicationStatus.ARCHIVED,
                        "2019-05-01"),
                Cmcs.ptbAcCurrent("cmc-ptb-2", 9002, "EURAMET-EM-DE-00000C03-2", PublicationStatus.PUBLISHED,
                        "2023-02-10"),
                Cmcs.nmijAntimony(), Cmcs.nmijCr51())) {
            store.insert(cmc.cmcId(), cmc, List.of()).block();
        }
        awaitTotal("/api/kcdb/cmc/searchData/quickSearch", Map.of("pageSize", 1), 4);
        seeded = true;
    }

    Map<String, Object> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<
                        Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    void awaitTotal(String path, Map<String, Object> body, int total) {
        Instant deadline = Instant.now().plusSeconds(20);
        Object seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = post(path, body).get("totalElements");
            if (Integer.valueOf(total).equals(seen)) {
                return;
            }
            sleep(100);
        }
        assertThat(seen).isEqualTo(total);
    }

    @Test
    void thePhysicsSearchAnswersTheVerifiedKcdbRequestWithTheVerifiedRecord() {
        http.post().uri("/api/kcdb/cmc/searchData/physics").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"page":0,"pageSize":100,"showTable":true,"status":"Published","metrologyAreaLabel":"PR",
                 "branchLabel":"PR/Photo","keywords":"Illuminance AND meter","countries":["CH","FR","JP","NZ"],
                 "publicDateFrom":"2002-01-31","publicDateTo":"2020-06-30","physicsCode":"1.2.1",
                 "serviceLabel":"1","subServiceLabel":"2","individualServiceLabel":"1"}""").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.versionApiKcdb").isEqualTo("1.0.13")
                .jsonPath("$.pageNumber").isEqualTo(0)
                .jsonPath("$.pageSize").isEqualTo(100)
                .jsonPath("$.numberOfElements").isEqualTo(1)
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.totalPages").isEqualTo(1)
                .jsonPath("$.data[0].id").isEqualTo(7852)
                .jsonPath("$.data[0].kcdbCode").isEqualTo("APMP-PR-NZ-00000624-1")
                .jsonPath("$.data[0].status").isEqualTo("Published")
                .jsonPath("$.data[0].statusDate").isEqualTo("2012-11-29")
                .jsonPath("$.data[0].domainCode").isEqualTo("PHYSICS")
                .jsonPath("$.data[0].metrologyAreaLabel").isEqualTo("PR")
                .jsonPath("$.data[0].rmo").isEqualTo("APMP")
                .jsonPath("$.data[0].countryValue").isEqualTo("New Zealand")
                .jsonPath("$.data[0].nmiCode").isEqualTo("MSL")
                .jsonPath("$.data[0].nmiIdentifier").isEqualTo(117)
                .jsonPath("$.data[0].nmiName").isEqualTo("Measurement Standards Laboratory")
                .jsonPath("$.data[0].nmiRorIdentifier").isEqualTo("04022gq47")
                .jsonPath("$.data[0].nmiServiceCode").isEqualTo("MSLT.O.001, MSLT.O.016")
                .jsonPath("$.data[0].quantityValue").isEqualTo("Illuminance responsivity, tungsten source")
                .jsonPath("$.data[0].cmc.lowerLimit").isEmpty()
                .jsonPath("$.data[0].cmc.upperLimit").isEmpty()
                .jsonPath("$.data[0].cmc.unit").isEqualTo("A/lx, V/lx, reading/lx")
                .jsonPath("$.data[0].cmcUncertainty.lowerLimit").isEqualTo(3.0)
                .jsonPath("$.data[0].cmcUncertainty.upperLimit").isEqualTo(3.0)
                .jsonPath("$.data[0].cmcUncertainty.unit").isEqualTo("%")
                .jsonPath("$.data[0].cmcBaseUnit.unit").isEqualTo("X/lx")
                .jsonPath("$.data[0].confidenceLevel").isEqualTo(95.0)
                .jsonPath("$.data[0].coverageFactor").isEqualTo(2.3)
                .jsonPath("$.data[0].uncertaintyMode").isEqualTo("Relative")
                .jsonPath("$.data[0].branchLabel").isEqualTo("PR/Photo")
                .jsonPath("$.data[0].branchValue").isEqualTo("Photometry")
                .jsonPath("$.data[0].serviceValue").isEqualTo("Photometry")
                .jsonPath("$.data[0].subServiceValue").isEqualTo("Illuminance responsivity")
                .jsonPath("$.data[0].individualServiceValue").isEqualTo("Tungsten source")
                .jsonPath("$.data[0].physicsCode").isEqualTo("1.2.1")
                .jsonPath("$.data[0].kcdbServiceCategory").isEqualTo("PR/Photo-1.2.1")
                .jsonPath("$.data[0].instrument").isEqualTo("Illuminance meter")
                .jsonPath("$.data[0].instrumentMethod").isEqualTo("Standard lamp")
                .jsonPath("$.data[0].parameters[0].parameterName").isEqualTo("Illuminance")
                .jsonPath("$.data[0].parameters[0].parameterValue").isEqualTo("0.005 lx to 10 lx")
                .jsonPath("$.data[0].parameters[1].parameterName").isEqualTo("Correlated colour temperature")
                .jsonPath("$.data[0].parameters[1].parameterValue").isEqualTo("2700 K to 3000 K")
                .jsonPath("$.data[0].approvalDate").isEqualTo("2012-11-29")
                .jsonPath("$.data[0].publicationDate").isEqualTo("2012-11-29");
    }

    @Test
    void chemistryRecordsCarryTheirCrmBlockAndTheOriginalsMisspelling() {
        http.post().uri("/api/kcdb/cmc/searchData/chemistryAndBiology").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("metrologyAreaLabel", "QM", "categoryLabel", "1", "analyteLabel", "antimony",
                        "countries", List.of("JP"), "page", 0, "pageSize", 10))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.data[0].kcdbCode").isEqualTo("APMP-QM-JP-000001GZ-2")
                .jsonPath("$.data[0].approvalDate").isEqualTo("2017-08-30")
                .jsonPath("$.data[0].publicationDate").isEqualTo("2021-01-12")
                .jsonPath("$.data[0].categoryLabel").isEqualTo(1)
                .jsonPath("$.data[0].categoryValue").isEqualTo("High purity chemicals")
                .jsonPath("$.data[0].kcdbServiceCategory").isEqualTo("QM-1")
                .jsonPath("$.data[0].analyteValue").isEqualTo("antimony")
                .jsonPath("$.data[0].analyteMatrix").isEqualTo("high purity antimony")
                .jsonPath("$.data[0].measurmentTechnique")
                .isEqualTo("Liquid-solid extraction with SPE cleanup and bracketing LC-IDMS/MS")
                .jsonPath("$.data[0].measurementTechnique").doesNotExist()
                .jsonPath("$.data[0].mechanism").isEqualTo("NMIJ CRM 7202, NMIJ CRM 7203")
                .jsonPath("$.data[0].uncertaintyConvention").isEqualTo("Two")
                .jsonPath("$.data[0].cmcUncertainty.lowerLimit").isEqualTo(10.0)
                .jsonPath("$.data[0].cmcUncertainty.upperLimit").isEqualTo(1.0)
                .jsonPath("$.data[0].crm.unit").isEqualTo("mg/kg")
                .jsonPath("$.data[0].crmUncertainty.upperLimit").isEqualTo(0.2)
                .jsonPath("$.data[0].crmCoverageFactor").isEqualTo(2.0)
                .jsonPath("$.data[0].crmUncertaintyMode").isEqualTo("Absolute")
                .jsonPath("$.data[0].crmUncertaintyTable.tableContents").isEqualTo("<masked>")
                .jsonPath("$.data[0].nmiName").isEqualTo("National Metrology Institute of Japan")
                .jsonPath("$.data[0].physicsCode").doesNotExist();
    }

    @Test
    void radiationSearchesTakeLabelsAndAnswerTheRadiationCode() {
        http.post().uri("/api/kcdb/cmc/searchData/radiation").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("metrologyAreaLabel", "RI", "branchLabel", "RAD", "quantityLabel", "1",
                        "mediumLabel", "3", "sourceLabel", "2", "nuclideLabel", "Cr-51", "pageSize", 10))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.data[0].kcdbCode").isEqualTo("APMP-RI-JP-00000HSE-1")
                .jsonPath("$.data[0].branchLabel").isEqualTo("RAD")
                .jsonPath("$.data[0].branchValue").isEqualTo("Radioactivity")
                .jsonPath("$.data[0].quantityValue").isEqualTo("Activity")
                .jsonPath("$.data[0].sourceValue").isEqualTo("Multi-radionuclide source")
                .jsonPath("$.data[0].mediumValue").isEqualTo("Liquid")
                .jsonPath("$.data[0].nuclideValue").isEqualTo("Cr-51")
                .jsonPath("$.data[0].radiationCode").isEqualTo("2.1.3.2")
                .jsonPath("$.data[0].kcdbServiceCategory").isEqualTo("RI/RAD-1.3.2")
                .jsonPath("$.data[0].radiationSpecification")
                .isEqualTo("10 ml to 500 ml NMIJ/AIST standard cylindrical plastic bottle")
                .jsonPath("$.data[0].referenceStandard").isEqualTo("Comparison with the NMIJ/AIST standard source")
                .jsonPath("$.data[0].instrumentMethod").isEqualTo("Ge detector, multichannel analyzer")
                .jsonPath("$.data[0].internationalStandard").isEqualTo("ISO 8655-6");
        assertThat(post("/api/kcdb/cmc/searchData/radiation", Map.of("metrologyAreaLabel", "RI",
                "nuclideLabel", "Co-60")).get("totalElements")).isEqualTo(0);
        assertThat(post("/api/kcdb/cmc/searchData/physics", Map.of("keywords", "NMIJ"))
                .get("totalElements")).as("each domain search returns its own domain only").isEqualTo(0);
    }

    @Test
    void uncertaintyTablesAreMaskedUnlessShowTableIsSet() {
        Map<String, Object> body = Map.of("metrologyAreaLabel", "EM", "branchLabel", "EM/AC", "physicsCode", "6.1.1");
        http.post().uri("/api/kcdb/cmc/searchData/physics").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.data[0].uncertaintyTable.tableName").isEqualTo("AC-DC difference")
                .jsonPath("$.data[0].uncertaintyTable.tableRows").isEqualTo(2)
                .jsonPath("$.data[0].uncertaintyTable.tableContents").isEqualTo("<masked>")
                .jsonPath("$.data[0].uncertaintyEquation.equation").isEqualTo("U = 2 µA/A + 0.1 µA");
        http.post().uri("/api/kcdb/cmc/searchData/physics").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("metrologyAreaLabel", "EM", "physicsCode", "6.1.1", "showTable", true))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.data[0].uncertaintyTable.tableContents")
                .isEqualTo("{\"row_1\":{\"col_1\":\"10 Hz\",\"col_2\":\"40 µA/A\"}}");
    }

    @Test
    void statusSelectsArchivedVersionsAndACodeShowsItsVersionHistory() {
        Map<String, Object> archived = post("/api/kcdb/cmc/searchData/physics",
                Map.of("metrologyAreaLabel", "EM", "status", "Archived"));
        assertThat(archived.get("totalElements")).isEqualTo(1);
        http.get().uri("/api/kcdb/cmc/EURAMET-EM-DE-00000C03-2").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kcdbCode").isEqualTo("EURAMET-EM-DE-00000C03-2")
                .jsonPath("$.uncertaintyTable.tableContents").value(v -> assertThat(v).isNotEqualTo("<masked>"))
                .jsonPath("$.versions.length()").isEqualTo(2)
                .jsonPath("$.versions[0].kcdbCode").isEqualTo("EURAMET-EM-DE-00000C03-1")
                .jsonPath("$.versions[0].status").isEqualTo("Archived")
                .jsonPath("$.versions[1].status").isEqualTo("Published");
        http.get().uri("/api/kcdb/cmc/APMP-PR-NZ-00000624-1").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.versions").doesNotExist();
        http.get().uri("/api/kcdb/cmc/APMP-PR-NZ-00000624-7").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void quickSearchCountsAggregationsAndFiltersLikeTheOriginal() {
        Map<String, Object> apmp = post("/api/kcdb/cmc/searchData/quickSearch",
                Map.of("includedFilters", List.of("cmcRmo.APMP"), "pageSize", 2));
        assertThat(apmp.get("totalElements")).isEqualTo(3);
        assertThat(apmp.get("totalPages")).isEqualTo(2);
        assertThat((List<?>) apmp.get("data")).hasSize(2);
        assertThat((List<Object>) apmp.get("aggregations")).containsExactly(
                Map.of("name", "cmcRmo", "values", List.of("APMP")),
                Map.of("name", "cmcCountries", "values", List.of("Japan", "New Zealand")));
        List<Map<String, Object>> filters = (List<Map<String, Object>>) apmp.get("filtersList");
        assertThat(filters).extracting(f -> f.get("code")).containsExactly("cmcDomain", "cmcBranches", "cmcServices",
                "cmcMaterial");
        Map<String, Object> domain = filters.get(0);
        assertThat(domain.get("count")).isEqualTo(3);
        assertThat(domain.get("order")).isEqualTo(0);
        assertThat((List<Object>) domain.get("children")).containsExactly(
                Map.of("code", "cmcDomain.CHEM-BIO", "name", "CHEM-BIO", "count", 1, "order", 0, "children", List.of()),
                Map.of("code", "cmcDomain.PHYSICS", "name", "PHYSICS", "count", 1, "order", 1, "children", List.of()),
                Map.of("code", "cmcDomain.RADIATION", "name", "RADIATION", "count", 1, "order", 2,
                        "children", List.of()));

        Map<String, Object> narrowed = post("/api/kcdb/cmc/searchData/quickSearch",
                Map.of("includedFilters", List.of("cmcRmo.APMP"), "excludedFilters", List.of("cmcDomain.CHEM-BIO",
                        "cmcCountries.New Zealand"), "keywords", "NMIJ OR MSL"));
        assertThat(narrowed.get("totalElements")).isEqualTo(1);
        assertThat(((Map<?, ?>) ((List<?>) narrowed.get("data")).get(0)).get("kcdbCode"))
                .isEqualTo("APMP-RI-JP-00000HSE-1");
    }

    @Test
    void pagingWalksEveryPhysicsRecordToTheEnd() {
        List<Object> seen = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            Map<String, Object> result = post("/api/kcdb/cmc/searchData/physics",
                    Map.of("page", page, "pageSize", 1, "status", "Published", "publicDateTo", "2024-12-31"));
            assertThat(result.get("pageNumber")).isEqualTo(page);
            if (((Number) result.get("numberOfElements")).intValue() == 0) {
                break;
            }
            assertThat(result.get("totalPages")).isEqualTo(2);
            seen.add(((Map<?, ?>) ((List<?>) result.get("data")).get(0)).get("id"));
        }
        assertThat(seen).containsExactly(7852, 9002);
    }

    @Test
    void badInputIsA400ProblemThatNamesTheFieldNeverA500() {
        http.post().uri("/api/kcdb/cmc/searchData/physics").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"page\":").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").isEqualTo("https://kcdb.bipm.org/problems/unreadable-request");
        badRequest("/api/kcdb/cmc/searchData/physics", "{\"pageSize\": 10001}", "pageSize");
        badRequest("/api/kcdb/cmc/searchData/physics", "{\"status\": \"Withdrawn\"}", "status");
        badRequest("/api/kcdb/cmc/searchData/physics", "{\"keywords\": \"(illuminance AND meter\"}", "keywords");
        badRequest("/api/kcdb/cmc/searchData/radiation", "{\"keywords\": \"\\\"Co-60\"}", "keywords");
        badRequest("/api/kcdb/cmc/searchData/chemistryAndBiology", "{\"countries\": [\"Invalid\"]}", "countries[0]");
        badRequest("/api/kcdb/cmc/searchData/physics", "{\"publicDateFrom\": \"31/01/2002\"}", "publicDateFrom");
        badRequest("/api/kcdb/cmc/searchData/physics", "{\"nuclideLabel\": \"Co-60\"}", "nuclideLabel");
        badRequest("/api/kcdb/cmc/searchData/quickSearch", "{\"includedFilters\": [\"cmcColour.red\"]}",
                "includedFilters[0]");
        badRequest("/api/kcdb/cmc/searchData/quickSearch?changedSince=yesterday", "{}", "changedSince");
        http.get().uri("/api/kcdb/referenceData/metrologyArea?domainCode=BIOLOGY").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("domainCode");
        http.get().uri("/api/kcdb/referenceData/branch?areaId=seven").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    void badRequest(String path, String json, String field) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void aCmcWrittenByAnotherInstanceIsFoundAfterTheCatchUpAndChangedSinceSyncsIt() {
        Instant before = Instant.now();
        PublishedCmc later = Cmcs.ptbAcCurrent("cmc-ptb-later", 9500, "EURAMET-EM-DE-00000D77-1",
                PublicationStatus.PUBLISHED, LocalDate.now().toString());
        store.insert(later.cmcId(), later, List.of()).block();
        awaitTotal("/api/kcdb/cmc/searchData/physics", Map.of("keywords", "00000D77"), 1);
        Map<String, Object> changed = post("/api/kcdb/cmc/searchData/quickSearch?changedSince=" + before, Map.of());
        assertThat(changed.get("totalElements")).isEqualTo(1);
        assertThat(((Map<?, ?>) ((List<?>) changed.get("data")).get(0)).get("kcdbCode"))
                .isEqualTo("EURAMET-EM-DE-00000D77-1");
    }

    @Test
    void aRestartedInstanceLoadsEveryStoredRecordIntoItsIndex() throws Exception {
        try (CmcIndex fresh = new CmcIndex(ReferenceData.kcdb())) {
            KcdbSearch restarted = new KcdbSearch(store, fresh, Clock.systemUTC(), Duration.ofSeconds(30));
            assertThat(restarted.load()).isGreaterThanOrEqualTo(5);
            assertThat(restarted.search(CmcQuery.of(PublicationStatus.PUBLISHED, "tungsten"), 0, 10, false)
                    .records()).extracting(PublishedCmc::kcdbCode).containsExactly("APMP-PR-NZ-00000624-1");
            assertThat(restarted.catchUp()).as("nothing changed since the load").isZero();
        }
    }

    /**
     * The store builds each answer whole before sending it (the local store in its heap): a look reads what changed a
     * page at a time, so that a migration of 100 000 records does not run the store out of memory, and still indexes
     * every record once.
     */
    @Test
    void theLoadAndACatchUpReadTheStoreAPageAtATimeAndIndexEveryRecordOnce() throws Exception {
        List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        ReactiveMongoTemplate counting = new ReactiveMongoTemplate(mongo.getMongoDatabaseFactory(),
                mongo.getConverter()) {
            @Override
            public <T> Flux<T> find(Query query, Class<T> type, String collection) {
                return super.find(query, type, collection).collectList().doOnNext(found -> answers.add(found.size()))
                        .flatMapIterable(found -> found);
            }
        };
        AggregateStore<PublishedCmc> paged = new AggregateStore<>(counting, json, PublishedCmc.class,
                store.collection());
        long stored = mongo.count(new Query(), store.collection()).block();
        try (CmcIndex fresh = new CmcIndex(ReferenceData.kcdb())) {
            KcdbSearch search = new KcdbSearch(paged, fresh, Clock.systemUTC(), Duration.ZERO, 3,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            assertThat((long) search.load()).as("every stored record indexed at start").isEqualTo(stored);
            assertThat(answers).as("the load read the store in pages of 3").hasSizeGreaterThan(1)
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));

            answers.clear();
            for (int i = 0; i < 7; i++) {
                PublishedCmc cmc = Cmcs.ptbAcCurrent("cmc-ptb-paged-" + i, 9600 + i, "EURAMET-EM-DE-00000E0" + i + "-1",
                        PublicationStatus.PUBLISHED, LocalDate.now().toString());
                store.insert(cmc.cmcId(), cmc, List.of()).block();
            }
            assertThat(search.catchUp()).as("the seven records written since the load, each once").isEqualTo(7);
            assertThat(answers).as("the catch-up read the store in pages of 3").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
            assertThat(search.search(CmcQuery.of(PublicationStatus.PUBLISHED, "00000E06"), 0, 10, false).records())
                    .extracting(PublishedCmc::cmcId).containsExactly("cmc-ptb-paged-6");
            assertThat(search.catchUp()).as("nothing changed since the catch-up").isZero();
        }
    }

    @Test
    void aLookReadsInFullOnlyWhatItsIndexDoesNotHoldAtThatVersion() throws Exception {
        List<String> readInFull = new ArrayList<>();
        AggregateStore<PublishedCmc> counting = new AggregateStore<>(mongo, json, PublishedCmc.class,
                store.collection()) {
            @Override
            public Flux<Change<PublishedCmc>> changes(Collection<String> ids) {
                readInFull.addAll(ids);
                return super.changes(ids);
            }
        };
        try (CmcIndex fresh = new CmcIndex(ReferenceData.kcdb())) {
            KcdbSearch search = new KcdbSearch(counting, fresh, Clock.systemUTC(), Duration.ofSeconds(30));
            int loaded = search.load();
            assertThat(readInFull).as("every record read once by the load").hasSize(loaded).doesNotHaveDuplicates();
            readInFull.clear();
            // every record changed within the overlap, none since the load: none read again
            assertThat(search.catchUp()).isZero();
            assertThat(readInFull).isEmpty();
            // another instance writes one record again (a new version, the same content)
            Versioned<PublishedCmc> stored = store.find("cmc-ptb-2").block();
            store.update("cmc-ptb-2", stored.version(), stored.aggregate(), List.of()).block();
            assertThat(search.catchUp()).isOne();
            assertThat(readInFull).containsExactly("cmc-ptb-2");
            assertThat(fresh.holds("cmc-ptb-2", stored.version() + 1)).isTrue();
            assertThat(search.byCode("EURAMET-EM-DE-00000C03-2")).get().isEqualTo(stored.aggregate());
        }
    }

    @Test
    void referenceDataIsServedInTheOriginalsShape() {
        http.get().uri("/api/kcdb/referenceData/domain").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.domains.length()").isEqualTo(3)
                .jsonPath("$.domains[?(@.code=='CHEM-BIO')].name").isEqualTo("Chemistry and Biology");
        http.get().uri("/api/kcdb/referenceData/metrologyArea?domainCode=PHYSICS").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.referenceData.length()").isEqualTo(7)
                .jsonPath("$.referenceData[?(@.label=='EM')].id").isEqualTo(2);
        http.get().uri("/api/kcdb/referenceData/branch?areaId=7").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData.length()").isEqualTo(3)
                .jsonPath("$.referenceData[?(@.id==28)].label").isEqualTo("TF/TI");
        http.get().uri("/api/kcdb/referenceData/subService?serviceId=55").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.referenceData.length()").isEqualTo(3);
        http.get().uri("/api/kcdb/referenceData/individualService?subServiceId=218").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.referenceData[?(@.id==546)].value").isEqualTo("Frequency counter")
                .jsonPath("$.referenceData[0].parentId").doesNotExist();
        http.get().uri("/api/kcdb/referenceData/individualService?subServiceId=104").exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/kcdb/referenceData/country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData[?(@.label=='NZ')].id").isEqualTo(58)
                .jsonPath("$.referenceData[?(@.label=='NZ')].value").isEqualTo("New Zealand");
        http.get().uri("/api/kcdb/referenceData/quantity").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData.length()").isEqualTo(1768);
        for (String table : List.of("analyte", "category", "nuclide", "radiationMedium", "radiationSource")) {
            http.get().uri("/api/kcdb/referenceData/" + table).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.referenceData[0].value").isNotEmpty();
        }
    }

    @Test
    void anySearchExportsAsCsvStreamedRowByRow() {
        String csv = http.post().uri("/api/kcdb/cmc/export/physics?format=csv").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("metrologyAreaLabel", "EM", "publicDateTo", "2024-12-31", "pageSize", 1))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueEquals("X-Total-Count", "1")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("kcdb-cmcs.csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,kcdbCode,status,statusDate,approvalDate,publicationDate,domainCode,")
                .contains(",measurmentTechnique,");
        assertThat(lines[1]).startsWith("9002,EURAMET-EM-DE-00000C03-2,Published,2023-02-10,")
                .contains(",Germany,PTB,")
                .contains(",0.001,20.0,A,").contains(",Frequency: 10 Hz to 100 kHz,")
                .contains(",\"AC voltage, current, and power\",");
        String everything = http.get().uri("/api/kcdb/cmc/export?status=Published").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(everything.split("\r\n")).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void anySearchExportsAsAnExcelWorkbookWithTheCsvColumnsAndNumbersAsNumbers() throws Exception {
        byte[] xlsx = http.post().uri("/api/kcdb/cmc/export/physics?format=xlsx")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("metrologyAreaLabel", "EM", "publicDateTo", "2024-12-31"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader().valueEquals("X-Total-Count", "1")
                .expectHeader().value("Content-Disposition", v -> assertThat(v).contains("kcdb-cmcs.xlsx"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            List<org.dhatim.fastexcel.reader.Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            List<String> header = rows.get(0).stream().map(org.dhatim.fastexcel.reader.Cell::getText).toList();
            assertThat(header).startsWith("id", "kcdbCode", "status").contains("measurmentTechnique");
            org.dhatim.fastexcel.reader.Row record = rows.get(1);
            assertThat(record.getCell(header.indexOf("kcdbCode")).getText()).isEqualTo("EURAMET-EM-DE-00000C03-2");
            assertThat(record.getCell(header.indexOf("id")).getType())
                    .isEqualTo(org.dhatim.fastexcel.reader.CellType.NUMBER);
            assertThat(record.getCell(header.indexOf("cmc.upperLimit")).asNumber()).isEqualByComparingTo("20");
            assertThat(record.getCell(header.indexOf("branchValue")).getText())
                    .isEqualTo("AC voltage, current, and power");
        }
        http.get().uri("/api/kcdb/cmc/export?format=pdf").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }

    @Test
    void anySearchExportsAsJsonLdWithSiUnitIris() throws Exception {
        String jsonLd = http.get().uri("/api/kcdb/cmc/export?format=jsonld&keywords=thermal OR tungsten")
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/ld+json"))
                .expectBody(String.class).returnResult().getResponseBody();
        tools.jackson.databind.JsonNode document = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(jsonLd);
        assertThat(document.at("/@context/@vocab").asString()).isEqualTo("https://kcdb.bipm.org/vocab/");
        assertThat(document.at("/@context/@base").asString()).endsWith("/api/kcdb/cmc/");
        assertThat(document.get("@graph")).hasSizeGreaterThanOrEqualTo(2);
        tools.jackson.databind.JsonNode msl = document.get("@graph").get(0);
        assertThat(msl.get("@id").asString()).isEqualTo("APMP-PR-NZ-00000624-1");
        assertThat(msl.get("@type").asString()).isEqualTo("CalibrationAndMeasurementCapability");
        assertThat(msl.at("/cmc/unitIri").isMissingNode()).as("'A/lx, V/lx, reading/lx' is a list, no unit").isTrue();
        // the SI Reference Point has no percent: 0.01 times its unit one, in its own vocabulary
        assertThat(document.at("/@context/sirp").asString()).isEqualTo("https://si-digital-framework.org/SI#");
        assertThat(msl.at("/cmcUncertainty/unitIri").isMissingNode()).isTrue();
        assertThat(msl.at("/cmcUncertainty/unitMultiple/@type").asString()).isEqualTo("sirp:UnitMultiple");
        assertThat(msl.at("/cmcUncertainty/unitMultiple/sirp:hasNumericFactor").asDouble()).isEqualTo(0.01);
        assertThat(msl.at("/cmcUncertainty/unitMultiple/sirp:hasUnitTerm/@id").asString())
                .isEqualTo("https://si-digital-framework.org/SI/units/one");
        assertThat(msl.at("/cmcBaseUnit/unitMultiple").isMissingNode()).as("X/lx is no SI unit at all").isTrue();
        tools.jackson.databind.JsonNode ptb = document.get("@graph").get(1);
        assertThat(ptb.get("kcdbCode").asString()).isEqualTo("EURAMET-EM-DE-00000C03-2");
        assertThat(ptb.at("/cmc/unitIri").asString()).isEqualTo("https://si-digital-framework.org/SI/units/ampere");
        // prefixed and compound units too, read by the platform's one unit reader (support/units)
        assertThat(ptb.at("/cmcUncertainty/unitIri").asString())
                .isEqualTo("https://si-digital-framework.org/SI/units/microampere.ampere-1");
        assertThat(ptb.at("/cmcUncertaintyBaseUnit/unitIri").asString())
                .isEqualTo("https://si-digital-framework.org/SI/units/one");
        assertThat(ptb.at("/uncertaintyTable/tableContents").asString()).isEqualTo("<masked>");
        // D-SI: 0.001 A to 20 A with a relative expanded uncertainty of 2 µA/A to 40 µA/A (k = 2, 95 %)
        assertThat(document.at("/@context/si").asString()).isEqualTo("https://ptb.de/si/");
        assertThat(ptb.at("/dsi/upperLimit/si:unit").asString()).isEqualTo("\\ampere");
        assertThat(ptb.at("/dsi/upperLimit/si:value").asDouble()).isEqualTo(20.0);
        assertThat(ptb.at("/dsi/upperLimit/si:measurementUncertaintyUnivariate/si:expandedMU/si:valueExpandedMU")
                .asDouble()).isCloseTo(8.0e-4, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(ptb.at("/dsi/lowerLimit/si:measurementUncertaintyUnivariate/si:expandedMU/si:valueExpandedMU")
                .asDouble()).isCloseTo(2.0e-9, org.assertj.core.data.Offset.offset(1e-20));
        assertThat(ptb.at("/dsi/lowerLimit/si:measurementUncertaintyUnivariate/si:expandedMU/si:coverageFactor")
                .asDouble()).isEqualTo(2.0);
        assertThat(ptb.at("/dsi/lowerLimit/si:measurementUncertaintyUnivariate/si:expandedMU/"
                + "si:coverageProbability").asDouble()).isEqualTo(0.95);
        assertThat(msl.at("/dsi").isMissingNode()).as("X/lx has no D-SI name").isTrue();
        http.get().uri("/api/kcdb/cmc/export?format=docx").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
        http.post().uri("/api/kcdb/cmc/export/quickSearch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("keywords", "AND")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("keywords");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theApiIsDescribedAsOpenApiWithoutAToken() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").value(v -> assertThat((String) v).startsWith("3."))
                .jsonPath("$.paths['/api/kcdb/cmc/searchData/physics']").exists();
    }

    /** The index's answer time per search is a histogram on /actuator/prometheus (docs/metrics.md). */
    @Test
    void prometheusMeasuresEverySearchsLatency() {
        double before = searches(scrape());
        post("/api/kcdb/cmc/searchData/quickSearch", Map.of("includedFilters", List.of("cmcRmo.APMP")));
        post("/api/kcdb/cmc/searchData/quickSearch", Map.of("keywords", "NMIJ"));
        String after = scrape();
        assertThat(searches(after)).isGreaterThanOrEqualTo(before + 2);
        assertThat(after).contains("kcdb_search_latency_seconds_bucket{facets=\"true\",le=\"0.1\"}");
    }

    private String scrape() {
        // The scrape (histogram buckets included) is larger than a client buffers by default.
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(4 << 20)).build().get()
                .uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    /** Searches measured so far, with and without facets. */
    private static double searches(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("kcdb_search_latency_seconds_count{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
