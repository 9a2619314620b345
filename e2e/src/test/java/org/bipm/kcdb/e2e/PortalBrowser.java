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
import org.bipm.kcdb.platform.Platform;
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
 * One headless Chromium (Debian's chromium and chromium-driver) on the portal of the shared platform, with what the
 * browser tests do on every page: sign in through Keycloak's own login page and out again, check the page with
 * axe-core (no serious or critical violation), and, with {@code -Dkcdb.screenshots=<dir>}, keep a screenshot.
 * {@link #open} skips the test class where no Chromium is installed.
 */
final class PortalBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;
    final String portal;
    private final String keycloak;
    private final Path profile;
    private final String axe;

    private PortalBrowser(WebDriver driver, String portal, String keycloak, Path profile, String axe) {
        this.driver = driver;
        this.portal = portal;
        this.keycloak = keycloak;
        this.profile = profile;
        this.axe = axe;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // htmx replaces parts of a page while a test looks at them.
        wait.ignoring(StaleElementReferenceException.class);
    }

    static PortalBrowser open(Platform platform) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium here: the browser tests need `apt-get install chromium chromium-driver`");
        try {
            Path profile = Files.createTempDirectory("kcdb-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver browser = new ChromeDriver(service, options);
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            String axe;
            try (InputStream in = PortalBrowser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                    + System.getProperty("axe.version", "4.6.3") + "/axe.min.js")) {
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new PortalBrowser(browser, platform.gatewayUrl(), platform.keycloakUrl(), profile, axe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a page that needs a login and signs in there as {@code user} (password = username), back on the page. */
    void signIn(String path, String user) {
        driver.get(portal + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertThat(driver.getCurrentUrl()).startsWith(keycloak);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait.until(driver -> driver.getCurrentUrl().startsWith(portal)
                && !driver.findElements(By.cssSelector(".site-header .user")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".site-header .user")).getText()).isEqualTo(user);
    }

    /** Signs out of the portal and of Keycloak: back on the public search. */
    void signOut() {
        driver.findElement(By.cssSelector(".site-header form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("keywords")));
        wait.until(driver -> driver.findElements(By.cssSelector(".site-header .user")).isEmpty());
    }

    void go(String path) {
        driver.get(portal + path);
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /**
     * Types into a field, located again on every try: htmx may swap the field's part of the page between finding and
     * typing (a cascade, a check), and a field held across a swap is stale.
     */
    void type(String id, String text) {
        wait.until(d -> {
            WebElement field = d.findElement(By.id(id));
            field.clear();
            field.sendKeys(text);
            return true;
        });
    }

    /** Picks an option of a list that no htmx request replaces, located again on every try as {@link #type} does. */
    void select(String id, String value) {
        wait.until(d -> {
            new Select(d.findElement(By.id(id))).selectByValue(value);
            return true;
        });
    }

    /** The text of an element once it has some, read from the element as it is now (never one held across a swap). */
    String text(By locator) {
        return wait.until(d -> {
            String text = d.findElement(locator).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Waits until the element's attribute is {@code value} (null: absent), read anew on every look. */
    void attributeIs(String id, String attribute, String value) {
        wait.until(d -> java.util.Objects.equals(d.findElement(By.id(id)).getAttribute(attribute), value));
    }

    void waitForUrl(String part) {
        wait.until(ExpectedConditions.urlContains(part));
    }

    String source() {
        return driver.getPageSource();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Picks a choice of a cascading list; htmx then replaces the lists below it. */
    void choose(String id, String value) {
        wait.until(d -> {
            List<WebElement> select = d.findElements(By.id(id));
            return !select.isEmpty() && select.get(0).isEnabled()
                    && !select.get(0).findElements(By.cssSelector("option[value='" + value + "']")).isEmpty();
        });
        select(id, value);
        settled(id, value);
    }

    /** Waits until no htmx request is on its way and the element carries the value (after a swap). */
    void settled(String id, String value) {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return !document.querySelector('.htmx-request') && document.getElementById(arguments[0]) !== null"
                        + " && document.getElementById(arguments[0]).value === arguments[1];", id, value)));
    }

    /** The status a CMC's page shows. */
    String status() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cmc-status"))).getAttribute("data-status");
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

    /** With {@code -Dkcdb.screenshots=<dir>}, the top of the page as the browser shows it, for the README. */
    void screenshot(String name) {
        screenshot(name, null);
    }

    /** The same, with {@code shown} scrolled to the middle of the window (the top of the page without it). */
    void screenshot(String name, WebElement shown) {
        String dir = System.getProperty("kcdb.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        if (shown == null) {
            script("window.scrollTo(0, 0);");
        } else {
            script("arguments[0].scrollIntoView({block: 'center'});", shown);
        }
        try {
            Path target = Path.of(dir).toAbsolutePath().resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary profile left behind harms nothing
        }
    }
}
