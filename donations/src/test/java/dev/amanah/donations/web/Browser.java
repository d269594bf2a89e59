package dev.amanah.donations.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by {@code .ci/install-browser}). Where they are missing, the tests are skipped with a
 * message, except on CI ({@code CI=true}), where a missing browser fails them.
 */
final class Browser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Skips (outside CI) or fails (on CI) the test unless the browser and its driver are installed. */
    static void requireInstalled() {
        var missing = Optional.<String>empty();
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            missing = Optional.of("headless Chromium is not installed (" + CHROMIUM + ", " + DRIVER
                    + "): run `bash .ci/install-browser` (apt-get install chromium chromium-driver) to run the browser tests");
        }
        if (missing.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("on CI the browser tests must run, but " + missing.get());
            }
            Assumptions.abort("SKIPPED: " + missing.get());
        }
    }

    /**
     * A new headless Chromium, 1280 x 900, driven through Debian's chromedriver (no download),
     * keeping its console's messages ({@code driver.manage().logs().get(LogType.BROWSER)}).
     */
    static ChromeDriver start() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1");
        // The console's messages, for a test to check that no page logged an error.
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
