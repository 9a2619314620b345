package org.bipm.kcdb.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import org.bipm.kcdb.portal.StandInGateway.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The CMC writer's pages beyond the physics form, against the stand-in gateway: the chemistry and radiation forms
 * with their cascades, the field check and SI conversion as the writer types (the API's validation and unit reader),
 * two versions side by side, modification and deletion requests of a published CMC, the bulk import. Each test
 * asserts what the API received and what the writer sees.
 */
class WriterPagesTest extends PortalPageTest {

    @BeforeEach
    void setUp() {
        GATEWAY.headers.put("ETag", "\"3\"");
    }

    private String post(String uri, String form, int status) {
        return writer().mutateWith(csrf()).post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form).exchange().expectStatus().isEqualTo(status).expectBody(String.class)
                .returnResult().getResponseBody();
    }

    @Test
    void theChemistryFormCascadesFromTheCategoryAndSavesWhatWasTyped() {
        ANSWERS.put("GET /api/reference-data/chemistry-categories", new Answer(200, """
                {"content":[{"label":"5","value":"Water"},{"label":null,"value":"Food"}]}"""));
        ANSWERS.put("GET /api/reference-data/analytes", new Answer(200,
                "{\"content\":[{\"label\":\"lead\",\"value\":\"lead\"}]}"));
        ANSWERS.put("GET /api/reference-data/chemistry-sub-categories", new Answer(200,
                "{\"content\":[{\"categoryLabel\":\"5\",\"label\":\"1\",\"value\":\"Fresh water\"}]}"));
        String page = writer().get().uri("/cmcs/new?domain=CHEM-BIO").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("New chemistry and biology CMC", "<label for=\"categoryLabel\"", "5 – Water",
                        "name=\"domainCode\" value=\"CHEM-BIO\"", "list=\"analyteValue-options\"", "value=\"lead\"",
                        "<label for=\"analyteMatrix\"")
                .doesNotContain("Fresh water", "Food", "name=\"domainCode\" value=\"PHYSICS\"", "metrologyAreaLabel\" name");
        String next = writer().get().uri("/cmcs/classification?domainCode=CHEM-BIO&categoryLabel=5")
                .header("HX-Request", "true").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(next).contains("<option value=\"1\">1 – Fresh water</option>", "id=\"classification\"")
                .doesNotContain("<html");
        assertThat(RECEIVED).containsKey("GET /api/reference-data/chemistry-sub-categories?categoryLabel=5");
        ANSWERS.put("POST /api/cmcs", new Answer(201, "{\"id\":\"c-9\",\"status\":\"DRAFT\"}"));
        writer().mutateWith(csrf()).post().uri("/cmcs").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("domainCode=CHEM-BIO&metrologyAreaLabel=QM&categoryLabel=5&subCategoryLabel=1"
                        + "&analyteValue=lead&analyteMatrix=river+water&measurementTechnique=ID-ICP-MS"
                        + "&quantityValue=Mass+fraction&cmc.lowerLimit=0.001&cmc.upperLimit=10&cmc.unit=%C2%B5g%2Fkg")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/cmcs/c-9?done=saved");
        assertThat(RECEIVED.get("POST /api/cmcs")).isEqualTo("{\"domainCode\":\"CHEM-BIO\",\"metrologyAreaLabel\":"
                + "\"QM\",\"quantityValue\":\"Mass fraction\",\"cmc\":{\"lowerLimit\":0.001,\"upperLimit\":10.0,"
                + "\"unit\":\"µg/kg\"},\"categoryLabel\":\"5\",\"subCategoryLabel\":\"1\",\"analyteValue\":\"lead\","
                + "\"analyteMatrix\":\"river water\",\"measurementTechnique\":\"ID-ICP-MS\"}");
    }

    @Test
    void theRadiationFormOffersTheBranchsQuantitiesSourcesAndMedia() {
        ANSWERS.put("GET /api/reference-data/branches", new Answer(200, """
                {"content":[{"label":"DOS","value":"Dosimetry","areaLabel":"RI"},
                 {"label":"RAD","value":"Radioactivity","areaLabel":"RI"}]}"""));
        ANSWERS.put("GET /api/reference-data/nuclides", new Answer(200,
                "{\"content\":[{\"label\":\"Co-60\",\"value\":\"Co-60\"}]}"));
        ANSWERS.put("GET /api/reference-data/quantities", new Answer(200,
                "{\"content\":[{\"label\":\"2\",\"value\":\"Absorbed dose/rate to water\",\"radiationBranchLabel\":\"DOS\"}]}"));
        ANSWERS.put("GET /api/reference-data/radiation-sources", new Answer(200,
                "{\"content\":[{\"label\":\"6\",\"value\":\"Photons, high energy\",\"branchLabel\":\"DOS\"}]}"));
        ANSWERS.put("GET /api/reference-data/radiation-media", new Answer(200,
                "{\"content\":[{\"label\":\"4\",\"value\":\"Graphite\",\"branchLabel\":\"DOS\"}]}"));
        String page = writer().get().uri("/cmcs/new?domain=RADIATION").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("New ionizing radiation CMC", "DOS – Dosimetry", "value=\"Co-60\"",
                        "<select id=\"quantityValue\" name=\"quantityValue\" disabled")
                .doesNotContain("Absorbed dose/rate to water", "Graphite", "<input id=\"quantityValue\"");
        assertThat(RECEIVED).containsKey("GET /api/reference-data/branches?areaLabel=RI");
        String next = writer().get().uri("/cmcs/classification?domainCode=RADIATION&branchLabel=DOS&sourceValue=Gamma")
                .header("HX-Request", "true").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(next).contains("Absorbed dose/rate to water", "value=\"Photons, high energy\"", "value=\"Graphite\"",
                "name=\"sourceValue\" value=\"Gamma\"");
        assertThat(RECEIVED).containsKey("GET /api/reference-data/quantities?radiationBranchLabel=DOS")
                .containsKey("GET /api/reference-data/radiation-sources?branchLabel=DOS");
        ANSWERS.put("POST /api/cmcs", new Answer(201, "{\"id\":\"c-8\",\"status\":\"DRAFT\"}"));
        post("/cmcs", "domainCode=RADIATION&metrologyAreaLabel=RI&branchLabel=DOS"
                + "&quantityValue=Absorbed+dose%2Frate+to+water&sourceValue=Photons%2C+high+energy"
                + "&mediumValue=Graphite&nuclideValue=Co-60", 303);
        assertThat(RECEIVED.get("POST /api/cmcs")).isEqualTo("{\"domainCode\":\"RADIATION\",\"metrologyAreaLabel\":"
                + "\"RI\",\"branchLabel\":\"DOS\",\"quantityValue\":\"Absorbed dose/rate to water\",\"sourceValue\":"
                + "\"Photons, high energy\",\"mediumValue\":\"Graphite\",\"nuclideValue\":\"Co-60\"}");
    }

    @Test
    void leavingAFieldShowsTheApisFaultForThatFieldOnly() {
        ANSWERS.put("POST /api/cmcs/validation", new Answer(200, """
                {"valid":false,"errors":[{"field":"cmc.unit","message":"'Vx' is not a unit this service reads"},
                 {"field":"cmc.lowerLimit","message":"must not exceed the upper limit"}],
                 "cmcBaseUnit":null,"cmcUncertaintyBaseUnit":null}"""));
        String form = "domainCode=PHYSICS&quantityValue=DC+voltage&cmc.lowerLimit=10&cmc.upperLimit=1&cmc.unit=Vx";
        String answer = post("/cmcs/check?field=cmc.unit", form, 200);
        assertThat(answer.strip()).startsWith("<p class=\"field-error\" role=\"alert\" id=\"cmc-unit-error\"")
                .contains("&#39;Vx&#39; is not a unit this service reads").doesNotContain("upper limit", "<html");
        assertThat(RECEIVED.get("POST /api/cmcs/validation")).isEqualTo("{\"domainCode\":\"PHYSICS\","
                + "\"quantityValue\":\"DC voltage\",\"cmc\":{\"lowerLimit\":10.0,\"upperLimit\":1.0,\"unit\":\"Vx\"}}");
        assertThat(post("/cmcs/check?field=quantityValue", form, 200)).doesNotContain("field-error");
        // A number that does not read is the API's 400 with the field's error, shown the same way.
        ANSWERS.put("POST /api/cmcs/validation", new Answer(400, """
                {"title":"Bad Request","status":400,"detail":"The body does not read.",
                 "errors":[{"field":"coverageFactor","message":"must be a number"}]}"""));
        assertThat(post("/cmcs/check?field=coverageFactor", "coverageFactor=two", 200))
                .contains("id=\"coverageFactor-error\"", "must be a number");
        // The form asks on leaving each field, with the check's address on the form.
        ANSWERS.put("GET /api/reference-data/metrology-areas", new Answer(200, "{\"content\":[]}"));
        assertThat(writer().get().uri("/cmcs/new").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("data-check-url=\"/cmcs/check\"", "id=\"cmc-unit-check\"",
                "hx-post=\"/cmcs/conversion?range=cmc\"", "id=\"cmc-si\"");
    }

    @Test
    void theRangeShowsInSiUnitsAsTheApiReadsItsUnit() {
        ANSWERS.put("POST /api/cmcs/validation", new Answer(200, """
                {"valid":true,"errors":[],"cmcBaseUnit":{"lowerLimit":0.001,"upperLimit":0.01,"unit":"V"}}"""));
        assertThat(post("/cmcs/conversion?range=cmc", "cmc.lowerLimit=1&cmc.upperLimit=10&cmc.unit=mV", 200))
                .contains("In SI units: 0.001 to 0.01 V");
        // No limits yet: how the unit reads, from the API's unit reader.
        ANSWERS.put("POST /api/cmcs/validation", new Answer(200, "{\"valid\":true,\"errors\":[],\"cmcBaseUnit\":null}"));
        ANSWERS.put("GET /api/reference-data/units", new Answer(200,
                "{\"symbol\":\"mV\",\"siUnit\":\"V\",\"factor\":0.001,\"logarithmic\":false}"));
        assertThat(post("/cmcs/conversion?range=cmc", "cmc.unit=mV", 200)).contains("1 mV = 0.001 V");
        assertThat(RECEIVED).containsKey("GET /api/reference-data/units?symbol=mV");
        ANSWERS.put("GET /api/reference-data/units", new Answer(400, """
                {"title":"Bad Request","detail":"'furlong' is not a unit","errors":[{"field":"symbol","message":"x"}]}"""));
        String unreadable = post("/cmcs/conversion?range=cmcUncertainty", "cmcUncertainty.unit=furlong", 200);
        assertThat(unreadable).as("the unit's fault goes to the unit field's slot, where leaving the field puts it too")
                .contains("<div id=\"cmcUncertainty-unit-check\" hx-swap-oob=\"innerHTML\"><p",
                        "id=\"cmcUncertainty-unit-error\"", "&#39;furlong&#39; is not a unit");
        assertThat(unreadable.split("is not a unit", -1)).as("once").hasSize(2);
        assertThat(unreadable.substring(0, unreadable.indexOf("<div"))).doesNotContain("field-error");
        ANSWERS.put("GET /api/reference-data/units", new Answer(200,
                "{\"symbol\":\"mV\",\"siUnit\":\"V\",\"factor\":0.001,\"logarithmic\":false}"));
        assertThat(post("/cmcs/conversion?range=cmcUncertainty", "cmcUncertainty.unit=mV", 200))
                .as("a unit that reads clears the slot").contains("1 mV = 0.001 V",
                        "<div id=\"cmcUncertainty-unit-check\" hx-swap-oob=\"innerHTML\"></div>");
    }

    static final String HISTORY = """
            [{"at":"2026-12-01T08:00:00Z","by":"writer.ptb","action":"CREATED","toStatus":"DRAFT","changes":[
               {"field":"quantityValue","oldValue":null,"newValue":"DC voltage"},
               {"field":"cmc","oldValue":null,"newValue":"Range[lowerLimit=1.0, upperLimit=10.0, unit=V]"},
               {"field":"instrument","oldValue":null,"newValue":"Zener"}]},
             {"at":"2026-12-02T08:00:00Z","by":"writer.ptb","action":"EDITED","changes":[
               {"field":"cmc","oldValue":"Range[lowerLimit=1.0, upperLimit=10.0, unit=V]",
                "newValue":"Range[lowerLimit=1.0, upperLimit=10.0, unit=mV]"},
               {"field":"cmcUncertainty","oldValue":null,"newValue":"Range[lowerLimit=5.0E-6, upperLimit=5.0E-6, unit=V/V]"}]},
             {"at":"2026-12-02T09:00:00Z","by":"writer.ptb","action":"SUBMITTED","toStatus":"SUBMITTED","changes":[]},
             {"at":"2026-12-03T08:00:00Z","by":"writer.ptb","action":"EDITED","changes":[
               {"field":"instrument","oldValue":"Zener","newValue":null},
               {"field":"comments","oldValue":null,"newValue":"new array"}]}]""";

    @Test
    void anyTwoVersionsAreShownSideBySideWithTheirDifferencesMarked() {
        ANSWERS.put("GET /api/cmcs/c-1/history", new Answer(200, HISTORY));
        ANSWERS.put("GET /api/cmcs/c-1", new Answer(200, "{\"id\":\"c-1\",\"status\":\"DRAFT\"}"));
        String latest = writer().get().uri("/cmcs/c-1/versions").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(latest).contains("Version 2 and version 3, side by side", "2 fields differ.",
                "<del>Zener</del>", "<ins>new array</ins>", "<option value=\"3\" selected=\"selected\"");
        String first = writer().get().uri("/cmcs/c-1/versions?a=1&b=2").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(first).contains("2 fields differ.", "<del>1 – 10 V</del>", "<ins>1 – 10 mV</ins>",
                        "<ins>5 × 10⁻⁶ V/V</ins>")
                .doesNotContain("new array", "Range[");
        assertThat(first.indexOf("<del>1 – 10 V</del>")).isLessThan(first.indexOf("<ins>1 – 10 mV</ins>"));
    }

    static final String PUBLISHED = """
            {"id":"c-5","status":"PUBLISHED","kcdbCode":"EURAMET-EM-DE-00000001-1","domainCode":"PHYSICS",
             "quantityValue":"DC voltage","instrument":"Zener","institute":"PTB"}""";

    @Test
    void aPublishedCmcOffersAModificationPostedAsANewDraftOfItsCode() {
        ANSWERS.put("GET /api/cmcs/c-5/history", new Answer(200, "[]"));
        ANSWERS.put("GET /api/cmcs/c-5", new Answer(200, PUBLISHED));
        ANSWERS.put("GET /api/reference-data/metrology-areas", new Answer(200, "{\"content\":[]}"));
        assertThat(writer().get().uri("/cmcs/c-5").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).contains("href=\"/cmcs/c-5/modification\"", "id=\"request-deletion\"",
                "<label for=\"deletion-reason\"").doesNotContain("id=\"submit-cmc\"");
        String form = writer().get().uri("/cmcs/c-5/modification").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(form).contains("Modification of EURAMET-EM-DE-00000001-1",
                "action=\"/cmcs/modifications/EURAMET-EM-DE-00000001-1\"", "value=\"Zener\"");
        ANSWERS.put("POST /api/cmcs/EURAMET-EM-DE-00000001-1/modifications",
                new Answer(201, "{\"id\":\"c-6\",\"status\":\"DRAFT\"}"));
        writer().mutateWith(csrf()).post().uri("/cmcs/modifications/EURAMET-EM-DE-00000001-1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("domainCode=PHYSICS&quantityValue=DC+voltage&instrument=Josephson+array").exchange()
                .expectStatus().isSeeOther().expectHeader().location("/cmcs/c-6?done=modification");
        assertThat(RECEIVED.get("POST /api/cmcs/EURAMET-EM-DE-00000001-1/modifications")).isEqualTo(
                "{\"domainCode\":\"PHYSICS\",\"quantityValue\":\"DC voltage\",\"instrument\":\"Josephson array\"}");
    }

    @Test
    void aDeletionRequestSendsTheReasonAndARefusalIsShownNextToIt() {
        ANSWERS.put("GET /api/cmcs/c-5/history", new Answer(200, "[]"));
        ANSWERS.put("GET /api/cmcs/c-5", new Answer(200, PUBLISHED));
        ANSWERS.put("POST /api/cmcs/EURAMET-EM-DE-00000001-1/deletion-requests", new Answer(201,
                "{\"id\":\"c-7\",\"status\":\"SUBMITTED\"}"));
        writer().mutateWith(csrf()).post().uri("/cmcs/c-5/deletion-request")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("reason=Service+discontinued")
                .exchange().expectStatus().isSeeOther().expectHeader().location("/cmcs/c-7?done=deletionRequested");
        assertThat(RECEIVED.get("POST /api/cmcs/EURAMET-EM-DE-00000001-1/deletion-requests"))
                .isEqualTo("{\"reason\":\"Service discontinued\"}");
        ANSWERS.put("POST /api/cmcs/EURAMET-EM-DE-00000001-1/deletion-requests", new Answer(422, """
                {"title":"Unprocessable","status":422,"detail":"Say why the CMC should be deleted.",
                 "errors":[{"field":"reason","message":"is required"}]}"""));
        String page = post("/cmcs/c-5/deletion-request", "reason=", 422);
        assertThat(page).contains("Say why the CMC should be deleted.", "id=\"deletion-reason-error\"",
                "aria-describedby=\"deletion-reason-error\"");
    }

    @Test
    void anImportStreamsTheFileToTheApiAndItsPageShowsEachRowsFaults() {
        String page = writer().get().uri("/cmcs/import").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(page).contains("href=\"/cmcs/import/template?format=csv\"", "href=\"/cmcs/import/template?format=xlsx\"",
                "<label for=\"file\"", "enctype=\"multipart/form-data\"", "name=\"_csrf\"");
        ANSWERS.put("GET /api/cmcs/imports/template", new Answer(200, "domainCode,quantityValue,cmc.unit\n",
                "text/csv;charset=UTF-8"));
        assertThat(writer().get().uri("/cmcs/import/template?format=csv").exchange().expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8").expectBody(String.class).returnResult()
                .getResponseBody()).isEqualTo("domainCode,quantityValue,cmc.unit\n");
        assertThat(RECEIVED).containsKey("GET /api/cmcs/imports/template?format=csv");

        ANSWERS.put("POST /api/cmcs/imports", new Answer(202, "{\"id\":\"j-1\",\"status\":\"RUNNING\"}"));
        org.springframework.http.client.MultipartBodyBuilder upload = new org.springframework.http.client.MultipartBodyBuilder();
        upload.part("file", new org.springframework.core.io.ByteArrayResource(
                "domainCode,quantityValue\nPHYSICS,DC voltage\n".getBytes()) {
            @Override
            public String getFilename() {
                return "ours.csv";
            }
        }).contentType(MediaType.valueOf("text/csv"));
        upload.part("allOrNothing", "true");
        writer().mutateWith(csrf()).post().uri("/cmcs/import").contentType(MediaType.MULTIPART_FORM_DATA)
                .bodyValue(upload.build()).exchange().expectStatus().isSeeOther()
                .expectHeader().location("/cmcs/import/j-1");
        assertThat(RECEIVED.get("POST /api/cmcs/imports")).contains("name=\"file\"; filename=\"ours.csv\"",
                "domainCode,quantityValue\nPHYSICS,DC voltage\n", "name=\"allOrNothing\"", "true");

        ANSWERS.put("GET /api/cmcs/imports/j-1", new Answer(200, """
                {"id":"j-1","fileName":"ours.csv","status":"RUNNING","rowsRead":120,"draftsCreated":119,
                 "errorCount":1,"errors":[]}"""));
        assertThat(writer().get().uri("/cmcs/import/j-1").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).as("before the job has counted its rows: no share, the bar working")
                .contains("data-events=\"/cmcs/import/j-1/events\"></progress>", "data-count=\"rowsRead\">120<",
                        "id=\"import-share\" hidden=\"hidden\"");
        ANSWERS.put("GET /api/cmcs/imports/j-1", new Answer(200, """
                {"id":"j-1","fileName":"ours.csv","status":"RUNNING","rowsRead":120,"rowsTotal":500,"draftsCreated":119,
                 "errorCount":1,"errors":[]}"""));
        String share = writer().get().uri("/cmcs/import/j-1").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(share).contains("max=\"500\" value=\"120\"", "data-count=\"rowsTotal\">500<",
                "data-count=\"percent\">24<").doesNotContain("id=\"import-share\" hidden");
        ANSWERS.put("GET /api/cmcs/imports/j-1", new Answer(200, """
                {"id":"j-1","fileName":"ours.csv","status":"COMPLETED","rowsRead":3,"rowsValid":2,"draftsCreated":2,
                 "errorCount":1,"errors":[{"row":3,"column":"cmc.unit","message":"'Vx' is not a unit"}]}"""));
        String done = writer().get().uri("/cmcs/import/j-1").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(done).contains("The import is complete.", "id=\"import-errors\"", "<td>3</td>",
                "<code>cmc.unit</code>", "&#39;Vx&#39; is not a unit").doesNotContain("data-events");
    }

    @Test
    void theJobsEventsAreRelayedWithTheirCountsOnly() {
        ANSWERS.put("GET /api/cmcs/imports/j-2/events", new Answer(200, """
                event:progress
                id:100
                data:{"id":"j-2","institute":"PTB","status":"RUNNING","rowsRead":100,"rowsTotal":200,"rowsValid":99,"draftsCreated":99,"errorCount":1,"errors":[{"row":5,"column":"cmc.unit","message":"x"}]}

                event:completed
                id:200
                data:{"id":"j-2","institute":"PTB","status":"COMPLETED","rowsRead":200,"rowsValid":199,"draftsCreated":199,"errorCount":1,"errors":[]}

                """, "text/event-stream"));
        String stream = writer().get().uri("/cmcs/import/j-2/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(stream).contains("event:progress", "\"rowsRead\":100,\"rowsTotal\":200", "event:completed",
                        "\"rowsRead\":200")
                .doesNotContain("institute", "errors");
    }

    @Test
    void anyoneSearchesADomainWithItsCriteriaPagesAndExportsTheResult() {
        ANSWERS.put("POST /api/kcdb/cmc/searchData/radiation", new Answer(200, """
                {"pageNumber":1,"pageSize":20,"totalElements":45,"totalPages":3,"data":[
                 {"kcdbCode":"EURAMET-RI-DE-00000001-1","status":"Published","nmiCode":"PTB","countryValue":"Germany",
                  "quantityValue":"Activity","nuclideValue":"Co-60"}]}"""));
        String page = http.get().uri("/search/radiation?branchLabel=RAD&nuclideLabel=Co-60&countries=DE,+FR&page=1")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(RECEIVED.get("POST /api/kcdb/cmc/searchData/radiation")).isEqualTo("{\"page\":1,\"pageSize\":20,"
                + "\"showTable\":false,\"branchLabel\":\"RAD\",\"nuclideLabel\":\"Co-60\",\"countries\":[\"DE\",\"FR\"]}");
        assertThat(page).contains("Search ionizing radiation CMCs", "<label for=\"nuclideLabel\"", "value=\"Co-60\"",
                "EURAMET-RI-DE-00000001-1", "Page 2 of 3", "<th scope=\"col\">Nuclide or source</th>",
                "<td>Co-60</td>", "<td>PTB (Germany)</td>",
                "href=\"/search/radiation?branchLabel=RAD&amp;nuclideLabel=Co-60&amp;countries=DE,%20FR&amp;page=0\"",
                "href=\"/search/radiation/export?branchLabel=RAD&amp;nuclideLabel=Co-60&amp;countries=DE,%20FR&amp;format=xlsx\"")
                .doesNotContain("<label for=\"analyteLabel\"");
        ANSWERS.put("POST /api/kcdb/cmc/export/radiation", new Answer(200, "kcdbCode,nmiCode\nEURAMET-RI-DE-00000001-1,PTB\n",
                "text/csv;charset=UTF-8"));
        assertThat(http.get().uri("/search/radiation/export?branchLabel=RAD&format=csv").exchange().expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals("Content-Disposition", "attachment; filename=\"kcdb-radiation.csv\"")
                .expectBody(String.class).returnResult().getResponseBody()).contains("EURAMET-RI-DE-00000001-1,PTB");
        assertThat(RECEIVED.get("POST /api/kcdb/cmc/export/radiation?format=csv")).isEqualTo("{\"branchLabel\":\"RAD\"}");
        http.get().uri("/search/astrology").exchange().expectStatus().isNotFound();
    }
}
