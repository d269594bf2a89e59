package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan being paid, over real HTTP, with a provider that takes 6 s a call, so that the run is
 * still under way when the next request arrives: the distributions page showing it reloads itself
 * ({@code Refresh}, to the page without its notice) until the run has ended, and then no longer;
 * "Pay out" sent again while it runs (a double click) answers with the run's outcome, not a refusal;
 * a plan whose run was killed, left executing, does not make the page reload for ever.
 */
class DistributionPagesSlowRunTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String CAMPAIGN = "zakat-reload";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir, Map.of("AMANAH_GATEWAY_LATENCY_MIN", "6s", "AMANAH_GATEWAY_LATENCY_MAX", "6s"));
        WebTestService.addStaff(service, "anna", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "bilal", PASSWORD, Role.APPROVER);
        WebTestService.addStaff(service, "vera", PASSWORD, Role.VIEWER);
        WebTestService.fundedZakatCampaign(service, CAMPAIGN, "Zakat reload", "tok_visa_reload", "zakat-reload-donation");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void payOutSentAgainWhileItsRunIsUnderWayAnswersWithTheRunsOutcome() {
        try (var anna = Http.loggedIn(service.port(), "anna", PASSWORD)) {
            var prepared = anna.staffPostJson("/api/distributions", """
                    {"id": "twice-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var bilal = Http.loggedIn(service.port(), "bilal", PASSWORD)) {
            var csrf = bilal.get("/staff/distributions").csrf();
            assertThat(bilal.postForm("/staff/distributions/twice-q/approve", form("csrf", csrf)).status()).isEqualTo(303);
            // The first "Pay out" (here over the API, which does not wait), and the second from the page while it runs.
            var first = bilal.staffPostJson("/api/distributions/twice-q/execute", "{}", null);
            assertThat(first.status()).as(first.body()).isEqualTo(202);

            var second = bilal.noticeAfter(bilal.postForm("/staff/distributions/twice-q/execute", form("csrf", csrf)));
            assertThat(second).contains("role=\"status\"", "Plan twice-q was being paid already: it is now paid; payouts: 1 paid.");
            assertThat(service.sandbox().payoutCounts()).containsEntry("payout:twice-q:fam-1", 1L);
            assertThat(bilal.get("/staff").body()).contains("distribution.execute", "refused: PLAN_EXECUTING");
        }
    }

    @Test
    void aPlanLeftExecutingByARunThatDiedDoesNotMakeThePageReloadForEver() {
        try (var anna = Http.loggedIn(service.port(), "anna", PASSWORD)) {
            var prepared = anna.staffPostJson("/api/distributions", """
                    {"id": "dead-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var bilal = Http.loggedIn(service.port(), "bilal", PASSWORD)) {
            assertThat(bilal.postForm("/staff/distributions/dead-q/approve", form("csrf", bilal.get("/staff/distributions").csrf()))
                    .status()).isEqualTo(303);
            var executing = bilal.staffPostJson("/api/distributions/dead-q/execute", "{}", null);
            assertThat(executing.status()).as(executing.body()).isEqualTo(202);
            Processes.exit(service.distributions().runOf("dead-q").orElseThrow(), ExitReason.KILL);

            var page = bilal.get("/staff/distributions");
            assertThat(page.body()).contains(">executing</span>");
            assertThat(page.response().headers().firstValue("Refresh")).isEmpty();
        }
    }

    /**
     * A plan whose run died (killed here, as by a JVM killed mid-payout) says so on the page and
     * offers "Settle", which settles it as a restart would, without one: refused while its run is
     * alive, done once the run is dead, and sent again it says the plan was settled already.
     */
    @Test
    void aPlanLeftExecutingByARunThatDiedSaysSoAndIsSettledFromThePage() {
        try (var anna = Http.loggedIn(service.port(), "anna", PASSWORD)) {
            var prepared = anna.staffPostJson("/api/distributions", """
                    {"id": "stuck-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var bilal = Http.loggedIn(service.port(), "bilal", PASSWORD)) {
            var csrf = bilal.get("/staff/distributions").csrf();
            assertThat(bilal.postForm("/staff/distributions/stuck-q/approve", form("csrf", csrf)).status()).isEqualTo(303);
            var executing = bilal.staffPostJson("/api/distributions/stuck-q/execute", "{}", null);
            assertThat(executing.status()).as(executing.body()).isEqualTo(202);
            assertThat(bilal.noticeAfter(bilal.postForm("/staff/distributions/stuck-q/settle", form("csrf", csrf))))
                    .contains("role=\"alert\"", "Not done: PLAN_EXECUTING");
            assertThat(plan(bilal.get("/staff/distributions"), "stuck-q")).doesNotContain("data-field=\"stuck\"", "data-action=\"settle\"");

            Processes.exit(service.distributions().runOf("stuck-q").orElseThrow(), ExitReason.KILL);
            assertThat(plan(bilal.get("/staff/distributions"), "stuck-q")).contains(">executing</span>",
                    "Its payment run stopped before it ended", "data-action=\"settle\"");
            try (var vera = Http.loggedIn(service.port(), "vera", PASSWORD)) {
                assertThat(plan(vera.get("/staff/distributions"), "stuck-q")).contains("Its payment run stopped before it ended",
                        "A preparer or approver may settle it.").doesNotContain("data-action=\"settle\"");
            }

            assertThat(bilal.noticeAfter(bilal.postForm("/staff/distributions/stuck-q/settle", form("csrf", csrf))))
                    .contains("role=\"status\"", "Plan stuck-q is settled: it is now ");
            assertThat(plan(bilal.get("/staff/distributions"), "stuck-q")).doesNotContain(">executing</span>", "data-field=\"stuck\"");
            assertThat(bilal.noticeAfter(bilal.postForm("/staff/distributions/stuck-q/settle", form("csrf", csrf))))
                    .contains("role=\"status\"", "Plan stuck-q was settled already; it is ").doesNotContain("Not done");
            assertThat(bilal.get("/staff").body()).contains("distribution.settle", "refused: PLAN_EXECUTING", "already ");
        }
        assertThat(service.sandbox().payoutCounts().getOrDefault("payout:stuck-q:fam-1", 0L)).isLessThanOrEqualTo(1L);
    }

    /**
     * The staff API settles a plan its dead run left executing, as the page's "Settle" does: refused
     * PLAN_EXECUTING while the run is alive, settled once it is dead, "already": true sent again,
     * each request audited; a viewer is refused. The API had no settle: 404.
     */
    @Test
    void theApiSettlesAPlanLeftExecutingByARunThatDied() {
        try (var anna = Http.loggedIn(service.port(), "anna", PASSWORD)) {
            var prepared = anna.staffPostJson("/api/distributions", """
                    {"id": "api-stuck-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var bilal = Http.loggedIn(service.port(), "bilal", PASSWORD)) {
            assertThat(bilal.staffPostJson("/api/distributions/api-stuck-q/approve", "{}", null).status()).isEqualTo(200);
            assertThat(bilal.staffPostJson("/api/distributions/api-stuck-q/execute", "{}", null).status()).isEqualTo(202);

            var whileAlive = bilal.staffPostJson("/api/distributions/api-stuck-q/settle", "{}", null);
            Processes.exit(service.distributions().runOf("api-stuck-q").orElseThrow(), ExitReason.KILL);
            try (var vera = Http.loggedIn(service.port(), "vera", PASSWORD)) {
                assertThat(vera.staffPostJson("/api/distributions/api-stuck-q/settle", "{}", null).status()).isEqualTo(403);
            }
            var settled = bilal.staffPostJson("/api/distributions/api-stuck-q/settle", "{}", null);
            var again = bilal.staffPostJson("/api/distributions/api-stuck-q/settle", "{}", null);

            assertThat(whileAlive.status()).as(whileAlive.body()).isEqualTo(409);
            assertThat(whileAlive.json().path("error").asText()).isEqualTo("PLAN_EXECUTING");
            assertThat(settled.status()).as(settled.body()).isEqualTo(200);
            assertThat(settled.json().path("status").asText()).isIn("PAID", "INCOMPLETE");
            assertThat(settled.json().path("already").asBoolean(true)).isFalse();
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().path("already").asBoolean()).isTrue();
            assertThat(again.json().path("status").asText()).isEqualTo(settled.json().path("status").asText());
            assertThat(bilal.get("/staff").body()).contains("distribution.settle", "api-stuck-q", "refused: PLAN_EXECUTING",
                    "already " + settled.json().path("status").asText());
        }
        assertThat(service.sandbox().payoutCounts().getOrDefault("payout:api-stuck-q:fam-1", 0L)).isLessThanOrEqualTo(1L);
    }

    @Test
    void aPageShowingAPlanBeingPaidReloadsItselfUntilTheRunHasEnded() {
        try (var anna = Http.loggedIn(service.port(), "anna", PASSWORD)) {
            var prepared = anna.staffPostJson("/api/distributions", """
                    {"id": "slow-q", "campaignId": "%s", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                    .formatted(CAMPAIGN), null);
            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
        }
        try (var bilal = Http.loggedIn(service.port(), "bilal", PASSWORD)) {
            var approved = bilal.postForm("/staff/distributions/slow-q/approve", form("csrf", bilal.get("/staff/distributions").csrf()));
            assertThat(approved.status()).isEqualTo(303);
            // Started over the API, which answers at once: the page is opened while the provider holds the payout.
            var executing = bilal.staffPostJson("/api/distributions/slow-q/execute", "{}", null);
            assertThat(executing.status()).as(executing.body()).isEqualTo(202);

            var during = bilal.get("/staff/distributions");
            assertThat(during.body()).contains(">executing</span>");
            assertThat(during.response().headers().firstValue("Refresh")).hasValue("5; url=/staff/distributions");

            assertThat(service.distributions().awaitRun("slow-q", Duration.ofSeconds(60)).plan().status().name()).isEqualTo("PAID");
            var after = bilal.get("/staff/distributions");
            assertThat(after.body()).contains(">paid</span>");
            assertThat(after.response().headers().firstValue("Refresh")).isEmpty();
        }
    }

    /** The plan's article in the page. */
    private static String plan(Http.Reply page, String id) {
        assertThat(page.status()).isEqualTo(200);
        var m = Pattern.compile("(?s)<article class=\"card plan\" data-plan=\"" + Pattern.quote(id) + "\">.*?</article>").matcher(page.body());
        assertThat(m.find()).as("plan " + id + " in " + page.body()).isTrue();
        return m.group();
    }
}
