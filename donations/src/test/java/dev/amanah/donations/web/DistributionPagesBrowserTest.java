package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The distributions page in a real browser (headless Chromium through Selenium), along a plan's
 * whole life as staff live it: an approver logs in with the login form and prepares a plan in her
 * session (the staff API, with the session's CSRF token, as a page's script sends it); the page
 * shows her no Approve button for her own plan; she logs out, another approver logs in, approves
 * and pays it through the page's forms, each answered by a redirect whose notice says what was
 * done; the payout the sandbox declines shows Reissue and Cancel in its row; reissued, it is paid
 * again by "Pay the rest" (and declined again); the browser does not send a Cancel without a
 * reason, a reason of blanks is refused in an alert, and a real one cancels it. Every wait is on a DOM condition or the plan's run, with a
 * timeout; no page may log an error to the browser's console (a script or a style the page's
 * Content-Security-Policy refuses, a failed request).
 */
class DistributionPagesBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";
    private static final String CAMPAIGN = "zakat-browser";
    private static final String PLAN = "browser-q1";

    @TempDir
    static Path dataDir;

    private static AmanahService service;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Browser.requireInstalled();
        service = WebTestService.start(dataDir);
        WebTestService.addStaff(service, "anna", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "bilal", PASSWORD, Role.APPROVER);
        WebTestService.fundedZakatCampaign(service, CAMPAIGN, "Zakat in the browser", "tok_visa_browser", "zakat-browser-donation");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void onePreparesAnotherApprovesAndPaysADeclinedPayoutIsCancelledOnlyWithAReason() {
        logIn("anna");
        browser.findElement(By.linkText("Distributions")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "No plan yet"));

        // A plan of £60 to two families; the sandbox declines every acct_rejected… account.
        browser.get(url("/staff"));
        var prepared = staffApiPost("/api/distributions", """
                {"id": "%s", "campaignId": "%s", "totalMinor": 6000, "currency": "GBP", "recipients": [
                  {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                  {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_rejected_2", "ratio": 1}]}"""
                .formatted(PLAN, CAMPAIGN));
        assertThat(prepared).startsWith("201 ");

        browser.findElement(By.linkText("Distributions")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(plan(), "prepared by anna"));
        assertThat(field("status")).isEqualTo("prepared");
        assertThat(browser.findElement(plan()).getText()).contains("Family 1", "Family 2", "£30.00", "£60.00",
                "You prepared this plan: another approver must decide.");
        assertThat(browser.findElement(plan()).findElements(By.cssSelector("button[data-action=approve]"))).isEmpty();
        logOut();

        logIn("bilal");
        browser.findElement(By.linkText("Distributions")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(plan(), "prepared by anna"));
        button("approve").click();
        assertNotice("status", "Plan " + PLAN + " is now approved.");
        assertThat(field("status")).isEqualTo("approved");
        assertThat(browser.findElement(plan()).getText()).contains("approved by bilal");

        // The page after "Pay out" shows the run's outcome: no reload.
        button("execute").click();
        assertNotice("status", "Plan " + PLAN + " is now incomplete; payouts: 1 paid, 1 declined.");
        assertThat(field("status")).isEqualTo("incomplete");
        var declined = declinedRow();
        assertThat(declined.getText()).contains("declined", "RECIPIENT_REJECTED");
        assertThat(declined.findElements(By.cssSelector("button[data-action=reissue]"))).hasSize(1);
        assertThat(declined.findElements(By.cssSelector("button[data-action=cancel]"))).hasSize(1);
        assertThat(browser.findElement(plan()).getText()).contains("paid £30.00 of £60.00", "Nothing left to pay but declined payouts");
        assertThat(browser.findElement(plan()).findElements(By.cssSelector("button[data-action=execute]"))).isEmpty();

        // Reissued, it is paid by "Pay the rest" under a new key, and declined again: the account still refuses.
        declined.findElement(By.cssSelector("button[data-action=reissue]")).click();
        assertNotice("status", "The payout to fam-2 is reissued under a new key: \"Pay the rest\" sends it. Plan " + PLAN
                + " is now incomplete.");
        assertThat(field("payout-of-fam-2")).startsWith("failed (reissued by bilal");
        button("execute").click();
        assertNotice("status", "Plan " + PLAN + " is now incomplete; payouts: 1 paid, 1 declined.");
        assertThat(field("payout-of-fam-2")).startsWith("declined");

        // Without a reason the browser keeps the form: the page does not change.
        var before = browser.getCurrentUrl();
        declinedRow().findElement(By.cssSelector("button[data-action=cancel]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(before);
        var reason = declinedRow().findElement(By.name("reason"));
        assertThat(((JavascriptExecutor) browser).executeScript("return arguments[0].validity.valueMissing;", reason)).isEqualTo(true);
        assertThat(field("payout-of-fam-2")).startsWith("declined");

        // Blanks pass the browser's check; the service refuses them, and the page says so as an alert.
        reason.sendKeys("   ");
        declinedRow().findElement(By.cssSelector("button[data-action=cancel]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Not done: INVALID_REASON"));
        assertThat(browser.findElement(By.id("notice")).getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("notice")).getText()).contains("The reason must be 1 to 400 characters");
        assertThat(field("payout-of-fam-2")).startsWith("declined");

        declinedRow().findElement(By.name("reason")).sendKeys("the account is closed");
        declinedRow().findElement(By.cssSelector("button[data-action=cancel]")).click();
        assertNotice("status", "The payout to fam-2 is cancelled: £30.00 is back in campaign " + CAMPAIGN + ". Plan " + PLAN
                + " is now paid.");
        assertThat(field("status")).isEqualTo("paid");
        assertThat(declinedRow().getText()).contains("cancelled (by bilal: the account is closed)");
        assertThat(browser.findElement(plan()).getText()).contains("paid £30.00 of £60.00", "cancelled £30.00, back in " + CAMPAIGN);
        assertThat(browser.findElement(plan()).findElements(By.cssSelector("button"))).isEmpty();

        browser.get(url("/staff"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("distribution.approve", "distribution.execute",
                "distribution.payout.reissue", "distribution.payout.cancel", PLAN + "/fam-2", "refused: INVALID_REASON", "CANCELLED");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + service.port() + path;
    }

    /** Logs in with the login form, from a browser without cookies, and lands on the staff page. */
    private static void logIn(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/staff/login"));
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("staff-name"), username));
    }

    /** Logs out with the staff page's button: the session's pages then ask for a login. */
    private static void logOut() {
        browser.get(url("/staff"));
        browser.findElement(By.xpath("//button[text()='Log out']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.get(url("/staff/distributions"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    /**
     * A staff API call from the current page, in its session, as a page's script makes it: the
     * session cookie goes by itself, the CSRF token from the page's form in {@code X-CSRF-Token};
     * the answer's status and body.
     */
    private static String staffApiPost(String path, String json) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var csrf = document.querySelector('input[name=csrf]').value;
                fetch(arguments[0], {method: 'POST', body: arguments[1],
                        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf}})
                    .then(r => r.text().then(body => done(r.status + ' ' + body)), e => done('failed ' + e));
                """, path, json);
    }

    private static By plan() {
        return By.cssSelector("article[data-plan=" + PLAN + "]");
    }

    private static WebElement button(String action) {
        return browser.findElement(plan()).findElement(By.cssSelector("button[data-action=" + action + "]"));
    }

    /** Family 2's row of the plan's table. */
    private static WebElement declinedRow() {
        return browser.findElement(plan()).findElement(By.xpath(".//tr[td[1][text()='Family 2']]"));
    }

    /**
     * A field of the plan as written (the badge's style shows it in capitals): its status, or
     * {@code payout-of-fam-2} for that payout's status and reason.
     */
    private static String field(String name) {
        if (name.equals("payout-of-fam-2")) {
            return declinedRow().findElement(By.cssSelector("[data-field=payout]")).getDomProperty("textContent");
        }
        return browser.findElement(plan()).findElement(By.cssSelector("[data-field=" + name + "]")).getDomProperty("textContent");
    }

    /** The page the form's post redirected to shows {@code text} in a notice of {@code role}, on the distributions page. */
    private static void assertNotice(String role, String text) {
        // Waits for the text: the page of the form may still show the notice of the action before.
        waiting().until(ExpectedConditions.textToBe(By.id("notice"), text));
        assertThat(browser.findElement(By.id("notice")).getDomAttribute("role")).isEqualTo(role);
        assertThat(browser.getCurrentUrl()).startsWith(url("/staff/distributions?"));
    }
}
