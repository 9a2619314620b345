package org.bipm.kcdb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driving the portal, with what every browser test does there: sign in through
 * Keycloak's login page, pick a choice of an htmx cascade, type, run axe-core (no serious or critical violation),
 * take a screenshot for the README ({@code -Dkcdb.screenshots=<dir>}). Skips the test class where no Chromium exists.
 */
final class PortalBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    private final String axe;

    private PortalBrowser(WebDriver driver, Path profile, String axe) {
        this.driver = driver;
        this.profile = profile;
        this.axe = axe;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // htmx replaces parts of a page while a test looks at them.
        wait.ignoring(StaleElementReferenceException.class);
    }

    static PortalBrowser open() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium here: the browser tests need `apt-get install chromium chromium-driver`");
        Path profile = Files.createTempDirectory("kcdb-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String axe;
        try (InputStream in = PortalBrowser.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version", "4.6.3") + "/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new PortalBrowser(driver, profile, axe);
    }

    /** On Keycloak's login page (where a page that needs a login sent the browser): signs in, back to the portal. */
    void signIn(String keycloakUrl, String portal, String user) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertThat(driver.getCurrentUrl()).startsWith(keycloakUrl);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(portal));
    }

    /** Picks a choice of a cascading list; htmx then replaces the lists below it. */
    void choose(String id, String value) {
        wait.until(d -> {
            List<WebElement> select = d.findElements(By.id(id));
            return !select.isEmpty() && select.get(0).isEnabled()
                    && !select.get(0).findElements(By.cssSelector("option[value='" + value + "']")).isEmpty();
        });
        new Select(driver.findElement(By.id(id))).selectByValue(value);
        settled(id, value);
    }

    /** Waits until no htmx request is on its way and the element carries the value (after a swap). */
    void settled(String id, String value) {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !document.querySelector('.htmx-request') && document.getElementById(arguments[0]) !== null"
                        + " && document.getElementById(arguments[0]).value === arguments[1];", id, value)));
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    String status() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cmc-status"))).getAttribute("data-status");
    }

    /** With {@code -Dkcdb.screenshots=<dir>}, the page as the browser shows it, for the README. */
    void screenshot(String name) {
        String dir = System.getProperty("kcdb.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(dir).toAbsolutePath().resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core on the page as it is: no serious or critical violation. */
    void assertAccessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
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

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
