package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard and the process view in a real browser when their live stream is refused (503:
 * {@code http.maxEventStreams} streams are open already). A browser's {@code EventSource} gives up
 * on a 503 for good, so the page must say that it is no longer live, and try again by itself.
 */
class DashboardStreamRefusedBrowserTest {
    // Room for the stream to be noticed gone (at a write: a donation, else the 15 s heartbeat) and retried.
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private AmanahService service;
    private Http http;
    private HttpClient holder;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        Browser.requireInstalled();
        service = WebTestService.start(dataDir, Map.of("AMANAH_HTTP_MAX_EVENT_STREAMS", "1"));
        http = WebTestService.preparer(service);
        http.activeCampaign("refused-test", "Refused stream test");
        browser = Browser.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (holder != null) {
            holder.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        if (service != null) {
            service.stop();
        }
    }

    private WebDriverWait waiting() {
        return (WebDriverWait) new WebDriverWait(browser, WAIT).withMessage(() -> "the status says '" + status() + "'");
    }

    private String status() {
        return browser.findElement(By.id("live-status")).getText();
    }

    @Test
    void aRefusedDashboardStreamIsShownAsNotLiveAndRetriedUntilItIsLive() throws Exception {
        refusedThenLive("/");
        waiting().until(d -> d.findElement(By.id("campaigns")).getText().contains("Refused stream test"));
    }

    @Test
    void aRefusedProcessStreamIsShownAsNotLiveAndRetriedUntilItIsLive() throws Exception {
        refusedThenLive("/processes");
        waiting().until(d -> d.findElement(By.id("tree")).getText().contains("donations.processor"));
    }

    /** Opens {@code page} while the one stream allowed is held elsewhere, then lets that stream go. */
    private void refusedThenLive(String page) throws Exception {
        holder = HttpClient.newHttpClient();
        var held = Events.open(holder, service.port(), "/events/dashboard");
        assertThat(Events.next(held).name()).isEqualTo("snapshot");

        browser.get("http://127.0.0.1:" + service.port() + page);
        waiting().until(d -> status().startsWith("not live"));
        assertThat(status()).contains("may be out of date", "trying again");
        assertThat(browser.findElement(By.id("live-status")).getDomAttribute("class").split(" ")).doesNotContain("live");

        holder.shutdownNow(); // the held stream's client leaves; the server notices at its next write
        // Two writes: the first may still fit the socket's buffer, the second meets the closed connection.
        http.donate("refused-test", 2500, "refused-1");
        http.donate("refused-test", 2500, "refused-2");
        waiting().until(d -> "live".equals(status()));
    }
}
