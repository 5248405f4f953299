package net.aisj.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium of the system ({@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}; nothing is
 * downloaded) with a fresh profile and a download directory of its own, plus explicit waits, screenshots and the
 * browser console log. Paths can be overridden with {@code -Dit.chromium=} and {@code -Dit.chromedriver=}.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final Path downloads;
    private final Path screenshots;

    public Browser(Path workDir) {
        this(workDir, new String[0]);
    }

    /** A browser with extra Chromium switches (e.g. {@link #trustingKeyOf}). */
    public Browser(Path workDir, String... extraArgs) {
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "chromium-profile-");
            downloads = Files.createDirectories(workDir.resolve("downloads-" + ItEnv.randomHex(4)));
            screenshots = Files.createDirectories(workDir.resolve("console-screenshots"));
            ChromeOptions o = new ChromeOptions();
            o.setBinary(System.getProperty("it.chromium", "/usr/bin/chromium"));
            o.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-extensions",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            o.addArguments(extraArgs);
            o.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "download.default_directory",
                            downloads.toString(),
                            "download.prompt_for_download",
                            false,
                            "safebrowsing.enabled",
                            false));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            o.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"))
                            .toFile())
                    .usingAnyFreePort()
                    .build();
            driver = new ChromeDriver(service, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Chromium switch that makes it accept the TLS server certificates with the public key of {@code certPem}'s
     * first certificate ({@code --ignore-certificate-errors-spki-list}, SHA-256 of the SubjectPublicKeyInfo):
     * Chromium takes no CA file, and its NSS store needs tools CI does not install. Any other certificate is still
     * refused.
     */
    public static String trustingKeyOf(Path certPem) {
        try (var in = Files.newInputStream(certPem)) {
            var cert = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            byte[] spki = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded());
            return "--ignore-certificate-errors-spki-list="
                    + java.util.Base64.getEncoder().encodeToString(spki);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Waits (explicitly, up to {@link #WAIT}) until {@code condition} holds and returns its value. The console
     * re-renders its polled views, so an element found a moment ago may be gone: that counts as "not yet".
     */
    public <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT)
                .withMessage(what)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public WebElement await(By by) {
        return await(
                "element " + by,
                d -> d.findElements(by).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
    }

    public void click(By by) {
        await("clickable " + by, d -> {
            List<WebElement> es = d.findElements(by);
            if (es.isEmpty() || !es.get(0).isDisplayed() || !es.get(0).isEnabled()) {
                return null;
            }
            es.get(0).click();
            return true;
        });
    }

    /** Waits until the text of {@code by} equals {@code text}. */
    public void awaitText(By by, String text) {
        await(
                by + " reads \"" + text + "\"",
                d -> d.findElements(by).stream()
                        .anyMatch(e -> text.equals(e.getText().trim())));
    }

    public void screenshot(String name) {
        try {
            Path png = screenshots.resolve(name + ".png");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser console entries logged since the last call. */
    public List<LogEntry> consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
