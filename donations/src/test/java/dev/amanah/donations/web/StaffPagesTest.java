package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff pages over real HTTP: login with bcrypt-checked passwords, the session cookie's
 * flags, CSRF on every form, the login throttle, roles (a viewer changes nothing), refunds and
 * campaign state changes recorded in the audit trail, logout; what an action did shown as a status,
 * a refusal as an alert, and only to the session whose action it was.
 */
class StaffPagesTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir);
        WebTestService.addStaff(service, "prep", PASSWORD, Role.PREPARER);
        WebTestService.addStaff(service, "view", PASSWORD, Role.VIEWER);
        WebTestService.addStaff(service, "target", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "leaver", PASSWORD, Role.PREPARER);
        WebTestService.addStaff(service, "leaked", PASSWORD, Role.VIEWER);
        try (var http = WebTestService.preparer(service)) {
            http.activeCampaign("staff-test", "Staff test");
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    private static Http loggedIn(String username) {
        return Http.loggedIn(service.port(), username, PASSWORD);
    }

    @Test
    void theStaffPageNeedsALogin() {
        try (var http = new Http(service.port())) {
            var reply = http.get("/staff");
            assertThat(reply.status()).isEqualTo(303);
            assertThat(reply.response().headers().firstValue("Location")).hasValue("/staff/login");
        }
    }

    @Test
    void loginSetsAnHttpOnlySameSiteSessionCookieAndLogoutEndsIt() {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login");
            var reply = http.postForm("/staff/login", form("csrf", page.csrf(), "username", "prep", "password", PASSWORD));
            assertThat(reply.status()).isEqualTo(303);
            var cookie = reply.response().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("amanah_session=")).findFirst();
            assertThat(cookie).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly", "SameSite=Strict", "Path=/")
                    .doesNotContain("Secure")); // http.secureCookies is off by default: the demo is plain HTTP
            var home = http.get("/staff");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("id=\"staff-name\">prep<");

            assertThat(http.postForm("/staff/logout", form("csrf", home.csrf())).status()).isEqualTo(303);
            assertThat(http.get("/staff").status()).isEqualTo(303);
        }
    }

    @Test
    void aWrongPasswordOrAMissingCsrfTokenLogsNobodyIn() {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login");
            assertThat(http.postForm("/staff/login", form("csrf", page.csrf(), "username", "view", "password", "wrong password!")).status())
                    .isEqualTo(401);
            assertThat(http.postForm("/staff/login", form("username", "view", "password", PASSWORD)).status()).isEqualTo(403);
            assertThat(http.postForm("/staff/login", form("csrf", "forged", "username", "view", "password", PASSWORD)).status())
                    .isEqualTo(403);
            assertThat(http.get("/staff").status()).isEqualTo(303);
        }
    }

    @Test
    void fiveFailedLoginsLockTheAccountEvenForTheRightPassword() {
        try (var http = new Http(service.port())) {
            var csrf = http.get("/staff/login").csrf();
            for (int i = 0; i < 5; i++) {
                assertThat(http.postForm("/staff/login", form("csrf", csrf, "username", "target", "password", "guess number " + i)).status())
                        .isEqualTo(401);
            }
            var locked = http.postForm("/staff/login", form("csrf", csrf, "username", "target", "password", PASSWORD));
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.body()).contains("Too many failed logins");
        }
    }

    @Test
    void aViewerSeesButCannotChangeACampaign() {
        try (var http = loggedIn("view")) {
            var home = http.get("/staff");
            assertThat(home.body()).contains("you can see everything and change nothing");
            var reply = http.postForm("/staff/campaigns/staff-test/state", form("csrf", home.csrf(), "state", "PAUSED"));
            assertThat(reply.status()).isEqualTo(403);
            assertThat(http.get("/api/campaigns/staff-test").json().path("state").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void aPreparerChangesCampaignStatesOnlyWithTheSessionsCsrfToken() {
        try (var http = loggedIn("prep")) {
            var forged = http.postForm("/staff/campaigns/staff-test/state", form("csrf", "not-the-token", "state", "PAUSED"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(http.get("/api/campaigns/staff-test").json().path("state").asText()).isEqualTo("ACTIVE");

            var csrf = http.get("/staff").csrf();
            assertThat(http.postForm("/staff/campaigns/staff-test/state", form("csrf", csrf, "state", "PAUSED")).status()).isEqualTo(303);
            assertThat(http.get("/api/campaigns/staff-test").json().path("state").asText()).isEqualTo("PAUSED");
            var illegal = http.postForm("/staff/campaigns/staff-test/state", form("csrf", csrf, "state", "DRAFT"));
            assertThat(illegal.response().headers().firstValue("Location").orElseThrow()).contains("Not+done");
            assertThat(http.postForm("/staff/campaigns/staff-test/state", form("csrf", csrf, "state", "ACTIVE")).status()).isEqualTo(303);

            var audit = http.get("/staff").body();
            assertThat(audit).contains("ACTIVE -&gt; PAUSED", "PAUSED -&gt; ACTIVE", "refused: ILLEGAL_TRANSITION");
        }
    }

    @Test
    void theDashboardSessionAuthenticatesTheStaffApiWithItsCsrfHeaderOnPosts() {
        try (var anonymous = new Http(service.port())) {
            assertThat(anonymous.get("/api/distributions").status()).isEqualTo(401);
        }
        try (var http = loggedIn("view")) {
            assertThat(http.get("/api/distributions").status()).isEqualTo(200);
            var csrf = http.get("/staff").csrf();
            assertThat(http.postJson("/api/distributions/no-such-plan/approve", "{}", null).status()).isEqualTo(401);
            var withHeader = http.postJsonWithHeader("/api/distributions/no-such-plan/approve", "{}", "X-CSRF-Token", csrf);
            assertThat(withHeader.status()).isEqualTo(403); // authenticated as the viewer, who may not approve
            assertThat(withHeader.json().path("error").asText()).isEqualTo("FORBIDDEN");
        }
    }

    /**
     * An account disabled while the service runs (as {@code amanah staff disable} does, from
     * another process that shares only the database) loses its open session at its next request,
     * on the pages and the API, and cannot log in again; the audit trail still names it.
     */
    @Test
    void aSessionOfAnAccountDisabledMeanwhileIsRefusedAtItsNextRequest() {
        try (var http = loggedIn("leaver")) {
            var home = http.get("/staff");
            assertThat(http.postForm("/staff/campaigns/staff-test/state", form("csrf", home.csrf(), "state", "PAUSED")).status())
                    .isEqualTo(303);
            assertThat(http.postForm("/staff/campaigns/staff-test/state", form("csrf", home.csrf(), "state", "ACTIVE")).status())
                    .isEqualTo(303);

            new StaffAccounts(service.database(), new Passwords(4), Clock.systemUTC()).disable("leaver");

            var page = http.get("/staff");
            assertThat(page.status()).isEqualTo(303);
            assertThat(page.response().headers().firstValue("Location")).hasValue("/staff/login");
            assertThat(http.get("/api/distributions").status()).isEqualTo(401);
            var again = http.get("/staff/login");
            assertThat(http.postForm("/staff/login", form("csrf", again.csrf(), "username", "leaver", "password", PASSWORD)).status())
                    .isEqualTo(401);
        }
        try (var http = loggedIn("view")) {
            assertThat(http.get("/staff").body()).contains("leaver");
        }
    }

    /** A session opened with a leaked password, as an attacker's would be, ends at its next request once the password is reset. */
    @Test
    void aSessionOfAnAccountWhosePasswordIsSetMeanwhileIsRefusedAtItsNextRequest() {
        try (var http = loggedIn("leaked")) {
            assertThat(http.get("/staff").status()).isEqualTo(200);

            new StaffAccounts(service.database(), new Passwords(4), Clock.systemUTC()).setPassword("leaked", "the new passphrase");

            assertThat(http.get("/staff").status()).isEqualTo(303);
            assertThat(http.get("/api/distributions").status()).isEqualTo(401);
        }
        try (var http = Http.loggedIn(service.port(), "leaked", "the new passphrase")) {
            assertThat(http.get("/staff").status()).isEqualTo(200);
        }
    }

    /**
     * Any member of staff downloads a receipt, audited; a HEAD of it gets the download's headers,
     * its length included, and is not audited as a download, for none happened.
     */
    @Test
    void anyMemberOfStaffDownloadsADonationsReceiptAndTheDownloadIsAuditedAHeadIsNot() throws IOException {
        String donation;
        try (var api = new Http(service.port())) {
            donation = api.donate("staff-test", 4200, "staff-receipt-donation");
            assertThat(api.getBytes("/staff/receipts?donation=" + donation).statusCode()).isEqualTo(303); // no session
        }
        try (var http = loggedIn("view")) {
            var entry = "receipt.download <code>" + donation + "</code>";
            var head = http.head("/staff/receipts?donation=" + donation);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(http.get("/staff").body()).doesNotContain(entry);

            var pdf = http.getBytes("/staff/receipts?donation=" + donation);
            assertThat(pdf.statusCode()).isEqualTo(200);
            for (var header : new String[] {"Content-Type", "Content-Disposition"}) {
                assertThat(head.headers().allValues(header)).as(header).isEqualTo(pdf.headers().allValues(header));
            }
            assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(pdf.body().length));
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).matches("attachment; filename=\"receipt-AMN-\\d{4}-\\d{6}\\.pdf\"");
            try (var document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains("DONATION RECEIPT", donation, "42.00 GBP");
            }
            var unknown = http.get("/staff/receipts?donation=don_unknown");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(Http.noticeIn(unknown)).contains("class=\"card notice error\"", "role=\"alert\"", "No receipt was issued");
            assertThat(http.get("/staff").body().split(Pattern.quote(entry), -1)).as("audited once").hasSize(2);
        }
    }

    @Test
    void aPreparerRefundsPartOfADonationOnceEvenIfTheFormIsSentTwiceAndTheSecondSaysItWasMadeAlready() {
        String donation;
        try (var api = new Http(service.port())) {
            donation = api.donate("staff-test", 5000, "staff-refund-donation");
        }
        try (var http = loggedIn("prep")) {
            var page = http.get("/staff");
            var key = page.body().replaceAll("(?s).*name=\"key\" value=\"([^\"]+)\".*", "$1");
            var fields = form("csrf", page.csrf(), "key", key, "donationId", donation, "amount", "12.50");
            var first = http.postForm("/staff/refunds", fields);
            assertThat(first.response().headers().firstValue("Location").orElseThrow()).contains("refunded+12.50");
            // A double click, the same idempotency key: the refund asked for is made, once, and the page says so.
            var again = http.noticeAfter(http.postForm("/staff/refunds", fields));
            assertThat(again).contains("role=\"status\"", "Refund of 12.50 on " + donation + " was made already: refunded 12.50")
                    .doesNotContain("alert");
            assertThat(http.get("/staff").body()).contains("already refunded 12.50 GBP");
            var stats = http.get("/api/campaigns/staff-test").json().path("stats");
            assertThat(stats.path("refundedMinor").asLong()).isEqualTo(1250);

            var tooMuch = http.postForm("/staff/refunds", form("csrf", page.csrf(), "key", "another-key", "donationId", donation,
                    "amount", "40.00"));
            assertThat(tooMuch.response().headers().firstValue("Location").orElseThrow()).contains("REFUND_EXCEEDS_DONATION");
            var fraction = http.postForm("/staff/refunds", form("csrf", page.csrf(), "key", "third-key", "donationId", donation,
                    "amount", "1.234"));
            assertThat(fraction.response().headers().firstValue("Location").orElseThrow()).contains("at+most+2+decimals");
        }
    }

    @Test
    void aStateChangeSentTwiceIsDoneOnceAndTheSecondSaysSoNotAsARefusal() {
        try (var http = loggedIn("prep")) {
            http.activeCampaign("staff-twice", "Staff twice");
            var csrf = http.get("/staff").csrf();
            var pause = form("csrf", csrf, "state", "PAUSED");
            assertThat(http.noticeAfter(http.postForm("/staff/campaigns/staff-twice/state", pause))).contains("Campaign staff-twice is now paused.");
            // The same form again (a double click): what the member asked for is the case.
            var again = http.noticeAfter(http.postForm("/staff/campaigns/staff-twice/state", pause));
            assertThat(again).contains("role=\"status\"", "Campaign staff-twice is already paused.").doesNotContain("alert");
            assertThat(http.get("/api/campaigns/staff-twice").json().path("state").asText()).isEqualTo("PAUSED");
            assertThat(http.get("/staff").body()).contains("ACTIVE -&gt; PAUSED", "already PAUSED");
        }
    }

    @Test
    void aRefusedCampaignChangeOrRefundIsShownAsAnAlertAndADoneOneAsAStatus() {
        try (var http = loggedIn("prep")) {
            http.activeCampaign("staff-notice", "Staff notice");
            var donation = http.donate("staff-notice", 1000, "staff-notice-donation");
            var csrf = http.get("/staff").csrf();

            var paused = http.noticeAfter(http.postForm("/staff/campaigns/staff-notice/state", form("csrf", csrf, "state", "PAUSED")));
            assertThat(paused).contains("class=\"card notice\"", "role=\"status\"", "Campaign staff-notice is now paused.")
                    .doesNotContain("error", "alert");
            var illegal = http.noticeAfter(http.postForm("/staff/campaigns/staff-notice/state", form("csrf", csrf, "state", "DRAFT")));
            assertThat(illegal).contains("class=\"card notice error\"", "role=\"alert\"", ">Not done: ").doesNotContain("status");
            var unknown = http.noticeAfter(http.postForm("/staff/campaigns/staff-notice/state", form("csrf", csrf, "state", "NONSENSE")));
            assertThat(unknown).contains("role=\"alert\"", "Not done: unknown state NONSENSE.");

            var refunded = http.noticeAfter(http.postForm("/staff/refunds",
                    form("csrf", csrf, "key", "notice-refund-1", "donationId", donation, "amount", "1.00")));
            assertThat(refunded).contains("role=\"status\"", "Refund of 1.00 on " + donation + ": refunded 1.00 GBP").doesNotContain("alert");
            var tooMuch = http.noticeAfter(http.postForm("/staff/refunds",
                    form("csrf", csrf, "key", "notice-refund-2", "donationId", donation, "amount", "99.00")));
            assertThat(tooMuch).contains("class=\"card notice error\"", "role=\"alert\"", "Not done: refund of 99.00", "REFUND_EXCEEDS_DONATION");
            var noSuch = http.noticeAfter(http.postForm("/staff/refunds",
                    form("csrf", csrf, "key", "notice-refund-3", "donationId", "<b>don_x</b>", "amount", "1.00")));
            assertThat(noSuch).contains("role=\"alert\"", "Not done: no donation &lt;b&gt;don_x&lt;/b&gt;.").doesNotContain("<b>");
        }
    }

    @Test
    void aNoticeIsShownOnlyToTheSessionItsActionRedirectedNotFromACraftedOrEditedLink() {
        String location;
        try (var http = loggedIn("prep")) {
            // Links anyone could send a member of staff: no notice is shown, in either style.
            assertThat(http.get("/staff?notice=Refund+of+50.00+on+don_1%3A+refunded+50.00&kind=done").body()).doesNotContain("id=\"notice\"");
            assertThat(http.get("/staff/distributions?notice=Plan+p+is+now+paid.&kind=done&mac=AAAA").body()).doesNotContain("id=\"notice\"");
            assertThat(http.get("/staff/reviews?notice=Not+done%3A+x&kind=alert&mac=AAAA").body()).doesNotContain("id=\"notice\"");

            var refused = http.postForm("/staff/campaigns/staff-test/state", form("csrf", http.get("/staff").csrf(), "state", "DRAFT"));
            location = refused.response().headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/staff?notice=Not+done").contains("&kind=refused&mac=");
            assertThat(Http.noticeIn(http.get(location))).contains("role=\"alert\"");
            // The same words, said to be done: the MAC no longer matches and nothing is shown.
            assertThat(http.get(location.replace("kind=refused", "kind=done")).body()).doesNotContain("id=\"notice\"");
        }
        try (var other = loggedIn("view")) {
            var page = other.get(location);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("id=\"notice\"", "Not done");
        }
    }
}
