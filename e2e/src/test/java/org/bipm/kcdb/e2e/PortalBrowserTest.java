package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real Chromium (Debian's chromium and chromium-driver), on the same one platform as the API's
 * end-to-end test: the public search finds a published CMC; a writer signs in through Keycloak's own login page,
 * drafts a physics CMC, sees the field error the API returned next to its field, fixes it, saves and submits. axe-core
 * checks every portal page visited for serious or critical accessibility violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class PortalBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Platform platform;
    private String portal;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;
    private String axe;

    @BeforeAll
    void openBrowser(Platform platform) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium here: the browser tests need `apt-get install chromium chromium-driver`");
        this.platform = platform;
        this.portal = platform.gatewayUrl();
        profile = Files.createTempDirectory("kcdb-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // htmx replaces the classification's lists while a test looks at them.
        wait.ignoring(StaleElementReferenceException.class);
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version", "4.6.3") + "/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
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
            browser.get(portal + "/");
            WebElement keywords = wait.until(ExpectedConditions.elementToBeClickable(By.id("keywords")));
            keywords.sendKeys("\"" + instrument + "\"");
            browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("keywords="));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results-heading")));
            found = !browser.findElements(By.linkText(code)).isEmpty();
        }
        assertThat(found).as("the public search finds " + code).isTrue();
        assertAccessible("search results");
        screenshot("search");

        browser.findElement(By.linkText(code)).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), code));
        assertThat(browser.getPageSource()).contains(instrument, "Published");
        assertAccessible("public CMC page");
        screenshot("public-cmc");

        // The language switch: French, kept on the next page.
        browser.findElement(By.linkText("Français")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".site-header nav"),
                "Chercher dans la KCDB"));
        browser.get(portal + "/search");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Chercher dans la KCDB"));
        assertAccessible("search page in French");
        // A phone's width: the same page in one column.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        assertAccessible("search page at a phone's width");
        screenshot("search-phone-fr");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.findElement(By.linkText("English")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Search the KCDB"));
    }

    @Test
    void aWriterDraftsAPhysicsCmcFixesTheFieldTheApiRefusedAndSubmitsIt() {
        browser.get(portal + "/cmcs");
        signIn("writer.ptb");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Our CMCs"));
        assertAccessible("the writer's CMCs");

        browser.findElement(By.linkText("New CMC")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("metrologyAreaLabel")));
        assertAccessible("the empty CMC form");
        choose("metrologyAreaLabel", "EM");
        choose("branchLabel", "EM/DC");
        choose("serviceLabel", "1");
        choose("subServiceLabel", "1");
        choose("individualServiceLabel", "1");
        type("quantityValue", "DC voltage");
        type("instrument", "Zener voltage standard");
        type("instrumentMethod", "Comparison with a Josephson array voltage standard");
        type("parameters-0-parameterName", "Temperature");
        type("parameters-0-parameterValue", "23 °C ± 1 °C");
        type("cmc-lowerLimit", "1");
        type("cmc-upperLimit", "10");
        type("cmc-unit", "furlong per fortnight");
        type("cmcUncertainty-lowerLimit", "0.05");
        type("cmcUncertainty-upperLimit", "0.5");
        type("cmcUncertainty-unit", "µV/V");
        new Select(browser.findElement(By.id("uncertaintyMode"))).selectByValue("Relative");
        type("coverageFactor", "2");
        type("confidenceLevel", "95");
        type("traceabilitySource", "PTB");
        type("nmiServiceCode", "PTB-2.11-BROWSER");
        type("qmsStatementRef", "EURAMET TC-Q 2026/01");
        browser.findElement(By.id("save-cmc")).click();

        // The API refused the unit: its message stands next to the unit field, and the field says it is invalid.
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cmc-unit-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("cmc-unit")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("cmc-unit")).getAttribute("value")).isEqualTo("furlong per fortnight");
        assertThat(browser.findElement(By.id("instrument")).getAttribute("value")).isEqualTo("Zener voltage standard");
        assertAccessible("the CMC form with a field error");
        screenshot("cmc-form-field-error");

        WebElement unit = browser.findElement(By.id("cmc-unit"));
        unit.clear();
        unit.sendKeys("V");
        browser.findElement(By.id("save-cmc")).click();
        wait.until(ExpectedConditions.urlContains("done=saved"));
        assertThat(status()).isEqualTo("DRAFT");
        assertThat(browser.getPageSource()).contains("The draft is saved.");
        assertAccessible("the saved draft");

        browser.findElement(By.id("submit-cmc")).click();
        wait.until(ExpectedConditions.urlContains("done=submitted"));
        assertThat(status()).isIn("SUBMITTED", "INTRA_RMO_REVIEW");
        assertThat(browser.findElement(By.id("history-heading")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector(".history li"))).hasSizeGreaterThanOrEqualTo(2);
        assertAccessible("the submitted CMC");
        screenshot("cmc-submitted");

        browser.findElement(By.linkText("Back to our CMCs")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Our CMCs"));
        assertThat(browser.getPageSource()).contains("DC voltage");

        // Signing out ends the Keycloak session too: the next page that needs a login asks for it again.
        browser.findElement(By.cssSelector(".site-header form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Search the KCDB"));
        browser.get(portal + "/cmcs");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
    }

    private void signIn(String user) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.keycloakUrl());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(portal));
    }

    /** Picks a choice of the classification; htmx then replaces the lists below it. */
    private void choose(String id, String value) {
        wait.until(driver -> {
            List<WebElement> select = driver.findElements(By.id(id));
            return !select.isEmpty() && select.get(0).isEnabled()
                    && !select.get(0).findElements(By.cssSelector("option[value='" + value + "']")).isEmpty();
        });
        new Select(browser.findElement(By.id(id))).selectByValue(value);
        // The swap is done once the select carries the chosen value again after htmx re-rendered the fragment.
        wait.until(driver -> {
            Object settled = ((JavascriptExecutor) driver).executeScript(
                    "return !document.querySelector('.htmx-request') && document.getElementById(arguments[0]).value"
                            + " === arguments[1];", id, value);
            return Boolean.TRUE.equals(settled);
        });
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String status() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cmc-status"))).getAttribute("data-status");
    }

    /** With {@code -Dkcdb.screenshots=<dir>}, the page as the browser shows it, for the README. */
    private void screenshot(String name) {
        String dir = System.getProperty("kcdb.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(dir).toAbsolutePath().resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** axe-core on the page as it is: no serious or critical violation. */
    private void assertAccessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object violations = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (result) {
                  done(result.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at '
                      + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));
                }).catch(function (e) { done(['axe failed: ' + e]); });
                """);
        assertThat((List<?>) violations).as("accessibility of " + page).isEmpty();
    }
}
