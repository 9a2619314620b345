package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The portal in a real Chromium (Debian's chromium and chromium-driver, through {@link PortalBrowser}), on the same
 * one platform as the API's end-to-end test: the public search finds a published CMC; a writer signs in through
 * Keycloak's own login page, drafts a physics CMC, sees the field error the API returned next to its field, fixes it,
 * saves and submits. axe-core checks every portal page visited for serious or critical accessibility violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class PortalBrowserTest {

    private Platform platform;
    private PortalBrowser ui;

    @BeforeAll
    void openBrowser(Platform platform) {
        this.platform = platform;
        this.ui = PortalBrowser.open(platform);
    }

    @AfterAll
    void closeBrowser() {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void anyoneFindsAPublishedCmcInThePublicSearchAndOpensItsPage() {
        String kcdbOffice = Http.passwordToken(platform.tokenUrl(), "kcdb.office");
        long id = 8_000_000L + Math.abs(UUID.randomUUID().hashCode() % 1_000_000);
        String code = "EURAMET-EM-DE-" + String.format("%08X", id) + "-1";
        String instrument = "Browser-test Zener standard " + id;
        Map<String, Object> record = Map.ofEntries(Map.entry("id", id), Map.entry("kcdbCode", code),
                Map.entry("status", "Published"), Map.entry("domainCode", "PHYSICS"),
                Map.entry("metrologyAreaLabel", "EM"), Map.entry("rmo", "EURAMET"), Map.entry("nmiCode", "PTB"),
                Map.entry("quantityValue", "DC voltage"), Map.entry("branchLabel", "EM/DC"),
                Map.entry("physicsCode", "1.1.1"), Map.entry("instrument", instrument),
                Map.entry("cmc", Map.of("lowerLimit", 1, "upperLimit", 10, "unit", "V")),
                Map.entry("cmcUncertainty", Map.of("lowerLimit", 0.1, "upperLimit", 0.5, "unit", "µV/V")),
                Map.entry("uncertaintyMode", "Relative"), Map.entry("coverageFactor", 2),
                Map.entry("confidenceLevel", 95), Map.entry("publicationDate", "2009-03-12"));
        Http.Response imported = new Http(platform.gatewayUrl()).post("/api/kcdb/imports", kcdbOffice,
                List.of(record));
        assertThat(imported.status()).isEqualTo(200);

        Instant deadline = Instant.now().plusSeconds(30);
        boolean found = false;
        while (!found && Instant.now().isBefore(deadline)) {
            ui.go("/");
            WebElement keywords = ui.wait.until(ExpectedConditions.elementToBeClickable(By.id("keywords")));
            keywords.sendKeys("\"" + instrument + "\"");
            ui.driver.findElement(By.cssSelector("form.search button[type=submit]")).click();
            ui.waitForUrl("keywords=");
            ui.byId("results-heading");
            found = !ui.driver.findElements(By.linkText(code)).isEmpty();
        }
        assertThat(found).as("the public search finds " + code).isTrue();
        ui.assertAccessible("search results");
        ui.screenshot("search");

        ui.driver.findElement(By.linkText(code)).click();
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), code));
        assertThat(ui.driver.getPageSource()).contains(instrument, "Published");
        ui.assertAccessible("public CMC page");
        ui.screenshot("public-cmc");

        // The language switch: French, kept on the next page.
        ui.driver.findElement(By.linkText("Français")).click();
        ui.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".site-header nav"),
                "Chercher dans la KCDB"));
        ui.go("/search");
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Chercher dans la KCDB"));
        ui.assertAccessible("search page in French");
        // A phone's width: the same page in one column.
        ui.driver.manage().window().setSize(new Dimension(390, 844));
        ui.assertAccessible("search page at a phone's width");
        ui.screenshot("search-phone-fr");
        ui.driver.manage().window().setSize(new Dimension(1280, 900));
        ui.driver.findElement(By.linkText("English")).click();
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Search the KCDB"));
    }

    @Test
    void aWriterDraftsAPhysicsCmcFixesTheFieldTheApiRefusedAndSubmitsIt() {
        ui.signIn("/cmcs", "writer.ptb");
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Our CMCs"));
        ui.assertAccessible("the writer's CMCs");

        ui.driver.findElement(By.linkText("New CMC")).click();
        ui.wait.until(ExpectedConditions.elementToBeClickable(By.id("metrologyAreaLabel")));
        ui.assertAccessible("the empty CMC form");
        ui.choose("metrologyAreaLabel", "EM");
        ui.choose("branchLabel", "EM/DC");
        ui.choose("serviceLabel", "1");
        ui.choose("subServiceLabel", "1");
        ui.choose("individualServiceLabel", "1");
        ui.type("quantityValue", "DC voltage");
        ui.type("instrument", "Zener voltage standard");
        ui.type("instrumentMethod", "Comparison with a Josephson array voltage standard");
        ui.type("parameters-0-parameterName", "Temperature");
        ui.type("parameters-0-parameterValue", "23 °C ± 1 °C");
        ui.type("cmc-lowerLimit", "1");
        ui.type("cmc-upperLimit", "10");
        ui.type("cmc-unit", "furlong per fortnight");
        ui.type("cmcUncertainty-lowerLimit", "0.05");
        ui.type("cmcUncertainty-upperLimit", "0.5");
        ui.type("cmcUncertainty-unit", "µV/V");
        ui.select("uncertaintyMode", "Relative");
        ui.type("coverageFactor", "2");
        ui.type("confidenceLevel", "95");
        ui.type("traceabilitySource", "PTB");
        ui.type("nmiServiceCode", "PTB-2.11-BROWSER");
        ui.type("qmsStatementRef", "EURAMET TC-Q 2026/01");
        ui.driver.findElement(By.id("save-cmc")).click();

        // The API refused the unit: its message stands next to the unit field, and the field says it is invalid.
        ui.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cmc-unit-error")));
        assertThat(ui.text(By.id("cmc-unit-error"))).isNotBlank();
        ui.attributeIs("cmc-unit", "aria-invalid", "true");
        assertThat(ui.driver.findElement(By.id("cmc-unit")).getAttribute("value")).isEqualTo("furlong per fortnight");
        assertThat(ui.driver.findElement(By.id("instrument")).getAttribute("value")).isEqualTo("Zener voltage standard");
        ui.assertAccessible("the CMC form with a field error");
        ui.screenshot("cmc-form-field-error");

        ui.type("cmc-unit", "V");
        ui.driver.findElement(By.id("save-cmc")).click();
        ui.waitForUrl("done=saved");
        assertThat(ui.status()).isEqualTo("DRAFT");
        assertThat(ui.driver.getPageSource()).contains("The draft is saved.");
        ui.assertAccessible("the saved draft");

        ui.driver.findElement(By.id("submit-cmc")).click();
        ui.waitForUrl("done=submitted");
        assertThat(ui.status()).isIn("SUBMITTED", "INTRA_RMO_REVIEW");
        assertThat(ui.driver.findElement(By.id("history-heading")).isDisplayed()).isTrue();
        assertThat(ui.driver.findElements(By.cssSelector(".history li"))).hasSizeGreaterThanOrEqualTo(2);
        ui.assertAccessible("the submitted CMC");
        ui.screenshot("cmc-submitted");

        ui.driver.findElement(By.linkText("Back to our CMCs")).click();
        ui.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Our CMCs"));
        assertThat(ui.driver.getPageSource()).contains("DC voltage");

        // Signing out ends the Keycloak session too: the next page that needs a login asks for it again.
        ui.signOut();
        assertThat(ui.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Search the KCDB");
        ui.go("/cmcs");
        ui.byId("kc-login");
    }
}
