package io.logagent.console.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debian's headless chromium driven through Debian's chromedriver, both named by path so that Selenium Manager never
 * runs (it would try to download a browser). A fresh profile directory per browser; {@link #close()} quits the
 * browser, stops the driver process and deletes the profile.
 *
 * <p>When the browser is missing the tests are skipped on a developer's machine and fail under {@code CI=true}:
 * {@code bin/ensure-chromium} installs both packages.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, String base) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.base = base;
    }

    /** A browser for the console listening on 127.0.0.1:{@code port}. */
    public static Browser open(int port) throws IOException {
        requireInstalled();
        Path profile = Files.createTempDirectory("logagent-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-US");
        try {
            return new Browser(new ChromeDriver(service, options), service, profile, "http://127.0.0.1:" + port);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    private static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String message = CHROMIUM + " or " + CHROMEDRIVER + " is missing: run bin/ensure-chromium";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
    }

    /** Opens {@code hash} (e.g. {@code #search?q=x}) of the page; a fresh page load. */
    public void open(String hash) {
        driver.get(base + "/" + hash);
    }

    public void login(String user, String password) {
        WebElement form = waitVisible(By.id("login-form"));
        WebElement name = form.findElement(By.name("username"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = form.findElement(By.name("password"));
        secret.clear();
        secret.sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Opens {@code hash}, logging in first when the page asks for it. */
    public void openLoggedIn(String hash, String user, String password) {
        open(hash);
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("login")).isDisplayed()
                || d.findElement(By.id("tabs")).isDisplayed());
        if (driver.findElement(By.id("login")).isDisplayed()) {
            login(user, password);
            waitVisible(By.id("tabs"));
        }
    }

    public WebElement waitVisible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Ignores stale elements: tabs that refresh themselves (alerts, pipeline) replace rows while a wait reads them. */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public String hash() {
        return (String) js("return location.hash");
    }

    /** Saves a screenshot for review to {@code <build dir>/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("logagent.build.dir", "target"), "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser profile " + dir, e);
        }
    }
}
