package org.bipm.kcdb.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bipm.kcdb.test.Eventually.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bipm.kcdb.events.CmcApproved;
import org.bipm.kcdb.events.CmcContent;
import org.bipm.kcdb.events.Range;
import org.bipm.kcdb.events.CmcArchived;
import org.bipm.kcdb.events.CmcDeleted;
import org.bipm.kcdb.events.CmcGreyedOut;
import org.bipm.kcdb.events.CmcMigrated;
import org.bipm.kcdb.events.CmcPublished;
import org.bipm.kcdb.events.EventType;
import org.bipm.kcdb.events.ReferenceDataChanged;
import org.bipm.kcdb.publication.application.PublicationApplication;
import org.bipm.kcdb.publication.application.ReferenceDataImport;
import org.bipm.kcdb.publication.domain.ImportedTable;
import org.bipm.kcdb.publication.domain.PublishedCmc;
import org.bipm.kcdb.support.persistence.AggregateStore;
import org.bipm.kcdb.test.DemoUsers;
import org.bipm.kcdb.test.KcdbComponentTest;
import org.bipm.kcdb.test.KcdbServiceTest;
import org.bipm.kcdb.test.TestEvents;
import org.bipm.kcdb.test.TestHttp;
import org.bipm.kcdb.test.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Versions, the KCDB office's status changes, and the migration of records from today's KCDB. Uploads of up to 300
 * records are stored as the check read them, larger ones read again from the spool (both ways tested here).
 */
@KcdbComponentTest(properties = "kcdb.import.kept-records=300")
class KcdbOfficeTest extends KcdbServiceTest {

    static final String OFFICE = DemoUsers.token("kcdb.office");
    static final String WRITER = DemoUsers.token("writer.ptb");
    static TestEvents events;

