package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bipm.kcdb.platform.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The CMC writer's portal in a real Chromium on the shared platform, signed in once through Keycloak: a chemistry
 * CMC drafted with its cascading choices, the unit's fault shown as the writer leaves the field (the API's own
 * rule) and the SI conversion as the writer types, fixed, saved, edited, its two versions compared side by side; a
 * CSV import with one bad row reported by row and column; the draft submitted. axe-core on every page visited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
class WriterPortalBrowserTest {

    private Platform platform;
    private String portal;
    private PortalBrowser browser;
    /** The chemistry draft's page, for the submission at the end. */
    private String draftUrl;

    @BeforeAll
    void signIn(Platform platform) throws IOException {
        browser = PortalBrowser.open(platform);
        this.platform = platform;
        this.portal = platform.gatewayUrl();
        browser.signIn("/cmcs", "writer.ptb");
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Our CMCs"));
    }

    @AfterAll
    void close() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aWriterDraftsAChemistryCmcSeeingEachFaultAsTheyLeaveTheFieldAndComparesTwoVersions() {
        browser.driver.findElement(By.linkText("New chemistry and biology CMC")).click();
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("categoryLabel")));
        browser.assertAccessible("the chemistry CMC form");
        browser.choose("categoryLabel", "5");
        browser.choose("subCategoryLabel", "1");
        browser.type("analyteValue", "lead");
        browser.type("analyteMatrix", "river water");
        browser.type("measurementTechnique", "ID-ICP-MS");
        browser.type("quantityValue", "Mass fraction");
        browser.type("cmc-lowerLimit", "0.001");
        browser.type("cmc-upperLimit", "10");
        browser.type("cmc-unit", "furlong");
        // Leaving the unit: the API's rule, its message next to the field, before anything is saved.
        browser.driver.findElement(By.id("cmc-unit")).sendKeys(Keys.TAB);
        // Located again on every look: leaving the field may swap its fragment more than once (blur and change).
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cmc-unit-error"), "furlong"));
        browser.attributeIs("cmc-unit", "aria-invalid", "true");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/cmcs/new?domain=CHEM-BIO");
        browser.assertAccessible("the chemistry form with the unit's fault");
        browser.screenshot("cmc-form-field-check");

        // Fixed: the fault goes, and the range shows in SI units as the API reads it (1 µg/kg = 1e-9).
        browser.type("cmc-unit", "µg/kg");
        browser.driver.findElement(By.id("cmc-unit")).sendKeys(Keys.TAB);
        browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cmc-unit-error")));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cmc-si"), "In SI units"));
        browser.attributeIs("cmc-unit", "aria-invalid", null);
        browser.type("cmcUncertainty-lowerLimit", "1");
        browser.type("cmcUncertainty-upperLimit", "10");
        browser.type("cmcUncertainty-unit", "%");
        browser.select("uncertaintyMode", "Relative");
        browser.type("coverageFactor", "2");
        browser.type("confidenceLevel", "95");
        browser.type("traceabilitySource", "PTB");
        browser.type("qmsStatementRef", "EURAMET TC-Q 2026/02");
        browser.screenshot("cmc-form-chemistry");
        browser.driver.findElement(By.id("save-cmc")).click();
        browser.wait.until(ExpectedConditions.urlContains("done=saved"));
        assertThat(browser.status()).isEqualTo("DRAFT");
        draftUrl = browser.driver.getCurrentUrl().replaceAll("\\?.*", "");

        browser.driver.findElement(By.linkText("Edit")).click();
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("analyteMatrix")));
        browser.type("analyteMatrix", "river water and drinking water");
        browser.driver.findElement(By.id("save-cmc")).click();
        browser.wait.until(ExpectedConditions.urlContains("done=saved"));

        browser.driver.findElement(By.id("compare-versions")).click();
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Compare versions"));
        assertThat(browser.driver.findElement(By.id("differences")).getText()).isEqualTo("One field differs.");
        WebElement changed = browser.driver.findElement(By.cssSelector("table.diff tr.differs"));
        assertThat(changed.getText()).contains("analyteMatrix", "river water", "river water and drinking water");
        browser.assertAccessible("two versions side by side");
        browser.screenshot("cmc-versions");
    }

    @Test
    @Order(2)
    void anImportWithOneBadRowReportsItsRowAndColumn() throws IOException {
        browser.driver.get(portal + "/cmcs/import");
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Import CMCs from a file"));
        assertThat(browser.driver.findElement(By.id("template-csv")).getAttribute("href"))
                .endsWith("/cmcs/import/template?format=csv");
        browser.assertAccessible("the import page");
        Path csv = Files.createTempFile("kcdb-import-", ".csv");
        Files.writeString(csv, """
                domainCode,metrologyAreaLabel,branchLabel,serviceLabel,subServiceLabel,quantityValue,instrument,cmc.lowerLimit,cmc.upperLimit,cmc.unit
                PHYSICS,EM,EM/DC,1,1,DC voltage,Imported Zener standard,1,10,V
                PHYSICS,EM,EM/DC,1,1,DC voltage,Imported Zener standard,1,10,furlong
                """, StandardCharsets.UTF_8);
        try {
            browser.driver.findElement(By.id("file")).sendKeys(csv.toString());
            browser.driver.findElement(By.id("start-import")).click();
            // The job's page: while it runs the progress bar follows its events; once done, the counts and faults.
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-status")));
        } finally {
            Files.deleteIfExists(csv);
        }
        browser.screenshot("cmc-import");
        String report = browser.driver.findElement(By.id("main")).getText();
        assertThat(browser.driver.findElement(By.id("import-status")).getText()).as(report)
                .isEqualTo("The import is complete.");
        WebElement faults = browser.driver.findElement(By.id("import-errors"));
        assertThat(faults.findElements(By.cssSelector("tbody tr"))).as(report).hasSize(1);
        assertThat(faults.findElement(By.cssSelector("tbody tr")).getText()).as(report).startsWith("3 cmc.unit")
                .contains("furlong");
        assertThat(browser.driver.findElement(By.id("drafts-created")).getText()).as(report).isEqualTo("1");
        browser.assertAccessible("the import's report");
    }

    @Test
    @Order(3)
    void theDraftIsSubmitted() {
        assertThat(draftUrl).as("the chemistry draft of the first test").isNotNull();
        browser.driver.get(draftUrl);
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id("submit-cmc"))).click();
        browser.wait.until(ExpectedConditions.urlContains("done=submitted"));
        assertThat(browser.status()).isIn("SUBMITTED", "INTRA_RMO_REVIEW");
        browser.assertAccessible("the submitted chemistry CMC");
    }

    @Test
    @Order(4)
    void anyoneSearchesTheRadiationDomain() {
        browser.driver.get(portal + "/search/radiation?branchLabel=RAD");
        browser.wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Search ionizing radiation CMCs"));
        assertThat(browser.driver.findElement(By.id("results-heading")).getText()).isNotBlank();
        browser.assertAccessible("the radiation search");
        browser.screenshot("search-radiation");
    }
}
