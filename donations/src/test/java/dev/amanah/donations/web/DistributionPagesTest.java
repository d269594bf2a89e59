package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.Found;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributions page over real HTTP, for a payout the provider declined (the sandbox declines
 * every {@code acct_rejected…} account): the page offers "Reissue" and a "Cancel" form with a
 * reason in its row instead of a "Pay the rest" that could only fail; a reissued payout is paid
 * again under a new key; an approver who did not prepare the plan cancels it, its money back in
 * the campaign; the preparer's cancel is refused (four eyes) and said so on the page. Each plan is
 * prepared over the staff API in a session, approved and executed through the page's forms.
 */
class DistributionPagesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String CAMPAIGN = "zakat-pages";
    /** For the plans that pay more than {@link #CAMPAIGN} holds beside the others'. */
    private static final String SECOND_CAMPAIGN = "zakat-pages-2";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir);
        WebTestService.addStaff(service, "prep", PASSWORD, Role.PREPARER);
        WebTestService.addStaff(service, "anna", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "bilal", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "view", PASSWORD, Role.VIEWER);
        WebTestService.fundedZakatCampaign(service, CAMPAIGN, "Zakat pages", "tok_visa_pages", "zakat-pages-donation");
        WebTestService.fundedZakatCampaign(service, SECOND_CAMPAIGN, "Zakat pages 2", "tok_visa_pages_2", "zakat-pages-2-donation");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aPreparerReissuesADeclinedPayoutFromThePageAndPayTheRestSendsItUnderANewKey() {
        paidWithOneDeclined("reissue-q", "prep", "bilal");
        try (var viewer = loggedIn("view")) {
            var plan = plan(viewer.get("/staff/distributions"), "reissue-q");
            assertThat(plan).contains("declined (declined: RECIPIENT_REJECTED").doesNotContain("data-action=\"reissue\"");
        }
        try (var prep = loggedIn("prep")) {
            var page = prep.get("/staff/distributions");
            var plan = plan(page, "reissue-q");
            assertThat(plan).contains("action=\"/staff/distributions/reissue-q/payouts/fam-2/reissue\"", "An approver may cancel it",
                    "Nothing left to pay but declined payouts").doesNotContain("data-action=\"execute\"", "data-action=\"cancel\"");
            // The button the page no longer offers still answers with the service's refusal, on the page.
            assertThat(notice(prep.postForm("/staff/distributions/reissue-q/execute", form("csrf", page.csrf()))))
                    .contains("Not done: PAYOUTS_DECLINED");

            var reissued = prep.postForm("/staff/distributions/reissue-q/payouts/fam-2/reissue", form("csrf", page.csrf(), "attempts", "1"));
            assertThat(notice(reissued)).contains("The payout to fam-2 is reissued under a new key", "Plan reissue-q is now incomplete.");
            // Sent twice (a double click): the second says the payout is reissued, as a status, not "Not done".
            var twice = prep.noticeAfter(prep.postForm("/staff/distributions/reissue-q/payouts/fam-2/reissue", form("csrf", page.csrf(), "attempts", "1")));
            assertThat(twice).contains("role=\"status\"", "The payout to fam-2 was reissued already; it is failed: &quot;Pay the rest&quot; sends it. "
                    + "Plan reissue-q is incomplete.").doesNotContain("Not done");
            var after = plan(prep.get("/staff/distributions"), "reissue-q");
            assertThat(after).contains("failed (reissued by prep", "data-action=\"execute\"").doesNotContain("data-action=\"reissue\"");

            assertThat(notice(prep.postForm("/staff/distributions/reissue-q/execute", form("csrf", page.csrf()))))
                    .contains("Plan reissue-q is now incomplete; payouts: 1 paid, 1 declined.");
            // Sent again under its new key (and declined again: the account still refuses).
            assertThat(service.sandbox().lookup("payout:reissue-q:fam-2:reissue-2")).isInstanceOf(Found.class);
            assertThat(plan(prep.get("/staff/distributions"), "reissue-q")).contains("declined (declined: RECIPIENT_REJECTED",
                    "data-action=\"reissue\"");
            assertThat(prep.get("/staff").body()).contains("distribution.payout.reissue", "reissue-q/fam-2", "already reissued, FAILED");
            // A paid payout, never reissued, is still refused a reissue: there is nothing to reissue.
            assertThat(prep.noticeAfter(prep.postForm("/staff/distributions/reissue-q/payouts/fam-1/reissue", form("csrf", page.csrf(), "attempts", "1"))))
                    .contains("role=\"alert\"", "Not done: ILLEGAL_STATE");
        }
    }

    /**
     * A reissue sent twice whose second request comes after "Pay the rest" sent the reissued payout
     * and it was declined again: the second is the first one's repeat, not a new decision, so it
     * says the payout was reissued already and declined since, as a status, and nothing is sent
     * again; it reissued the payout a second time. The form carries the attempt the page showed.
     */
    @Test
    void aReissueSentAgainAfterTheReissuedPayoutWasDeclinedAgainReissuesNothing() {
        paidWithOneDeclined("stale-q", SECOND_CAMPAIGN, "prep", "bilal");
        try (var prep = loggedIn("prep")) {
            var page = prep.get("/staff/distributions");
            // What the page's form sends: the attempt the page showed (asserted below, of the page after).
            var reissue = form("csrf", page.csrf(), "attempts", "1");
            assertThat(notice(prep.postForm("/staff/distributions/stale-q/payouts/fam-2/reissue", reissue)))
                    .contains("The payout to fam-2 is reissued under a new key");
            assertThat(notice(prep.postForm("/staff/distributions/stale-q/execute", form("csrf", page.csrf()))))
                    .contains("Plan stale-q is now incomplete; payouts: 1 paid, 1 declined.");

            var late = prep.noticeAfter(prep.postForm("/staff/distributions/stale-q/payouts/fam-2/reissue", reissue));

            assertThat(late).contains("role=\"status\"", "The payout to fam-2 was reissued already and declined again since "
                    + "(attempt 2: declined: RECIPIENT_REJECTED").doesNotContain("Not done");
            assertThat(service.sandbox().lookup("payout:stale-q:fam-2:reissue-3")).isNotInstanceOf(Found.class);
            var after = plan(prep.get("/staff/distributions"), "stale-q");
            assertThat(after).contains("declined (declined: RECIPIENT_REJECTED", "data-action=\"reissue\"",
                    "name=\"attempts\" value=\"2\"");
            assertThat(prep.get("/staff").body()).contains("already reissued, DECLINED");
            // A form without the attempt it showed (a page from before) reissues nothing either.
            assertThat(prep.noticeAfter(prep.postForm("/staff/distributions/stale-q/payouts/fam-2/reissue", form("csrf", page.csrf()))))
                    .contains("role=\"alert\"", "Not done: STALE_PAGE");
            // The page as it is now reissues it again: a decision taken on what it shows.
            assertThat(notice(prep.postForm("/staff/distributions/stale-q/payouts/fam-2/reissue",
                    form("csrf", page.csrf(), "attempts", "2")))).contains("The payout to fam-2 is reissued under a new key");
            assertThat(plan(prep.get("/staff/distributions"), "stale-q")).contains("failed (reissued by prep");
        }
    }

    @Test
    void anApproverWhoDidNotPrepareThePlanCancelsADeclinedPayoutWithAReasonThePreparerIsRefused() {
        paidWithOneDeclined("cancel-q", "anna", "bilal");
        try (var preparer = loggedIn("anna")) {
            var page = preparer.get("/staff/distributions");
            assertThat(plan(page, "cancel-q")).contains("You prepared this plan: another approver may cancel it.", "data-action=\"reissue\"")
                    .doesNotContain("data-action=\"cancel\"");
            var ownPlan = preparer.postForm("/staff/distributions/cancel-q/payouts/fam-2/cancel",
                    form("csrf", page.csrf(), "reason", "the account is closed"));
            assertThat(notice(ownPlan)).contains("Not done: APPROVER_IS_PREPARER");
            var shown = preparer.get(ownPlan.response().headers().firstValue("Location").orElseThrow());
            assertThat(shown.body()).contains("id=\"notice\">Not done: APPROVER_IS_PREPARER");
            assertThat(plan(shown, "cancel-q")).contains("declined (");
        }
        try (var approver = loggedIn("bilal")) {
            var page = approver.get("/staff/distributions");
            assertThat(plan(page, "cancel-q")).contains("action=\"/staff/distributions/cancel-q/payouts/fam-2/cancel\"",
                    "name=\"reason\"", "required");
            var noReason = approver.postForm("/staff/distributions/cancel-q/payouts/fam-2/cancel", form("csrf", page.csrf(), "reason", "  "));
            assertThat(notice(noReason)).contains("Not done: INVALID_REASON", "must be 1 to");
            // the page stripped a line break at the end, where the rule refuses it anywhere else
            var lineBreak = approver.postForm("/staff/distributions/cancel-q/payouts/fam-2/cancel",
                    form("csrf", page.csrf(), "reason", "the account is closed\r\n"));
            assertThat(notice(lineBreak)).contains("Not done: INVALID_REASON", "must not contain control characters");
            var cancelled = approver.postForm("/staff/distributions/cancel-q/payouts/fam-2/cancel",
                    form("csrf", page.csrf(), "reason", "the account is closed"));
            assertThat(notice(cancelled)).contains("The payout to fam-2 is cancelled: £30.00 is back in campaign " + CAMPAIGN,
                    "Plan cancel-q is now paid.");
            // Sent twice (a double click, or two approvers at once): cancelled once, and the second says so as a status.
            var twice = approver.noticeAfter(approver.postForm("/staff/distributions/cancel-q/payouts/fam-2/cancel",
                    form("csrf", page.csrf(), "reason", "the account is closed")));
            assertThat(twice).contains("role=\"status\"", "The payout to fam-2 was cancelled already: £30.00 is back in campaign "
                    + CAMPAIGN + ". Plan cancel-q is paid.").doesNotContain("Not done");
            // Reissuing what was cancelled is not what was done: still refused.
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/cancel-q/payouts/fam-2/reissue", form("csrf", page.csrf(), "attempts", "1"))))
                    .contains("role=\"alert\"", "Not done: ILLEGAL_STATE");

            var plan = plan(approver.get("/staff/distributions"), "cancel-q");
            assertThat(plan).contains("cancelled (by bilal: the account is closed)", "paid £30.00 of £60.00",
                    "cancelled £30.00, back in <code>" + CAMPAIGN + "</code>", ">paid</span>")
                    .doesNotContain("data-action=\"cancel\"", "data-action=\"reissue\"", "data-action=\"execute\"");
            assertThat(approver.get("/staff").body()).contains("distribution.payout.cancel", "cancel-q/fam-2", "CANCELLED",
                    "already CANCELLED", "refused: APPROVER_IS_PREPARER", "refused: INVALID_REASON");
        }
        assertThat(service.sandbox().payoutCounts()).containsEntry("payout:cancel-q:fam-1", 1L).doesNotContainKey("payout:cancel-q:fam-2");
    }

    /**
     * "Pay out" sent again once its run has ended (a double click on a fast run, or a second
     * member's page): the second says the plan was paid already, as a status, and nothing is paid
     * twice; it said "Not done: ILLEGAL_STATE" as an alert about a payment that was made.
     */
    @Test
    void payOutSentAgainAfterItsRunPaidThePlanSaysItWasPaidAlready() {
        // Another campaign: paying this plan spends what the others' plans draw on.
        try (var prep = loggedIn("prep")) {
            var prepared = prep.staffPostJson("/api/distributions", """
                    {"id": "paid-twice", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(SECOND_CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            assertThat(notice(approver.postForm("/staff/distributions/paid-twice/approve", form("csrf", csrf)))).contains("is now approved");
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/paid-twice/execute", form("csrf", csrf))))
                    .contains("Plan paid-twice is now paid; payouts: 1 paid.");
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/paid-twice/execute", form("csrf", csrf))))
                    .contains("role=\"status\"", "Plan paid-twice was paid already: it is paid; payouts: 1 paid.").doesNotContain("Not done");
            assertThat(approver.get("/staff").body()).contains("distribution.execute", "already PAID");
        }
        assertThat(service.sandbox().payoutCounts()).containsEntry("payout:paid-twice:fam-1", 1L);
    }

    @Test
    void payOutAnswersWithTheRunsOutcomeThePageShowingEachPayoutsStatusWithoutAReload() {
        try (var prep = loggedIn("prep")) {
            var prepared = prep.staffPostJson("/api/distributions", """
                    {"id": "outcome-q", "campaignId": "%s", "totalMinor": 4000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                      {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_rejected_2", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            assertThat(notice(approver.postForm("/staff/distributions/outcome-q/approve", form("csrf", csrf)))).contains("is now approved");

            var paid = approver.postForm("/staff/distributions/outcome-q/execute", form("csrf", csrf));
            // The page the redirect opens, fetched at once: the run has ended, and the notice says how.
            var shown = approver.get(paid.response().headers().firstValue("Location").orElseThrow());
            assertThat(Http.noticeIn(shown)).contains("role=\"status\"", "Plan outcome-q is now incomplete; payouts: 1 paid, 1 declined.");
            assertThat(plan(shown, "outcome-q")).contains(">incomplete</span>", "<span data-field=\"payout\">paid",
                    "<span data-field=\"payout\">declined (declined: RECIPIENT_REJECTED", "paid £20.00 of £40.00");
            assertThat(shown.response().headers().firstValue("Refresh")).isEmpty();
        }
    }

    /**
     * Approve or reject sent twice (a double click, or two approvers at once): the second answer
     * says the plan is so already, as a status, where it said "Not done: ILLEGAL_STATE" as an alert
     * about a decision that was made.
     */
    @Test
    void anApproveOrARejectSentTwiceSaysThePlanIsSoAlreadyNotThatItWasNotDone() {
        try (var preparer = loggedIn("anna")) {
            for (var id : new String[] {"twice-a", "twice-r"}) {
                var prepared = preparer.staffPostJson("/api/distributions", """
                        {"id": "%s", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                          {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                        .formatted(id, CAMPAIGN), null);
                assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
            }
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/twice-a/approve", form("csrf", csrf))))
                    .contains("Plan twice-a is now approved.");
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/twice-a/approve", form("csrf", csrf))))
                    .contains("role=\"status\"", "Plan twice-a was approved already; it is approved.").doesNotContain("Not done");

            var reject = form("csrf", csrf, "reason", "the amounts are wrong");
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/twice-r/reject", reject)))
                    .contains("Plan twice-r is now rejected.");
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/twice-r/reject", reject)))
                    .contains("role=\"status\"", "Plan twice-r was rejected already.").doesNotContain("Not done");
            // Rejecting an approved plan is still refused: it is not what was asked.
            assertThat(approver.noticeAfter(approver.postForm("/staff/distributions/twice-a/reject", reject)))
                    .contains("role=\"alert\"", "Not done: ILLEGAL_STATE");
            assertThat(approver.get("/staff").body()).contains("already APPROVED", "already REJECTED");
        }
    }

    @Test
    void aRejectWithABlankReasonIsRefusedAsTheServiceRefusesItThePlanStillPrepared() {
        try (var preparer = loggedIn("anna")) {
            var prepared = preparer.staffPostJson("/api/distributions", """
                    {"id": "reject-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            for (var blank : new String[] {"", "   "}) {
                var refused = approver.noticeAfter(approver.postForm("/staff/distributions/reject-q/reject",
                        form("csrf", csrf, "reason", blank)));
                assertThat(refused).contains("role=\"alert\"", ">Not done: INVALID_REASON: ", "must be 1 to 500 characters");
            }
            var noField = approver.noticeAfter(approver.postForm("/staff/distributions/reject-q/reject", form("csrf", csrf)));
            assertThat(noField).contains(">Not done: INVALID_REASON: ");
            assertThat(plan(approver.get("/staff/distributions"), "reject-q")).contains(">prepared</span>", "data-action=\"reject\"")
                    .doesNotContain("rejected by");
            assertThat(approver.get("/staff").body()).contains("distribution.reject", "refused: INVALID_REASON");

            var rejected = approver.noticeAfter(approver.postForm("/staff/distributions/reject-q/reject",
                    form("csrf", csrf, "reason", "the amounts are wrong")));
            assertThat(rejected).contains("Plan reject-q is now rejected.");
            assertThat(plan(approver.get("/staff/distributions"), "reject-q")).contains("rejected by <strong>bilal</strong>: the amounts are wrong");
        }
    }

    /** A reject reason the free-text rule refuses gets the same code through the page and the JSON API, and nothing is rejected. */
    @Test
    void aReasonThatCannotBeStoredAsTypedIsRefusedAlikeByThePageAndTheApi() {
        try (var preparer = loggedIn("anna")) {
            var prepared = preparer.staffPostJson("/api/distributions", """
                    {"id": "doors-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            // a direction override or isolate: the reason is shown to the preparer and on the audit trail, where it could read as other text
            for (var reason : new String[] {"", "   ", "wrong\u0000amounts", "wrong\namounts", "x".repeat(501), "wrong \u202Estnuoma",
                    "\u2067wrong amounts\u2069"}) {
                var page = approver.noticeAfter(approver.postForm("/staff/distributions/doors-q/reject", form("csrf", csrf, "reason", reason)));
                assertThat(page).as("page, reason %s", Http.jsonString(reason)).contains(">Not done: INVALID_REASON: The reason must");
                var api = approver.staffPostJson("/api/distributions/doors-q/reject", "{\"reason\": " + Http.jsonString(reason) + "}", null);
                assertThat(api.status()).as("API, reason %s: %s", Http.jsonString(reason), api.body()).isEqualTo(422);
                assertThat(api.json().path("error").asText()).isEqualTo("INVALID_REASON");
                assertThat(api.json().path("field").asText()).isEqualTo("reason");
            }
            // Only the API can send half a surrogate pair (a form's UTF-8 cannot hold one).
            var half = approver.staffPostJson("/api/distributions/doors-q/reject", "{\"reason\": \"wrong \\ud800\"}", null);
            assertThat(half.status()).as(half.body()).isEqualTo(422);
            assertThat(half.json().path("error").asText()).isEqualTo("INVALID_REASON");
            assertThat(plan(approver.get("/staff/distributions"), "doors-q")).contains(">prepared</span>");
        }
    }

    @Test
    void aCancelReasonThatCannotBeStoredAsTypedIsRefusedByTheApiAsByThePage() {
        paidWithOneDeclined("cancel-api-q", "anna", "bilal");
        try (var approver = loggedIn("bilal")) {
            for (var reason : new String[] {"", "   ", "closed\u0000account", "x".repeat(401), "closed \u202Etnuocca"}) {
                var api = approver.staffPostJson("/api/distributions/cancel-api-q/payouts/fam-2/cancel",
                        "{\"reason\": " + Http.jsonString(reason) + "}", null);
                assertThat(api.status()).as("reason %s: %s", Http.jsonString(reason), api.body()).isEqualTo(422);
                assertThat(api.json().path("error").asText()).isEqualTo("INVALID_REASON");
            }
            assertThat(plan(approver.get("/staff/distributions"), "cancel-api-q")).contains("declined (");
        }
    }

    @Test
    void aRefusedActionIsShownAsAnAlertAndADoneOneAsAStatus() {
        try (var preparer = loggedIn("anna")) {
            var prepared = preparer.staffPostJson("/api/distributions", """
                    {"id": "notice-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
            var ownPlan = preparer.noticeAfter(preparer.postForm("/staff/distributions/notice-q/approve",
                    form("csrf", preparer.get("/staff/distributions").csrf())));
            assertThat(ownPlan).contains("class=\"card notice error\"", "role=\"alert\"", ">Not done: APPROVER_IS_PREPARER: ")
                    .doesNotContain("status");
        }
        try (var approver = loggedIn("bilal")) {
            var csrf = approver.get("/staff/distributions").csrf();
            var approved = approver.noticeAfter(approver.postForm("/staff/distributions/notice-q/approve", form("csrf", csrf)));
            assertThat(approved).contains("class=\"card notice\"", "role=\"status\"", "Plan notice-q is now approved.")
                    .doesNotContain("error", "alert");
            // A payout's own actions answer the same way: fam-1's payout is not declined, so there is nothing to reissue.
            var reissue = approver.noticeAfter(approver.postForm("/staff/distributions/notice-q/payouts/fam-1/reissue", form("csrf", csrf)));
            assertThat(reissue).contains("class=\"card notice error\"", "role=\"alert\"", ">Not done: ");
        }
    }

    /**
     * Plan {@code id} of £60 to two recipients, fam-2's account refusing, prepared by {@code preparer}
     * over the staff API, approved by {@code approver} and executed by the preparer through the
     * page, which waits for its run: INCOMPLETE, fam-1 paid, fam-2 declined.
     */
    private static void paidWithOneDeclined(String id, String preparer, String approver) {
        paidWithOneDeclined(id, CAMPAIGN, preparer, approver);
    }

    /** As {@link #paidWithOneDeclined(String, String, String)}, from {@code campaign}. */
    private static void paidWithOneDeclined(String id, String campaign, String preparer, String approver) {
        try (var prep = loggedIn(preparer)) {
            var prepared = prep.staffPostJson("/api/distributions", """
                    {"id": "%s", "campaignId": "%s", "totalMinor": 6000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                      {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_rejected_2", "ratio": 1}]}"""
                    .formatted(id, campaign), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var http = loggedIn(approver)) {
            var approved = http.postForm("/staff/distributions/" + id + "/approve", form("csrf", http.get("/staff/distributions").csrf()));
            assertThat(notice(approved)).contains("is now approved");
        }
        try (var prep = loggedIn(preparer)) {
            var executed = prep.postForm("/staff/distributions/" + id + "/execute", form("csrf", prep.get("/staff/distributions").csrf()));
            assertThat(notice(executed)).contains("Plan " + id + " is now incomplete; payouts: 1 paid, 1 declined.");
        }
    }

    /** The plan's article in the page. */
    private static String plan(Http.Reply page, String id) {
        assertThat(page.status()).isEqualTo(200);
        var m = Pattern.compile("(?s)<article class=\"card plan\" data-plan=\"" + Pattern.quote(id) + "\">.*?</article>").matcher(page.body());
        assertThat(m.find()).as("plan " + id + " in " + page.body()).isTrue();
        return m.group();
    }

    private static String notice(Http.Reply redirect) {
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(303);
        return URLDecoder.decode(redirect.response().headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    }

    private static Http loggedIn(String username) {
        return Http.loggedIn(service.port(), username, PASSWORD);
    }
}
