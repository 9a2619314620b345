package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.MultiValueMap;

/**
 * The KCDB office's maintenance pages against a stand-in gateway: the reference-data tables and their entries (add,
 * change the value, retire, a refusal next to its field), the comparisons' and a reference-data table's migration
 * uploads, each asserting exactly what reaches the API and what the office then sees.
 */
class OfficePagesTest extends PortalPageTest {

    static final String BRANCHES = """
            {"table":"branches","complete":true,"totalElements":3,"content":[
             {"key":"EM/DC","label":"EM/DC","value":"DC voltage, current and resistance","metrologyAreaLabel":"EM",
              "retired":false},
             {"key":"EM/AC","label":"EM/AC","value":"AC voltage, current and power","metrologyAreaLabel":"EM",
              "retired":false,"changedBy":"kcdb.office","changedAt":"2026-12-01T10:00:00Z"},
             {"key":"M/M","label":"M/M","value":"Mass","metrologyAreaLabel":"M","retired":true}]}""";

    @Test
    void theOfficeBrowsesTheReferenceDataTablesAndSearchesOne() {
        ANSWERS.put("GET /api/reference-data", new Answer(200, """
                [{"table":"branches","complete":true,"entries":32,"href":"/api/reference-data/branches"},
                 {"table":"analytes","complete":false,"entries":40,"href":"/api/reference-data/analytes"}]"""));
        String tables = office().get().uri("/office/reference-data").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(tables).contains("href=\"/office/reference-data/branches\"", ">32<", "no (a subset)");
        assertThat(office().get().uri("/office").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("href=\"/office/reference-data\"");
        ANSWERS.clear(); // the stand-in matches by prefix: the list's answer would also answer the table
        ANSWERS.put("GET /api/reference-data/branches", new Answer(200, BRANCHES));

        String table = office().get().uri("/office/reference-data/branches?includeRetired=true").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(RECEIVED).containsKey("GET /api/reference-data/branches?includeRetired=true");
        assertThat(table).contains("3 entries", "DC voltage, current and resistance",
                "kcdb.office</span>, <time datetime=\"2026-12-01T10:00:00Z\">Dec 1, 2026, 10:00 AM UTC</time>",
                "<label for=\"value\">value</label>", "name=\"field.metrologyAreaLabel\"", "Retired",
                "aria-label=\"Retire EM/DC\"", "name=\"_csrf\"");
        String searched = office().get().uri("/office/reference-data/branches?q=voltage").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(searched).contains("2 entries", "EM/AC").doesNotContain(">Mass<");
    }

    @Test
    void anEntryIsAddedOrItsValueChangedWithTheFieldsTypedAndARefusalLandsNextToItsField() {
        ANSWERS.put("GET /api/reference-data/branches", new Answer(200, BRANCHES));
        ANSWERS.put("POST /api/reference-data/branches", new Answer(201, "{\"key\":\"EM/RF\"}"));
        office().mutateWith(csrf()).post().uri("/office/reference-data/branches")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("field.label=EM%2FRF&field.value=Radio+frequencies&field.metrologyAreaLabel=EM&action=add")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/office/reference-data/branches?done=added");
        assertThat(RECEIVED.get("POST /api/reference-data/branches"))
                .isEqualTo("{\"label\":\"EM/RF\",\"value\":\"Radio frequencies\",\"metrologyAreaLabel\":\"EM\"}");

        ANSWERS.put("PUT /api/reference-data/branches", new Answer(200, "{\"key\":\"EM/DC\"}"));
        office().mutateWith(csrf()).post().uri("/office/reference-data/branches")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("field.label=EM%2FDC&field.value=DC+and+low+frequency&field.metrologyAreaLabel=&action=replace")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/office/reference-data/branches?done=replaced");
        assertThat(RECEIVED.get("PUT /api/reference-data/branches"))
                .isEqualTo("{\"label\":\"EM/DC\",\"value\":\"DC and low frequency\"}");

        ANSWERS.put("POST /api/reference-data/branches", new Answer(422, """
                {"title":"Unprocessable","detail":"The entry is not valid.",
                 "errors":[{"field":"metrologyAreaLabel","message":"no such metrology area: XX"}]}"""));
        String refused = office().mutateWith(csrf()).post().uri("/office/reference-data/branches")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("field.label=XX%2FY&field.value=Other&field.metrologyAreaLabel=XX&action=add")
                .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("The entry is not valid.", "id=\"metrologyAreaLabel-error\"",
                "no such metrology area: XX", "aria-invalid=\"true\"", "value=\"XX/Y\"", "value=\"Other\"");
        assertThat(refused.indexOf("no such metrology area: XX", refused.indexOf("id=\"entry-form\"")))
                .isLessThan(refused.indexOf("id=\"metrologyAreaLabel\""));
    }

    @Test
    void anEntryIsRetiredByItsKey() {
        ANSWERS.put("POST /api/reference-data/branches/retirements", new Answer(200, "{\"key\":\"EM/AC\"}"));
        office().mutateWith(csrf()).post().uri("/office/reference-data/branches/retirements")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("key=EM%2FAC")
                .exchange().expectStatus().isSeeOther()
                .expectHeader().location("/office/reference-data/branches?done=retired");
        assertThat(RECEIVED.get("POST /api/reference-data/branches/retirements")).isEqualTo("{\"key\":\"EM/AC\"}");
        ANSWERS.put("GET /api/reference-data/branches", new Answer(200, BRANCHES));
        assertThat(office().get().uri("/office/reference-data/branches?done=retired").exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains("The entry is retired.");
    }

    static final String COMPARISONS = "[{\"identifier\":\"CCM.M-K1\",\"type\":\"KEY\",\"status\":\"PUBLISHED\"}]";

    static MultiValueMap<String, HttpEntity<?>> upload(String json, Map<String, String> fields) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        fields.forEach(parts::part);
        parts.part("file", new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "kcdb.json";
            }
        }).contentType(MediaType.APPLICATION_JSON);
        return parts.build();
    }

    String afterRedirect(EntityExchangeResult<byte[]> posted) {
        String session = posted.getResponseCookies().getFirst("KCDB_PORTAL_SESSION").getValue();
        return office().get().uri("/office").cookie("KCDB_PORTAL_SESSION", session).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void theComparisonMigrationReachesTheApiAsItIsAndItsReportOrRefusalIsShown() {
        assertThat(office().get().uri("/office").exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("action=\"/office/imports/comparisons\"", "<label for=\"comparison-file\"",
                        "data-upload-progress", "<progress id=\"comparison-import-bar\"", "/js/upload.js");
        ANSWERS.put("POST /api/kcdb/imports/comparisons", new Answer(200, """
                {"received":2,"imported":1,"updated":0,"unchanged":0,"rejectedCount":1,
                 "rejected":[{"index":1,"identifier":"CCEM-K2","errors":["registered on the platform"]}]}"""));
        String page = afterRedirect(office().mutateWith(csrf()).post().uri("/office/imports/comparisons")
                .contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(upload(COMPARISONS, Map.of())).exchange()
                .expectStatus().isSeeOther().expectHeader().location("/office").expectBody().returnResult());
        assertThat(RECEIVED.get("POST /api/kcdb/imports/comparisons")).isEqualTo(COMPARISONS);
        assertThat(page).contains("Migration of comparisons", "Imported from kcdb.json", "id=\"count-imported\">1<",
                "CCEM-K2", "registered on the platform");

        ANSWERS.put("POST /api/kcdb/imports/comparisons", new Answer(422, """
                {"type":"invalid-records","title":"Unprocessable","detail":"1 record is malformed; nothing was imported.",
                 "errors":[{"field":"data[0].evaluation.results[0].institute","message":"is not a participant"}]}"""));
        String refused = afterRedirect(office().mutateWith(csrf()).post().uri("/office/imports/comparisons")
                .contentType(MediaType.MULTIPART_FORM_DATA).bodyValue(upload(COMPARISONS, Map.of())).exchange()
                .expectStatus().isSeeOther().expectBody().returnResult());
        assertThat(refused).contains("Nothing imported from kcdb.json", "1 record is malformed",
                "data[0].evaluation.results[0].institute: is not a participant");
    }

    @Test
    void aReferenceDataTableFromTheKcdbIsImportedWithTheParentItWasAskedWith() {
        String branch = "{\"referenceData\":[{\"id\":12,\"label\":\"EM/DC\",\"value\":\"DC voltage\"}]}";
        ANSWERS.put("POST /api/kcdb/imports/reference-data/branch", new Answer(200,
                "{\"table\":\"branch\",\"parent\":\"areaId=3\",\"received\":1,\"changed\":true}"));
        String page = afterRedirect(office().mutateWith(csrf()).post().uri("/office/imports/reference-data")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload(branch, Map.of("table", "branch", "parentField", "areaId", "parentId", "3")))
                .exchange().expectStatus().isSeeOther().expectBody().returnResult());
        assertThat(RECEIVED.get("POST /api/kcdb/imports/reference-data/branch?areaId=3")).isEqualTo(branch);
        assertThat(page).contains("Import of a reference-data table", "id=\"count-table\">branch<",
                "id=\"count-parent\">areaId=3<", "id=\"count-changed\">true<");

        RECEIVED.clear();
        String noTable = afterRedirect(office().mutateWith(csrf()).post().uri("/office/imports/reference-data")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload(branch, Map.of("table", "../cmcs", "parentField", "", "parentId", "")))
                .exchange().expectStatus().isSeeOther().expectBody().returnResult());
        assertThat(RECEIVED).isEmpty();
        assertThat(noTable).contains("Choose the reference-data table the file holds.");
    }
}
