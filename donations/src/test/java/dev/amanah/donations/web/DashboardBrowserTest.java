package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.demo.Demo;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.PlanStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (headless Chromium through Selenium), on the demo: its campaigns,
 * staff accounts and simulated donors running, plus a campaign of the test's own that no simulated
 * donor touches, so its figures are exact. Every wait is on a DOM condition with a timeout. Each
 * page is saved as a screenshot under {@code target/screenshots/}, and copied to {@code docs/} of
 * the project when run with {@code -Dscreenshots.update=true}.
 */
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CAMPAIGN = "browser-test";

    @TempDir
    static Path dataDir;

    private static Demo demo;
    private static ChromeDriver browser;
    private static Http http;

    @BeforeAll
    static void start() {
        Browser.requireInstalled();
        demo = Demo.start(new Demo.Options(dataDir, "127.0.0.1", 0, 4, 2, 7), Clock.systemUTC());
        http = Http.loggedIn(demo.service().port(), "yusuf", demo.staff().get("yusuf (preparer)"));
        http.activeCampaign(CAMPAIGN, "Browser test appeal");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.close();
        }
        if (demo != null) {
            demo.stop();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private static String url(String path) {
        return demo.url().resolve(path).toString();
    }

    /** A figure of a campaign's card, read in the page in one step: the card is replaced whenever it changes. */
    private static String field(String campaign, String name) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector('#campaign-' + arguments[0] + ' [data-field=' + arguments[1] + ']');"
                        + " return e ? e.textContent : null;", campaign, name);
    }

    @Test
    void dashboardTotalsAndFeedFollowDonationsAndRefundsWithoutReload() throws IOException {
        browser.get(url("/"));
        waiting().until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
        waiting().until(d -> field(CAMPAIGN, "donations") != null);
        assertThat(field(CAMPAIGN, "donations")).isEqualTo("0");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        String first = http.donate(CAMPAIGN, 2500, "browser-1");
        http.donate(CAMPAIGN, 2500, "browser-2");
        http.donate(CAMPAIGN, 1234, "browser-3");
        waiting().until(d -> "3".equals(field(CAMPAIGN, "donations")));
        assertThat(field(CAMPAIGN, "raised")).isEqualTo("£62.34");
        waiting().until(d -> d.findElement(By.id("feed")).getText().contains("£12.34 to Browser test appeal"));

        var refund = http.staffPostJson("/api/donations/" + first + "/refunds", "{\"amountMinor\": 1000}", "browser-refund-1");
        assertThat(refund.status()).isEqualTo(201);
        waiting().until(d -> "£10.00".equals(field(CAMPAIGN, "refunded")));
        assertThat(field(CAMPAIGN, "raised")).isEqualTo("£52.34");
        waiting().until(d -> d.findElement(By.id("feed")).getText().contains("Refund of £10.00 from Browser test appeal"));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;")).isEqualTo(true);
        waiting().until(d -> demo.accepted() >= 8); // the simulated donors' work shows in the screenshot too
        screenshot("dashboard");
    }

    @Test
    void processViewShowsTheSupervisionTreeLive() throws IOException {
        browser.get(url("/processes"));
        waiting().until(ExpectedConditions.textToBe(By.id("live-status"), "live"));
        waiting().until(d -> d.findElement(By.id("tree")).getText().contains("donations.processor"));
        assertThat(browser.findElement(By.id("tree")).getText()).contains("campaigns.stats", "donations.tasks", "donations.fraud", "amanah.pubsub");
        waiting().until(d -> d.findElement(By.id("tree")).getText().contains("school-waqf")); // a campaign's server, via the registry
        assertThat(browser.findElements(By.cssSelector("#top-handled tbody tr"))).isNotEmpty();
        // Live: the processor's count of handled messages grows as donors give, without a reload.
        var handledBefore = handled("donations.processor");
        waiting().until(d -> handled("donations.processor") > handledBefore);
        screenshot("processes");
    }

    private static long handled(String processId) {
        // Read in the page in one step: the tree is redrawn every second, so elements found earlier go stale.
        var value = ((JavascriptExecutor) browser).executeScript(
                "var n = document.querySelector('#tree .node[data-id=\"' + arguments[0] + '\"]');"
                        + " return n && n.dataset.handled ? Number(n.dataset.handled) : -1;", processId);
        return ((Number) value).longValue();
    }

    @Test
    void zakatCalculatorExplainsTheAssessment() throws IOException {
        browser.get(url("/zakat"));
        fill("cash", "4200.00");
        fill("gold", "100@21k");
        fill("goldPrice", "68.40");
        fill("silverPrice", "0.79");
        fill("debt", "300");
        fill("nisabReached", "2024-03-11");
        fill("date", "2025-03-01");
        browser.findElement(By.id("assess")).click();
        var result = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("zakat-result")));
        assertThat(result.getText()).contains("Zakat due: 247.13 GBP", "silver nisab", "rounded up");
        screenshot("zakat");
    }

    private static void fill(String name, String value) {
        var input = browser.findElement(By.name(name));
        input.clear();
        // A date input takes typed digits in the browser's own order; set its value directly instead.
        if ("date".equals(input.getAttribute("type"))) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, value);
        } else {
            input.sendKeys(value);
        }
    }

    @Test
    void staffLogInAndPauseACampaign() throws IOException {
        browser.manage().deleteAllCookies();
        var preparer = demo.staff().entrySet().stream().filter(e -> e.getKey().startsWith("yusuf")).findFirst().orElseThrow();
        browser.get(url("/staff"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.name("username")).sendKeys("yusuf");
        browser.findElement(By.name("password")).sendKeys(preparer.getValue());
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("staff-name"), "yusuf"));

        browser.findElement(By.cssSelector("tr[data-campaign=" + CAMPAIGN + "] button[data-target=PAUSED]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "is now paused"));
        assertThat(browser.findElement(By.cssSelector("tr[data-campaign=" + CAMPAIGN + "] [data-field=state]")).getText())
                .isEqualToIgnoringCase("paused");
        assertThat(http.get("/api/campaigns/" + CAMPAIGN).json().path("state").asText()).isEqualTo("PAUSED");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("yusuf", "campaign.state", "ACTIVE -> PAUSED");
        screenshot("staff");
    }

    @Test
    void anApproverApprovesTheDistributionAnotherPrepared() throws IOException {
        browser.manage().deleteAllCookies();
        var approver = demo.staff().get("amina (approver)");
        // Opened logged out, the page asked for is where the login returns.
        browser.get(url("/staff/distributions"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.name("username")).sendKeys("amina");
        browser.findElement(By.name("password")).sendKeys(approver);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("staff-name"), "amina"));
        assertThat(browser.getCurrentUrl()).endsWith("/staff/distributions");
        var plan = By.cssSelector("article[data-plan=zakat-households-1]");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(plan, "prepared by yusuf"));
        assertThat(browser.findElement(plan).findElement(By.cssSelector("[data-field=status]")).getText()).isEqualToIgnoringCase("prepared");
        assertThat(browser.findElement(plan).getText()).contains("Household A (family of six)", "£300.00", "£150.00");

        browser.findElement(plan).findElement(By.cssSelector("button[data-action=approve]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "is now approved"));
        assertThat(browser.findElement(plan).getText()).contains("approved by amina");
        var stored = demo.service().distributions().plan(new StaffMember("amina", Role.APPROVER), "zakat-households-1");
        assertThat(stored.plan().status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(stored.plan().approvedBy()).hasValue("amina");
        screenshot("distributions");
    }

    /** Saves the whole page (the viewport stretched to its height, at most 2400 px) as NAME.png. */
    private static void screenshot(String name) throws IOException {
        var height = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;")).intValue();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", Math.min(Math.max(height, 700), 2400), "deviceScaleFactor", 1, "mobile", false));
        Path png;
        try {
            png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        var target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("screenshots.update")) {
            var docs = Path.of("..", "docs", name + ".png");
            Files.createDirectories(docs.getParent());
            Files.copy(png, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