    @LocalServerPort
    int port;
    @Autowired
    PublicationApplication publication;
    @Autowired
    AggregateStore<PublishedCmc> store;
    @Autowired
    AggregateStore<ImportedTable> imported;
    WebTestClient http;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        database(registry, "kcdb-office-test");
    }

    @BeforeAll
    static void broker() {
        events = new TestEvents(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, Duration.ofSeconds(30));
    }

    @Test
    void aModificationPublishesTheNextVersionAndArchivesTheOneItReplaces() {
        CmcPublished first = publish(approval(UUID.randomUUID().toString(), null, "Illuminance v1"));
        assertThat(first.kcdbCode()).endsWith("-1");

        CmcApproved modification = approval(UUID.randomUUID().toString(), first.kcdbCode(), "Illuminance v2");
        events.send(modification, "/kcdb/review");
        events.send(modification, "/kcdb/review"); // redelivered: still one new version
        CmcPublished second = events.await(EventType.CMC_PUBLISHED, CmcPublished.class,
                e -> e.cmcId().equals(modification.cmcId()), Duration.ofSeconds(30));
        String base = first.kcdbCode().substring(0, first.kcdbCode().length() - 2);
        assertThat(second.kcdbCode()).isEqualTo(base + "-2");
        assertThat(second.kcdbVersion()).isEqualTo(2);
        CmcArchived archived = events.await(EventType.CMC_ARCHIVED, CmcArchived.class,
                e -> e.kcdbCode().equals(first.kcdbCode()), Duration.ofSeconds(30));
        assertThat(archived.supersededBy()).isEqualTo(second.kcdbCode());
        awaitStatus(first.kcdbCode(), "Archived");
        awaitStatus(second.kcdbCode(), "Published");

        // A later modification naming the first version still follows the newest one.
        CmcPublished third = publish(approval(UUID.randomUUID().toString(), first.kcdbCode(), "Illuminance v3"));
        assertThat(third.kcdbCode()).isEqualTo(base + "-3");
        awaitStatus(second.kcdbCode(), "Archived");
        assertThat(events.allOf(EventType.CMC_PUBLISHED, CmcPublished.class,
                e -> e.kcdbCode().startsWith(base), 3, Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(3);
    }

    @Test
    void anApprovedDeletionRequestDeletesTheNewestVersionOnce() {
        CmcPublished first = publish(approval(UUID.randomUUID().toString(), null, "Illuminance to delete v1"));
        CmcPublished second = publish(approval(UUID.randomUUID().toString(), first.kcdbCode(),
                "Illuminance to delete v2"));
        CmcApproved asked = approval(UUID.randomUUID().toString(), first.kcdbCode(), "Illuminance to delete v1");
        CmcApproved deletion = new CmcApproved(asked.eventId(), asked.occurredAt(), 1, asked.cmcId(), asked.reviewId(),
                "PTB", "DE", "EURAMET", "chair.euramet", first.kcdbCode(), asked.content(), true);
        events.send(deletion, "/kcdb/review");
        events.send(deletion, "/kcdb/review"); // redelivered: deleted once

        CmcDeleted deleted = events.await(EventType.CMC_DELETED, CmcDeleted.class,
                e -> e.kcdbCode().equals(second.kcdbCode()), Duration.ofSeconds(30));
        assertThat(deleted.cmcId()).isEqualTo(second.cmcId());
        assertThat(deleted.reason()).contains("deletion requested by PTB", deletion.reviewId());
        awaitStatus(second.kcdbCode(), "Deleted");
        awaitStatus(first.kcdbCode(), "Archived");
        assertThat(events.allOf(EventType.CMC_DELETED, CmcDeleted.class,
                e -> e.kcdbCode().startsWith(first.kcdbCode().substring(0, first.kcdbCode().length() - 2)), 1,
                Duration.ofSeconds(60), Duration.ofSeconds(2))).hasSize(1);
        assertThat(events.all(EventType.CMC_PUBLISHED, CmcPublished.class, e -> e.cmcId().equals(deletion.cmcId()),
                Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void approvalsHandledAtTheSameTimeNeverShareACodeAndARedeliveryRacingItsOriginalPublishesOnce()
            throws Exception {
        List<CmcApproved> approvals = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            approvals.add(new CmcApproved(UUID.randomUUID(), Instant.now(), 1, "race-" + UUID.randomUUID(), "r",
                    "SASO-NMCC", "SA", "GULFMET", "chair.gulfmet", null, PublicationServiceTest.content("Time " + i)));
        }
        approvals.add(approvals.get(0)); // delivered twice, handled side by side
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> handled = new ArrayList<>();
            for (CmcApproved approval : approvals) {
                handled.add(pool.submit(() -> publication.onApproved(approval)));
            }
            for (Future<?> done : handled) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        List<String> codes = new ArrayList<>();
        for (CmcApproved approval : approvals.subList(0, 48)) {
            codes.add(store.find(approval.cmcId()).block().aggregate().kcdbCode());
        }
        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("GULFMET-PR-SA-[0-9A-Z]{8}-1"));
        assertThat(store.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("cmcId").is(approvals.get(0).cmcId())))
                .block()).isEqualTo(1);
    }

    @Test
    void theOfficeGreysOutRestoresAndDeletesAndEachChangeIsAnEvent() {
        String code = publish(approval(UUID.randomUUID().toString(), null, "Luminous intensity")).kcdbCode();
        String office = "/api/kcdb/office/cmc/" + code;

        office(OFFICE, office + "/grey-out", Map.of("reason", "QMS review overdue")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("Greyed out").jsonPath("$.kcdbCode").isEqualTo(code);
        CmcGreyedOut greyed = events.await(EventType.CMC_GREYED_OUT, CmcGreyedOut.class,
                e -> e.kcdbCode().equals(code), Duration.ofSeconds(30));
        assertThat(greyed.reason()).isEqualTo("QMS review overdue");
        assertThat(greyed.by()).isEqualTo("kcdb.office");
        awaitStatus(code, "Greyed out");

        office(OFFICE, office + "/grey-out", Map.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentState").isEqualTo("Greyed out");
        office(OFFICE, office + "/restore", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("Published");
        office(OFFICE, office + "/delete", Map.of("reason", "Service discontinued")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("Deleted");
        events.await(EventType.CMC_DELETED, org.bipm.kcdb.events.CmcDeleted.class, e -> e.kcdbCode().equals(code),
                Duration.ofSeconds(30));
        awaitStatus(code, "Deleted");

        http.post().uri(office + "/restore").exchange().expectStatus().isUnauthorized();
        office(WRITER, office + "/restore", Map.of()).expectStatus().isForbidden();
        office(OFFICE, "/api/kcdb/office/cmc/EURAMET-PR-DE-ZZZZZZZZ-1/restore", Map.of())
                .expectStatus().isNotFound();
        office(OFFICE, office + "/restore", Map.of("reason", "x".repeat(2001))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        awaitStatus(code, "Deleted");
    }

    @Test
    void recordsOfTodaysKcdbAreImportedOnceKeepingTheirCodesAndNewCodesDoNotCollide() {
        String serial = "000" + Long.toString(2_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000), 36)
                .toUpperCase(); // five base-36 digits, padded to the code's eight
        String physicsCode = "SIM-PR-NZ-" + serial + "-2";
        long id = 5_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        List<Map<String, Object>> data = new ArrayList<>();
        data.add(Map.ofEntries(Map.entry("id", id), Map.entry("kcdbCode", physicsCode),
                Map.entry("status", "Published"), Map.entry("statusDate", "2012-11-29"),
                Map.entry("domainCode", "PHYSICS"), Map.entry("metrologyAreaLabel", "PR"), Map.entry("rmo", "SIM"),
                Map.entry("countryValue", "New Zealand"), Map.entry("nmiCode", "MSL"),
                Map.entry("quantityValue", "Illuminance responsivity, tungsten source"),
                Map.entry("cmc", Map.of("unit", "A/lx, V/lx, reading/lx")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 3.0, "upperLimit", 3.0, "unit", "%")),
                Map.entry("confidenceLevel", 95), Map.entry("coverageFactor", 2.3),
                Map.entry("uncertaintyMode", "Relative"), Map.entry("branchLabel", "PR/Photo"),
                Map.entry("physicsCode", "1.2.1"), Map.entry("instrument", "Illuminance meter"),
                Map.entry("parameters", List.of(Map.of("parameterName", "Illuminance",
                        "parameterValue", "0.005 lx to 10 lx"))),
                Map.entry("approvalDate", "2012-11-29"), Map.entry("publicationDate", "2012-11-29")));
        data.add(Map.ofEntries(Map.entry("id", id + 1), Map.entry("kcdbCode", "APMP-QM-JP-" + serial + "-1"),
                Map.entry("status", "Greyed out"), Map.entry("statusDate", "2024-05-02"),
                Map.entry("domainCode", "CHEM-BIO"), Map.entry("metrologyAreaLabel", "QM"), Map.entry("nmiCode", "NMIJ"),
                Map.entry("quantityValue", "Mass fraction"), Map.entry("categoryLabel", "5"),
                Map.entry("analyteValue", "antimony"), Map.entry("analyteMatrix", "river water"),
                Map.entry("measurmentTechnique", "ICP-MS"), Map.entry("uncertaintyConvention", "Two"),
                Map.entry("cmc", Map.of("lowerLimit", 0.001, "upperLimit", 10.0, "unit", "µg/kg")),
                Map.entry("crm", Map.of("lowerLimit", 0.5, "upperLimit", 5.0, "unit", "µg/kg")),
                Map.entry("crmUncertaintyTable", Map.of("tableName", "U", "tableContents", "<masked>")),
                Map.entry("publicationDate", "2017-08-30")));
        Map<String, Object> searchResponse = Map.of("versionApiKcdb", "1.0.13", "pageNumber", 0, "data", data);

        importing(OFFICE, searchResponse).expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(2).jsonPath("$.imported").isEqualTo(2)
                .jsonPath("$.rejectedCount").isEqualTo(0);
        importing(OFFICE, data.subList(0, 2)).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(2);
        // Each new record is announced once, with its content, for its institute to modify or delete later on.
        CmcMigrated migrated = events.await(EventType.CMC_MIGRATED, CmcMigrated.class,
                e -> e.kcdbCode().equals(physicsCode), Duration.ofSeconds(30));
        assertThat(migrated.cmcId()).isEqualTo("kcdb-" + id);
        assertThat(migrated.institute()).isEqualTo("MSL");
        assertThat(migrated.status()).isEqualTo("Published");
        assertThat(migrated.content().instrument()).isEqualTo("Illuminance meter");
        assertThat(events.allOf(EventType.CMC_MIGRATED, CmcMigrated.class, e -> e.kcdbCode().contains(serial),
                2, Duration.ofSeconds(30), Duration.ofSeconds(2))).extracting(CmcMigrated::status)
                .containsExactlyInAnyOrder("Published", "Greyed out");

        http.get().uri("/api/kcdb/cmc/{code}", physicsCode).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id).jsonPath("$.status").isEqualTo("Published")
                .jsonPath("$.publicationDate").isEqualTo("2012-11-29").jsonPath("$.physicsCode").isEqualTo("1.2.1");
        http.get().uri("/api/kcdb/cmc/{code}", "APMP-QM-JP-" + serial + "-1").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("Greyed out");

        // The next code the platform allocates in that series comes after the imported one.
        CmcApproved approval = new CmcApproved(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID().toString(), "r",
                "MSL", "NZ", "SIM", "chair.sim", null, PublicationServiceTest.content("Illuminance, imported series"));
        CmcPublished next = publish(approval);
        long nextSerial = Long.parseLong(next.kcdbCode().split("-")[3], 36);
        assertThat(nextSerial).isGreaterThan(Long.parseLong(serial, 36));

        importing(WRITER, data).expectStatus().isForbidden();
        http.post().uri("/api/kcdb/imports").contentType(MediaType.APPLICATION_JSON).bodyValue(data).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/kcdb/imports").headers(h -> h.setBearerAuth(OFFICE))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[{\"id\": 1, ").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        importing(OFFICE, Map.of("pageNumber", 0)).expectStatus().isBadRequest();
    }

    @Test
    void migratedKcdbRecordsReadBackFieldForFieldFromTheSearchAndTheirPage() throws Exception {
        String serial = uniqueSerial();
        List<Map<String, Object>> records = KcdbRecordSamples.records(serial, 7_000_000L
                + Math.abs(UUID.randomUUID().hashCode() % 1_000_000));
        importing(OFFICE, Map.of("versionApiKcdb", "1.0.13", "data", records)).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(records.size()).jsonPath("$.rejectedCount").isEqualTo(0);

        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (Map<String, Object> record : records) {
            tools.jackson.databind.JsonNode sent = json.valueToTree(record);
            String code = (String) record.get("kcdbCode");
            tools.jackson.databind.JsonNode page = json.readTree(http.get().uri("/api/kcdb/cmc/{code}", code)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertSameFields(code + " (its page)", sent, page);
            String path = switch ((String) record.get("domainCode")) {
                case "PHYSICS" -> "physics";
                case "CHEM-BIO" -> "chemistryAndBiology";
                default -> "radiation";
            };
            tools.jackson.databind.JsonNode found = await("search for " + code, () -> {
                tools.jackson.databind.JsonNode answer = json.readTree(http.post()
                        .uri("/api/kcdb/cmc/searchData/" + path).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("page", 0, "pageSize", 10, "showTable", true,
                                "metrologyAreaLabel", record.get("metrologyAreaLabel"), "keywords", serial))
                        .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
                for (tools.jackson.databind.JsonNode item : answer.path("data")) {
                    if (code.equals(item.path("kcdbCode").asString())) {
                        return item;
                    }
                }
                return null;
            });
            assertSameFields(code + " (search)", sent, found);
        }
    }

    @Test
    void anUploadLargerThanOneWriteCountsEachRecordOnceNewUnchangedChangedOrClashingAndAnnouncesEachNewOne() {
        int random = Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        long id = 20_000_000L + random * 1_000L;
        long serials = 10_000_000L + (random % 200_000) * 200L; // five base-36 digits, padded to the code's eight
        String firstSerial = "000" + Long.toString(serials, 36).toUpperCase();
        List<Map<String, Object>> here = KcdbRecordSamples.records(firstSerial, id);
        importing(OFFICE, here).expectStatus().isOk().expectBody().jsonPath("$.imported").isEqualTo(3);

        List<Map<String, Object>> upload = new ArrayList<>(here);
        Map<String, Object> changed = new java.util.LinkedHashMap<>(here.get(1));
        changed.put("comments", "Corrected in today's KCDB after the first migration");
        upload.set(1, changed);
        List<Map<String, Object>> added = new ArrayList<>();
        for (int k = 1; added.size() < 2 * 256; k++) { // more than one write's worth (KcdbImport.BATCH)
            added.addAll(KcdbRecordSamples.records("000" + Long.toString(serials + k, 36).toUpperCase(),
                    id + 3L * k));
        }
        upload.addAll(added);
        upload.add(added.get(7)); // the same record twice in one upload
        Map<String, Object> clash = new java.util.LinkedHashMap<>(added.get(8));
        clash.put("id", id + 999); // another record under a code that is taken
        upload.add(clash);

        importing(OFFICE, Map.of("versionApiKcdb", "1.0.13", "data", upload)).expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(upload.size())
                .jsonPath("$.imported").isEqualTo(added.size())
                .jsonPath("$.updated").isEqualTo(1)
                .jsonPath("$.unchanged").isEqualTo(3)
                .jsonPath("$.rejectedCount").isEqualTo(1)
                .jsonPath("$.rejected[0].index").isEqualTo(upload.size() - 1)
                .jsonPath("$.rejected[0].errors[0].field").isEqualTo("kcdbCode");

        http.get().uri("/api/kcdb/cmc/{code}", changed.get("kcdbCode")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.comments").isEqualTo(changed.get("comments"));
        http.get().uri("/api/kcdb/cmc/{code}", added.get(added.size() - 1).get("kcdbCode")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(added.get(added.size() - 1).get("id"));
        // Each new record announced once; the changed and unchanged ones not again.
        List<String> codes = added.stream().map(r -> (String) r.get("kcdbCode")).toList();
        assertThat(events.allOf(EventType.CMC_MIGRATED, CmcMigrated.class,
                e -> codes.contains(e.kcdbCode()) || e.kcdbCode().contains(firstSerial), codes.size() + here.size(),
                Duration.ofSeconds(60), Duration.ofSeconds(1)))
                .extracting(CmcMigrated::kcdbCode).hasSize(codes.size() + here.size()).doesNotHaveDuplicates();
        importing(OFFICE, upload.subList(0, upload.size() - 1)).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(0).jsonPath("$.updated").isEqualTo(0)
                .jsonPath("$.unchanged").isEqualTo(upload.size() - 1);
    }

    @Test
    void aBatchWithMalformedRecordsIsRefusedNamingEachRecordAndFieldAndNothingIsStored() {
        String serial = uniqueSerial();
        long id = 8_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        List<Map<String, Object>> records = new ArrayList<>(KcdbRecordSamples.records(serial, id));
        Map<String, Object> badCode = new java.util.LinkedHashMap<>(records.get(0));
        badCode.put("id", id + 10);
        badCode.put("kcdbCode", "APMP-PR-NZ-624-1");
        Map<String, Object> badFields = new java.util.LinkedHashMap<>(records.get(1));
        badFields.put("id", id + 11);
        badFields.put("status", "Withdrawn");
        badFields.put("domainCode", "CHEMISTRY");
        badFields.put("publicationDate", "30/08/2017");
        badFields.put("cmc", Map.of("lowerLimit", "0.001 µg/kg", "unit", "µg/kg"));
        badFields.put("coverageFactor", "k=2");
        Map<String, Object> missing = new java.util.LinkedHashMap<>(records.get(2));
        missing.remove("id");
        missing.remove("nmiCode");
        missing.put("uncertaintyMode", "Expanded");
        missing.put("parameters", "Illuminance: 0.005 lx to 10 lx");
        records.add(badCode);
        records.add(badFields);
        records.add(missing);

        importing(OFFICE, records).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").value(type -> assertThat((String) type).endsWith("invalid-records"))
                .jsonPath("$.received").isEqualTo(6).jsonPath("$.rejectedCount").isEqualTo(3)
                .jsonPath("$.rejected[0].index").isEqualTo(3)
                .jsonPath("$.rejected[0].kcdbCode").isEqualTo("APMP-PR-NZ-624-1")
                .jsonPath("$.rejected[0].errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactly("kcdbCode"))
                .jsonPath("$.rejected[1].index").isEqualTo(4)
                .jsonPath("$.rejected[1].errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .contains("status", "domainCode", "publicationDate", "cmc.lowerLimit", "coverageFactor"))
                .jsonPath("$.rejected[2].index").isEqualTo(5)
                .jsonPath("$.rejected[2].errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .contains("id", "nmiCode", "uncertaintyMode", "parameters"))
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .contains("data[3].kcdbCode", "data[4].status", "data[5].nmiCode"));
        // All or nothing: not even the well-formed records of the refused batch were stored.
        for (Map<String, Object> record : records.subList(0, 3)) {
            http.get().uri("/api/kcdb/cmc/{code}", record.get("kcdbCode")).exchange().expectStatus().isNotFound();
        }
        importing(OFFICE, records.subList(0, 3)).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(3);
    }

    @Test
    void theOfficeMigratesTodaysComparisonsOnceAndTheyArePagedAndFollowedByChangedSince() throws Exception {
        String round = "2" + (100 + Math.abs(UUID.randomUUID().hashCode() % 900));
        String mass = "CCM.M-K7." + round;
        String linked = "EURAMET.M.M-K4." + round;
        String pressure = "APMP.M.P-S7." + round;
        Map<String, Object> massComparison = new java.util.LinkedHashMap<>(Map.of("identifier", mass, "type", "KEY",
                "organiser", "CCM", "metrologyAreaLabel", "M", "measurand", "Mass of a 1 kg stainless-steel standard",
                "unit", "mg", "pilot", "PTB", "participants", List.of("PTB", "NPL", "NIST", "NMIJ"),
                "status", "PUBLISHED", "publishedAt", "2019-03-20"));
        massComparison.put("evaluation", Map.of("kcrv", 0.012, "kcrvStandardUncertainty", 0.004,
                "kcrvExpandedUncertainty", 0.008, "coverageFactor", 2,
                "results", List.of(Map.of("institute", "PTB", "value", 0.010, "standardUncertainty", 0.006),
                        Map.of("institute", "NPL", "value", 0.015, "standardUncertainty", 0.008),
                        Map.of("institute", "NIST", "value", 0.011, "standardUncertainty", 0.007),
                        Map.of("institute", "NMIJ", "value", 0.013, "standardUncertainty", 0.009)),
                "degreesOfEquivalence", List.of(Map.of("institute", "PTB", "d", -0.002, "expandedUncertainty", 0.009),
                        Map.of("institute", "NPL", "d", 0.003, "expandedUncertainty", 0.015),
                        Map.of("institute", "NIST", "d", -0.001, "expandedUncertainty", 0.012),
                        Map.of("institute", "NMIJ", "d", 0.001, "expandedUncertainty", 0.017)),
                "pairwiseDegreesOfEquivalence", List.of(
                        Map.of("institute", "PTB", "other", "NPL", "d", -0.005, "expandedUncertainty", 0.020),
                        Map.of("institute", "NPL", "other", "PTB", "d", 0.005, "expandedUncertainty", 0.020))));
        Map<String, Object> linkedComparison = new java.util.LinkedHashMap<>(Map.of("identifier", linked,
                "type", "KEY", "organiser", "EURAMET", "metrologyAreaLabel", "M", "measurand", "Mass",
                "unit", "mg", "pilot", "LNE", "participants", List.of("LNE", "PTB", "INRIM"),
                "linkingLaboratories", List.of("PTB"), "linkedTo", "CCM.M-K4"));
        linkedComparison.put("status", "PUBLISHED");
        linkedComparison.put("evaluation", Map.of("degreesOfEquivalence",
                List.of(Map.of("institute", "LNE", "d", 0.004, "expandedUncertainty", 0.011))));
        Map<String, Object> pressureComparison = new java.util.LinkedHashMap<>(Map.of("identifier", pressure,
                "type", "SUPPLEMENTARY", "organiser", "APMP", "metrologyAreaLabel", "M",
                "measurand", "Gauge pressure, 0.4 MPa to 4 MPa", "unit", "Pa", "pilot", "NMIJ",
                "participants", List.of("NMIJ", "KRISS", "NIMT"), "status", "MEASUREMENTS"));
        pressureComparison.put("plannedStart", "2023-02-01");
        pressureComparison.put("plannedEnd", "2024-06-30");
        List<Map<String, Object>> comparisons = List.of(massComparison, linkedComparison, pressureComparison);

        Instant before = Instant.now().minusMillis(5);
        importingComparisons(OFFICE, Map.of("data", comparisons)).expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(3).jsonPath("$.imported").isEqualTo(3)
                .jsonPath("$.rejectedCount").isEqualTo(0);
        http.get().uri("/api/kcdb/comparisons/{id}", mass).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.type").isEqualTo("KEY").jsonPath("$.status").isEqualTo("PUBLISHED")
                .jsonPath("$.participants.length()").isEqualTo(4).jsonPath("$.migrated").isEqualTo(true)
                .jsonPath("$.publishedAt").isEqualTo("2019-03-20T00:00:00Z")
                .jsonPath("$.evaluation.kcrv").isEqualTo(0.012)
                .jsonPath("$.evaluation.kcrvExpandedUncertainty").isEqualTo(0.008)
                .jsonPath("$.evaluation.unit").isEqualTo("mg")
                .jsonPath("$.evaluation.consistent").doesNotExist() // the KCDB does not publish it: not made up
                .jsonPath("$.evaluation.results[1].institute").isEqualTo("NPL")
                .jsonPath("$.evaluation.results[1].value").isEqualTo(0.015)
                .jsonPath("$.evaluation.degreesOfEquivalence[3].institute").isEqualTo("NMIJ")
                .jsonPath("$.evaluation.degreesOfEquivalence[3].expandedUncertainty").isEqualTo(0.017)
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[1].institute").isEqualTo("NPL")
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[1].other").isEqualTo("PTB")
                .jsonPath("$.evaluation.pairwiseDegreesOfEquivalence[1].d").isEqualTo(0.005);
        http.get().uri("/api/kcdb/comparisons/{id}", linked).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.linkedTo").isEqualTo("CCM.M-K4").jsonPath("$.linkingLaboratories[0]").isEqualTo("PTB")
                .jsonPath("$.evaluation.results.length()").isEqualTo(0)
                .jsonPath("$.evaluation.degreesOfEquivalence[0].d").isEqualTo(0.004);
        http.get().uri("/api/kcdb/comparisons/{id}", pressure).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.plannedEnd").isEqualTo("2024-06-30").jsonPath("$.evaluation").doesNotExist();

        // Idempotent: the same upload again changes nothing.
        importingComparisons(OFFICE, comparisons).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(3);

        // Paging and changedSince on the list: the body stays a list, the paging is in the headers.
        String since = "/api/kcdb/comparisons?changedSince=" + before;
        http.get().uri(since + "&pageSize=2").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Total-Count", "3")
                .expectHeader().value("Link", link -> assertThat(link).contains("rel=\"next\"").contains("page=1"))
                .expectBody().jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].identifier").isEqualTo(pressure).jsonPath("$[1].identifier").isEqualTo(mass);
        http.get().uri(since + "&pageSize=2&page=1").exchange().expectStatus().isOk()
                .expectHeader().value("Link", link -> assertThat(link).contains("rel=\"prev\"")
                        .doesNotContain("rel=\"next\""))
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].identifier").isEqualTo(linked);
        Instant afterImport = Instant.now();
        Thread.sleep(5);
        linkedComparison.put("evaluation", Map.of("degreesOfEquivalence",
                List.of(Map.of("institute", "LNE", "d", 0.004, "expandedUncertainty", 0.011),
                        Map.of("institute", "INRIM", "d", -0.002, "expandedUncertainty", 0.013))));
        importingComparisons(OFFICE, comparisons).expectStatus().isOk().expectBody()
                .jsonPath("$.updated").isEqualTo(1).jsonPath("$.unchanged").isEqualTo(2);
        http.get().uri("/api/kcdb/comparisons?changedSince=" + afterImport).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Total-Count", "1")
                .expectBody().jsonPath("$[0].identifier").isEqualTo(linked)
                .jsonPath("$[0].evaluation.degreesOfEquivalence.length()").isEqualTo(2);
        http.get().uri("/api/kcdb/comparisons?page=-1&pageSize=0&changedSince=yesterday").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("page", "pageSize", "changedSince"));

        // Malformed: the whole upload is refused, each record and field named, nothing stored.
        String fresh = "CCT-K9." + round;
        List<Map<String, Object>> malformed = List.of(
                Map.of("identifier", fresh, "type", "KEY", "metrologyAreaLabel", "T", "status", "PLANNED"),
                Map.of("identifier", "CCT-X9", "type", "KEY", "metrologyAreaLabel", "T", "status", "Published"),
                Map.of("identifier", "CCT-S9." + round, "type", "KEY", "metrologyAreaLabel", "T",
                        "status", "PUBLISHED", "participants", List.of("PTB", "NPL"),
                        "evaluation", Map.of("results", List.of(Map.of("institute", "VSL", "value", 1.2)),
                                "degreesOfEquivalence", List.of(Map.of("institute", "PTB", "d", "0.1 mK"))),
                        "plannedStart", "2024-13-01"));
        importingComparisons(OFFICE, malformed).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.rejectedCount").isEqualTo(2)
                .jsonPath("$.rejected[0].index").isEqualTo(1)
                .jsonPath("$.rejected[0].identifier").isEqualTo("CCT-X9")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields).contains(
                        "data[1].identifier", "data[1].status", "data[2].type", "data[2].plannedStart",
                        "data[2].evaluation.results[0].institute",
                        "data[2].evaluation.degreesOfEquivalence[0].d"));
        http.get().uri("/api/kcdb/comparisons/{id}", fresh).exchange().expectStatus().isNotFound();

        importingComparisons(WRITER, comparisons).expectStatus().isForbidden();
        http.post().uri("/api/kcdb/imports/comparisons").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(comparisons).exchange().expectStatus().isUnauthorized();
        importingComparisons(OFFICE, Map.of("pageNumber", 0)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyCipmMraParticipantIsAPublicCountryWithItsIsoCode() {
        // The 63 Member States, 22 Associates and CARICOM's 11 members of 2022 (../shared/data/member-states-2022.txt).
        List<String> participants = List.of("AR AU AT BY BE BR BG CA CL CN CO HR CZ DK EC EG EE FI FR DE GR HU IN ID IR"
                + " IQ IE IL IT JP KZ KE KR LT MY MX ME MA NL NZ NO PK PL PT RO RU SA RS SG SK SI ZA ES SE CH TH TN TR"
                + " UA AE GB US UY", "AL AZ BD BO BA BW KH MN NA OM PA PY PE PH QA LK SY TZ UZ VN ZM ZW",
                "AG BB BZ DM GD GY KN LC VC SR TT").stream().flatMap(line -> List.of(line.split(" ")).stream()).toList();
        assertThat(participants).hasSize(96).doesNotHaveDuplicates();
        http.get().uri("/api/kcdb/referenceData/country").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData[*].label").value(labels -> assertThat((List<String>) labels)
                        .containsAll(participants).doesNotHaveDuplicates())
                .jsonPath("$.referenceData[?(@.label=='NZ')].id").isEqualTo(58)
                .jsonPath("$.referenceData[?(@.label=='VN')].value").isEqualTo("Viet Nam")
                .jsonPath("$.referenceData[?(@.label=='KR')].value").isEqualTo("Korea, Republic of") // the KCDB's spelling, kept
                .jsonPath("$.referenceData[?(@.label=='TT')].value").isEqualTo("Trinidad and Tobago");
    }

    @Test
    void theOfficeImportsTheKcdbsReferenceDataResponsesAsTheyAreIdsUnchanged() {
        Map<String, Object> nuclides = Map.of("referenceData", List.of(
                Map.of("id", 1, "label", "C-14", "value", "C-14"),
                Map.of("id", 3, "label", "Ce-144", "value", "Ce-144"),
                Map.of("id", 27, "label", "Co-60", "value", "Co-60"),
                Map.of("id", 112, "label", "Tc-99m", "value", "Tc-99m")));
        importingReferenceData(OFFICE, "nuclide", nuclides).expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(4).jsonPath("$.changed").isEqualTo(true);
        http.get().uri("/api/kcdb/referenceData/nuclide").exchange().expectStatus().isOk().expectBody()
                .json("{\"referenceData\":[{\"id\":1,\"label\":\"C-14\",\"value\":\"C-14\"},"
                        + "{\"id\":3,\"label\":\"Ce-144\",\"value\":\"Ce-144\"},"
                        + "{\"id\":27,\"label\":\"Co-60\",\"value\":\"Co-60\"},"
                        + "{\"id\":112,\"label\":\"Tc-99m\",\"value\":\"Tc-99m\"}]}", true);
        importingReferenceData(OFFICE, "nuclide", nuclides).expectStatus().isOk().expectBody()
                .jsonPath("$.changed").isEqualTo(false);

        // A tree table is imported under the parent the KCDB listed it under, as its path asks.
        Map<String, Object> branches = Map.of("referenceData", List.of(
                Map.of("id", 901, "label", "X/Test", "value", "Imported branch")));
        importingReferenceData(OFFICE, "branch?areaId=9001", branches).expectStatus().isOk();
        http.get().uri("/api/kcdb/referenceData/branch?areaId=9001").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData[0].id").isEqualTo(901)
                .jsonPath("$.referenceData[0].value").isEqualTo("Imported branch");
        importingReferenceData(OFFICE, "branch", branches).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("areaId");

        importingReferenceData(OFFICE, "analyte", Map.of("referenceData", List.of(
                Map.of("id", 0, "label", "lead", "value", "lead"), Map.of("id", 7, "value", 3),
                Map.of("id", 7, "label", "tin", "value", "tin"), Map.of("label", "zinc", "value", "zinc"),
                Map.of("label", "zinc", "value", "zinc")))).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactly("referenceData[0].id", "referenceData[1].value", "referenceData[2].id",
                                "referenceData[4].value"));
        http.get().uri("/api/kcdb/referenceData/analyte").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.referenceData[?(@.value == 'tin')]").doesNotExist();
        importingReferenceData(OFFICE, "instruments", nuclides).expectStatus().isNotFound();
        importingReferenceData(WRITER, "nuclide", nuclides).expectStatus().isForbidden();
    }

    /**
     * The office's round trip (GET, POST back as it came) for every table the import takes, each as the public API
     * serves it now (the seeded tables list entries whose KCDB id is unknown, {@code "id": null}); then the table is
     * answered unchanged. Imports this test made are removed afterwards: an import hides the office's changes.
     */
    @Test
    void everyReferenceDataTableAsTheApiServesItCanBeImportedBack() {
        Map<String, String> parents = Map.of("metrologyArea", "?domainCode=PHYSICS", "branch", "?areaId=1",
                "service", "?branchId=1", "subService", "?serviceId=1", "individualService", "?subServiceId=1");
        assertThat(parents.keySet()).allMatch(table -> ReferenceDataImport.TABLES.get(table) != null);
        List<String> made = new ArrayList<>();
        try {
            for (String table : ReferenceDataImport.TABLES.keySet()) {
                String path = table + parents.getOrDefault(table, "");
                String key = ImportedTable.key(table, parents.containsKey(table) ? parents.get(table).substring(1)
                        : null);
                boolean importedBefore = imported.find(key).blockOptional().isPresent();
                String list = "domain".equals(table) ? "domains" : "referenceData";
                tools.jackson.databind.JsonNode served = http.get().uri("/api/kcdb/referenceData/" + path).exchange()
                        .expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult()
                        .getResponseBody();
                assertThat(served.get(list).size()).as(path).isPositive();
                importingReferenceData(OFFICE, path, served).expectStatus().isOk().expectBody()
                        .jsonPath("$.received").isEqualTo(served.get(list).size());
                if (!importedBefore) {
                    made.add(key);
                }
                assertThat(http.get().uri("/api/kcdb/referenceData/" + path).exchange().expectStatus().isOk()
                        .expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody())
                        .as(path + " after its round trip").isEqualTo(served);
                importingReferenceData(OFFICE, path, served).expectStatus().isOk().expectBody()
                        .jsonPath("$.changed").isEqualTo(false);
            }
        } finally {
            made.forEach(key -> imported.find(key).flatMap(found -> imported.delete(key, found.version())).block());
        }
    }

    private WebTestClient.ResponseSpec importingReferenceData(String token, String table, Object body) {
        return http.post().uri("/api/kcdb/imports/reference-data/" + table).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec importingComparisons(String token, Object body) {
        return http.post().uri("/api/kcdb/imports/comparisons").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /**
     * Every field the KCDB sent comes back with the same JSON value (status and tables included): objects compare
     * whatever their key order, numbers by value (95 is 95, 2.3 is 2.3), strings exactly ("" is not null).
     */
    private static void assertSameFields(String what, tools.jackson.databind.JsonNode sent,
                                         tools.jackson.databind.JsonNode read) {
        for (String field : sent.propertyNames()) {
            assertThat(read.has(field)).as(what + ": " + field + " is answered").isTrue();
            assertThat(sent.get(field).equals(SAME_JSON_VALUE, read.get(field)))
                    .as(what + ": " + field + " sent " + sent.get(field) + ", read " + read.get(field)).isTrue();
        }
    }

    private static final java.util.Comparator<tools.jackson.databind.JsonNode> SAME_JSON_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static String uniqueSerial() {
        return "000" + Long.toString(2_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000), 36)
                .toUpperCase();
    }

    @Test
    void theOfficesReferenceDataChangesReachThePublicTablesOnceAndPublishedCmcsNameTheirInstituteFromTheTable() {
        // an institute the seed names not: the published CMCs of the institute carry the table's name and
        // identifiers (test values, EURAMET like the other CMCs of this test class, so no RMO's webhook sees more)
        ReferenceDataChanged renamed = change("institutes", "CMI", institute("Czech Metrology Inst."), false);
        ReferenceDataChanged renamedAgain = change("institutes", "CMI", institute("Czech Metrology Institute"),
                false);
        events.send(renamed, "/kcdb/submission");
        events.send(renamedAgain, "/kcdb/submission");
        events.send(renamed, "/kcdb/submission"); // redelivered after the newer change: skipped, not applied again
        CmcApproved approved = new CmcApproved(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID().toString(),
                "r-cmi", "CMI", "CZ", "EURAMET", "chair.euramet", null,
                PublicationServiceTest.content("Illuminance"));
        CmcPublished published = publish(approved);
        await("the institute's new name on its CMC", () -> {
            Map<?, ?> record = http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode()).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            return "Czech Metrology Institute".equals(record.get("nmiName")) ? record : null;
        });
        http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode()).exchange().expectBody()
                .jsonPath("$.nmiCode").isEqualTo("CMI")
                .jsonPath("$.nmiIdentifier").isEqualTo(9001)
                .jsonPath("$.nmiRorIdentifier").isEqualTo("ror-of-cmi")
                .jsonPath("$.nmiWikiDataIdentifier").isEqualTo("Q9001");

        // a classification entry renamed: same id, new value, listed once
        Map<String, Object> noise = new java.util.LinkedHashMap<>();
        noise.put("id", 84);
        noise.put("label", "4");
        noise.put("value", "Noise voltages of DC references");
        noise.put("physicsCode", "1.1.4");
        noise.put("subServiceId", 37);
        noise.put("branchLabel", "EM/DC");
        ReferenceDataChanged service = change("individual-services", "EM/DC|1.1.4", noise, false);
        events.send(service, "/kcdb/submission");
        events.send(service, "/kcdb/submission");
        await("the renamed individual service", () -> {
            List<?> entries = publicList("/api/kcdb/referenceData/individualService?subServiceId=37");
            return entries.toString().contains("Noise voltages of DC references") ? entries : null;
        });
        List<?> individual = publicList("/api/kcdb/referenceData/individualService?subServiceId=37");
        assertThat(individual).filteredOn(e -> Integer.valueOf(84).equals(((Map<?, ?>) e).get("id")))
                .singleElement().extracting(e -> ((Map<?, ?>) e).get("value"))
                .isEqualTo("Noise voltages of DC references");
        assertThat(individual.toString()).doesNotContain("value=Noise voltages,");

        // a quantity added, then retired: listed once, then no longer
        ReferenceDataChanged added = change("quantities", "|Noise voltage of Zener references",
                Map.of("value", "Noise voltage of Zener references"), false);
        events.send(added, "/kcdb/submission");
        events.send(added, "/kcdb/submission");
        await("the added quantity", () -> {
            List<?> entries = publicList("/api/kcdb/referenceData/quantity");
            return entries.toString().contains("Noise voltage of Zener references") ? entries : null;
        });
        assertThat(publicList("/api/kcdb/referenceData/quantity"))
                .filteredOn(e -> "Noise voltage of Zener references".equals(((Map<?, ?>) e).get("value"))).hasSize(1);
        events.send(change("quantities", "|Noise voltage of Zener references",
                Map.of("value", "Noise voltage of Zener references"), true), "/kcdb/submission");
        await("the retired quantity gone", () -> {
            List<?> entries = publicList("/api/kcdb/referenceData/quantity");
            return entries.toString().contains("Noise voltage of Zener references") ? null : entries;
        });
    }

    /**
     * Every table the office changes reaches the public KCDB: the domains, RMOs and chemistry sub-categories lists,
     * and the names records and searches show for a code (a country's name in the record, the cmcCountries facet,
     * the filter and the keywords; a category's and sub-category's name in the record).
     */
    @Test
    void theOfficesChangesToDomainsRmosCategoriesAndCountriesReachTheRecordsListsAndSearchFacets() {
        CmcApproved approved = new CmcApproved(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID().toString(),
                "r-smu", "SMU", "SK", "EURAMET", "chair.euramet", null, seaWater());
        CmcPublished published = publish(approved);
        await("the record as published", () -> http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode())
                .exchange().returnResult(Map.class).getStatus().is2xxSuccessful() ? published : null);
        http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode()).exchange().expectBody()
                .jsonPath("$.countryValue").isEqualTo("Slovakia")
                .jsonPath("$.categoryValue").isEqualTo("Water")
                .jsonPath("$.subCategoryValue").isEmpty();

        events.send(change("countries", "SK", Map.of("label", "SK", "value", "Slovak Republic"), false),
                "/kcdb/submission");
        events.send(change("chemistry-categories", "Water and sea water",
                Map.of("label", "5", "value", "Water and sea water"), false), "/kcdb/submission");
        events.send(change("chemistry-sub-categories", "5|Sea water",
                Map.of("categoryLabel", "5", "label", "2", "value", "Sea water"), false), "/kcdb/submission");
        events.send(change("domains", "RADIATION", Map.of("code", "RADIATION", "name", "Ionising radiation (RI)"),
                false), "/kcdb/submission");
        events.send(change("rmos", "GULFMET", Map.of("acronym", "GULFMET",
                "name", "GCC Standardization Organization metrology (GULFMET)"), false), "/kcdb/submission");

        Map<?, ?> record = await("the record naming things anew", () -> {
            Map<?, ?> r = http.get().uri("/api/kcdb/cmc/{code}", published.kcdbCode()).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            return "Slovak Republic".equals(r.get("countryValue")) && "Sea water".equals(r.get("subCategoryValue"))
                    ? r : null;
        });
        assertThat(record.get("categoryValue")).isEqualTo("Water and sea water");
        assertThat(record.get("subCategoryLabel")).isEqualTo(2);

        // the search index rewritten with the new name: facet, filter and keywords
        Map<?, ?> byName = await("the country's new name in the search", () -> {
            Map<?, ?> found = quickSearch(Map.of("includedFilters", List.of("cmcCountries.Slovak Republic")));
            return Integer.valueOf(1).equals(found.get("totalElements")) ? found : null;
        });
        assertThat(((Map<?, ?>) ((List<?>) byName.get("data")).get(0)).get("kcdbCode"))
                .isEqualTo(published.kcdbCode());
        assertThat(new ArrayList<Object>((List<?>) byName.get("aggregations"))).contains(
                Map.of("name", "cmcCountries", "values", List.of("Slovak Republic")));
        assertThat(quickSearch(Map.of("includedFilters", List.of("cmcCountries.Slovakia"))).get("totalElements"))
                .isEqualTo(0);
        assertThat(quickSearch(Map.of("includedFilters", List.of("cmcCountries.SK"))).get("totalElements"))
                .as("the ISO code still selects").isEqualTo(1);
        assertThat(quickSearch(Map.of("keywords", "\"Slovak Republic\"")).get("totalElements")).isEqualTo(1);

        // the lists
        await("the renamed domain", () -> {
            List<?> domains = (List<?>) http.get().uri("/api/kcdb/referenceData/domain").exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("domains");
            return domains.contains(Map.of("code", "RADIATION", "name", "Ionising radiation (RI)")) ? domains : null;
        });
        List<?> domains = (List<?>) http.get().uri("/api/kcdb/referenceData/domain").exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("domains");
        assertThat(new ArrayList<Object>(domains)).hasSize(3).doesNotContain(Map.of("code", "RADIATION", "name", "Ionizing radiation"));
        // each reference-data change is its own event: wait for the RMO's and the sub-category's too
        List<?> rmos = await("the renamed RMO", () -> {
            List<?> all = publicList("/api/kcdb/referenceData/rmo");
            return all.stream().anyMatch(e -> "GCC Standardization Organization metrology (GULFMET)"
                    .equals(((Map<?, ?>) e).get("value"))) ? all : null;
        });
        await("the new sub-category", () -> publicList("/api/kcdb/referenceData/subCategory?categoryLabel=5")
                .size() == 2 ? true : null);
        assertThat(rmos).hasSize(6).filteredOn(e -> "GULFMET".equals(((Map<?, ?>) e).get("label")))
                .singleElement().extracting(e -> ((Map<?, ?>) e).get("value"))
                .isEqualTo("GCC Standardization Organization metrology (GULFMET)");
        assertThat(publicList("/api/kcdb/referenceData/subCategory?categoryLabel=5").stream()
                .map(e -> String.valueOf(((Map<?, ?>) e).get("value"))).toList())
                .containsExactly("Fresh water", "Sea water");
        assertThat(publicList("/api/kcdb/referenceData/category"))
                .filteredOn(e -> "5".equals(((Map<?, ?>) e).get("label"))).singleElement()
                .extracting(e -> ((Map<?, ?>) e).get("value")).isEqualTo("Water and sea water");
    }

    /** A CMC of SMU (Slovakia): lead in sea water, category 5 (water), sub-category 2 (new to the seed). */
    private static CmcContent seaWater() {
        return new CmcContent("CHEM-BIO", "QM", null, null, null, null, "Mass fraction", null, null, List.of(),
                new Range(0.01, 10.0, "µg/kg"), new Range(2.0, 5.0, "%"), new Range(1e-11, 1e-8, "kg/kg"),
                new Range(0.02, 0.05, "dimension 1"), "Relative", 2.0, 95.0, "SMU", null, "SMU-QM-12", List.of(),
                "QMS", null, null, null, null, "5", "2", "lead", "sea water", "ID-ICP-MS", null, "Two", null, null,
                null, null, null, null);
    }

    private Map<?, ?> quickSearch(Map<String, Object> criteria) {
        return http.post().uri("/api/kcdb/cmc/searchData/quickSearch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(criteria).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
    }

    @Test
    void aTableImportedFromTheKcdbWinsOverTheOfficesChanges() {
        office(OFFICE, "/api/kcdb/imports/reference-data/radiationMedium", Map.of("referenceData", List.of(
                Map.of("id", 5, "label", "5", "value", "Aerosol")))).expectStatus().is2xxSuccessful();
        events.send(change("radiation-media", "RAD|Aerosol filters",
                Map.of("branchLabel", "RAD", "value", "Aerosol filters"), false), "/kcdb/submission");
        ReferenceDataChanged marker = change("quantities", "|Marker of the imported-table test",
                Map.of("value", "Marker of the imported-table test"), false);
        events.send(marker, "/kcdb/submission");
        await("the later change applied", () -> {
            List<?> entries = publicList("/api/kcdb/referenceData/quantity");
            return entries.toString().contains("Marker of the imported-table test") ? entries : null;
        });
        assertThat(publicList("/api/kcdb/referenceData/radiationMedium")).hasSize(1).singleElement()
                .extracting(e -> ((Map<?, ?>) e).get("value")).isEqualTo("Aerosol");
    }

    private List<?> publicList(String path) {
        return (List<?>) http.get().uri(path).exchange().expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("referenceData");
    }

    private static ReferenceDataChanged change(String table, String key, Map<String, Object> fields, boolean retired) {
        return new ReferenceDataChanged(UUID.randomUUID(), Instant.now(), 1, table, key, fields, retired,
                "kcdb.office");
    }

    private static Map<String, Object> institute(String name) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("nmiCode", "CMI");
        fields.put("nmiName", name);
        fields.put("countryLabel", "CZ");
        fields.put("rmo", "EURAMET");
        fields.put("nmiIdentifier", 9001);
        fields.put("nmiRorIdentifier", "ror-of-cmi");
        fields.put("nmiWikiDataIdentifier", "Q9001");
        return fields;
    }

    private CmcApproved approval(String cmcId, String supersedes, String quantity) {
        return new CmcApproved(UUID.randomUUID(), Instant.now(), 1, cmcId, "r-" + cmcId, "PTB", "DE", "EURAMET",
                "chair.euramet", supersedes, PublicationServiceTest.content(quantity));
    }

    /** Publishes the approved CMC and waits until the public KCDB shows it (the index within its refresh interval). */
    private CmcPublished publish(CmcApproved approved) {
        events.send(approved, "/kcdb/review");
        CmcPublished published = events.await(EventType.CMC_PUBLISHED, CmcPublished.class,
                e -> e.cmcId().equals(approved.cmcId()), Duration.ofSeconds(30));
        awaitStatus(published.kcdbCode(), "Published");
        return published;
    }

    private WebTestClient.ResponseSpec office(String token, String path, Object body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec importing(String token, Object body) {
        return http.post().uri("/api/kcdb/imports").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Waits until the public KCDB shows the record with this status (a new record: 404 until it is indexed). */
    private void awaitStatus(String code, String status) {
        await("status " + status + " of " + code, () -> {
            EntityExchangeResult<Map> answer = http.get().uri("/api/kcdb/cmc/{code}", code).exchange()
                    .expectBody(Map.class).returnResult();
            if (answer.getStatus().value() == 404) {
                return null;
            }
            assertThat(answer.getStatus().value()).isEqualTo(200);
            Map<?, ?> record = answer.getResponseBody();
            return status.equals(record.get("status")) ? record : null;
        });
    }
}
