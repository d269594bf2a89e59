package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.payment.Found;
import dev.amanah.donations.payment.NotFound;
import dev.amanah.donations.pipeline.DonationPipeline;
import dev.amanah.donations.pipeline.DonationSettlement;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.ledger.Account;
import dev.amanah.otp.pubsub.PubSub;
import dev.amanah.otp.task.TaskSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff API over real HTTP (SQLite here; PostgreSQL in {@link StaffApiPostgresTest}): HTTP
 * Basic against configured BCrypt accounts (401 without, 403 for the wrong role), a zakat
 * distribution prepared, approved by a second person, paid and balanced; donations the fraud
 * check holds answered 202, listed, released (charged, 201 on the donor's retry) or rejected
 * (422, nothing charged), and still held after a restart.
 */
class StaffApiTest {
    private static final Currency GBP = Currency.getInstance("GBP");
    // Cost 4: the lowest BCrypt allows, so the tests spend no time hashing.
    private static final String ACCOUNTS = String.join(",",
            "amina:PREPARER:" + StaffDirectory.hash("amina-pw", 4),
            "bilal:APPROVER:" + StaffDirectory.hash("bilal-pw", 4),
            "vera:VIEWER:" + StaffDirectory.hash("vera-pw", 4));
    /** The fraud check holds a card's second attempt for review and never denies one. */
    private static final Map<String, String> HOLD_SECOND_ATTEMPT =
            Map.of("AMANAH_FRAUD_CARD_ATTEMPTS_REVIEW_AT", "2", "AMANAH_FRAUD_CARD_ATTEMPTS_DENY_AT", "1000");

    @TempDir
    Path dir;

    /** The service's configuration; a subclass may choose another database. */
    AmanahConfig config(Map<String, String> overrides) {
        return TestServices.config(dir, overrides);
    }

    private AmanahConfig staffConfig(Map<String, String> more) {
        var environment = new HashMap<>(more);
        environment.put("AMANAH_STAFF_ACCOUNTS", ACCOUNTS);
        environment.put("AMANAH_DISTRIBUTION_MAX_CONCURRENCY", "2");
        return config(environment);
    }

    @Test
    void http_basic_guesses_of_a_name_are_throttled_as_the_login_page_throttles_them() {
        // The login page refuses a name after five failed logins in 15 minutes; Basic checks the
        // same accounts' passwords and must not be the door where guessing goes on unthrottled.
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var staff = new Client(service.port());
            for (int guess = 1; guess <= 5; guess++) {
                assertThat(staff.send("GET", "/api/reviews", null, "amina:guess-" + guess).status()).isEqualTo(401);
            }
            var rightPasswordTooLate = staff.send("GET", "/api/reviews", null, "amina:amina-pw");
            var anotherName = staff.send("GET", "/api/reviews", null, "bilal:bilal-pw");

            assertThat(rightPasswordTooLate.status()).as(rightPasswordTooLate.body()).isEqualTo(401);
            assertThat(rightPasswordTooLate.json().path("error").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(anotherName.status()).as(anotherName.body()).isEqualTo(200);
        }
    }

    @Test
    void a_zakat_distribution_over_http_needs_two_people_and_pays_each_recipient_once() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            zakatCampaign(api, "zakat-2026");
            for (int i = 1; i <= 3; i++) {
                var donated = api.donate("zakat-" + i, """
                        {"campaignId": "zakat-2026", "amountMinor": 5000, "currency": "GBP", "fundType": "ZAKAT",
                         "donor": {"name": "Donor %d", "email": "donor%d@example.org"}, "paymentToken": "tok_visa_%d"}"""
                        .formatted(i, i, i));
                assertThat(donated.status()).as(donated.body()).isEqualTo(201);
            }
            var plan = """
                    {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 10000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                      {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_2", "ratio": 1},
                      {"id": "fam-3", "name": "Family 3", "category": "DEBTORS", "accountRef": "acct_3", "ratio": 1}]}""";

            var anonymous = staff.send("POST", "/api/distributions", plan, null);
            var wrongPassword = staff.send("POST", "/api/distributions", plan, "amina:nope");
            var viewer = staff.send("POST", "/api/distributions", plan, "vera:vera-pw");
            var created = staff.send("POST", "/api/distributions", plan, "amina:amina-pw");
            var selfApproval = staff.send("POST", "/api/distributions/q1/approve", null, "amina:amina-pw");
            var early = staff.send("POST", "/api/distributions/q1/execute", null, "bilal:bilal-pw");
            var approved = staff.send("POST", "/api/distributions/q1/approve", null, "bilal:bilal-pw");
            var executing = staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw");
            service.distributions().awaitRun("q1", Duration.ofSeconds(30));
            var shown = staff.send("GET", "/api/distributions/q1", null, "vera:vera-pw");
            var again = staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw");

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().path("error").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(anonymous.authenticate()).startsWith("Basic realm=\"amanah-staff\"");
            assertThat(wrongPassword.status()).isEqualTo(401);
            assertThat(viewer.status()).isEqualTo(403);
            assertThat(viewer.json().path("error").asText()).isEqualTo("FORBIDDEN");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("status").asText()).isEqualTo("PREPARED");
            assertThat(created.json().path("recipients").findValuesAsText("amountMinor")).containsExactly("3334", "3333", "3333");
            assertThat(selfApproval.status()).isEqualTo(403);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.json().path("error").asText()).isEqualTo("ILLEGAL_STATE");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(approved.json().path("approvedBy").asText()).isEqualTo("bilal");
            assertThat(executing.status()).as(executing.body()).isEqualTo(202);
            assertThat(shown.json().path("status").asText()).isEqualTo("PAID");
            assertThat(shown.json().path("paidMinor").asLong()).isEqualTo(10000);
            assertThat(shown.json().path("recipients").findValuesAsText("status")).containsOnly("PAID");
            // Execute sent again once the plan is paid: what it asked for is done, nothing paid twice.
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().path("already").asBoolean()).isTrue();
            assertThat(again.json().path("status").asText()).isEqualTo("PAID");
            assertThat(executing.json().path("already").asBoolean(true)).isFalse();
            assertThat(service.sandbox().payoutCounts()).containsOnly(
                    Map.entry("payout:q1:fam-1", 1L), Map.entry("payout:q1:fam-2", 1L), Map.entry("payout:q1:fam-3", 1L));
            var ledger = new Store(service.database(), Clock.systemUTC()).ledger();
            assertThat(ledger.creditBalance(Account.campaign("zakat-2026"), GBP).minorUnits()).isEqualTo(5000);
            assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).isEqualTo(5000);
            assertThat(ledger.balances().stream().mapToLong(b -> b.balance().minorUnits()).sum()).isZero();
        }
    }

    /**
     * A recipient's account refuses payouts: over HTTP the payout shows DECLINED with the reason,
     * execute says PAYOUTS_DECLINED instead of sending the key again, and an approver (not the
     * preparer) cancels it, returning its money to the campaign; the plan is then PAID.
     */
    @Test
    void a_declined_payout_is_shown_and_cancelled_over_http_with_its_money_back_in_the_campaign() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            zakatCampaign(api, "zakat-2026");
            assertThat(api.donate("zakat-1", """
                    {"campaignId": "zakat-2026", "amountMinor": 10000, "currency": "GBP", "fundType": "ZAKAT",
                     "donor": {"name": "Donor", "email": "donor@example.org"}, "paymentToken": "tok_visa_1"}""").status())
                    .isEqualTo(201);
            var plan = """
                    {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 6000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                      {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_rejected_2", "ratio": 1}]}""";
            assertThat(staff.send("POST", "/api/distributions", plan, "amina:amina-pw").status()).isEqualTo(201);
            assertThat(staff.send("POST", "/api/distributions/q1/approve", null, "bilal:bilal-pw").status()).isEqualTo(200);
            assertThat(staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw").status()).isEqualTo(202);
            service.distributions().awaitRun("q1", Duration.ofSeconds(30));

            var shown = staff.send("GET", "/api/distributions/q1", null, "vera:vera-pw");
            var again = staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw");
            var byPreparer = staff.send("POST", "/api/distributions/q1/payouts/fam-2/cancel", "{\"reason\": \"closed\"}",
                    "amina:amina-pw");
            var noReason = staff.send("POST", "/api/distributions/q1/payouts/fam-2/cancel", "{}", "bilal:bilal-pw");
            var unknown = staff.send("POST", "/api/distributions/q1/payouts/fam-9/reissue", null, "amina:amina-pw");
            var cancelled = staff.send("POST", "/api/distributions/q1/payouts/fam-2/cancel",
                    "{\"reason\": \"account closed\"}", "bilal:bilal-pw");
            var cancelledAgain = staff.send("POST", "/api/distributions/q1/payouts/fam-2/cancel",
                    "{\"reason\": \"account closed\"}", "bilal:bilal-pw");
            var reissueCancelled = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", null, "amina:amina-pw");

            assertThat(shown.json().path("status").asText()).as(shown.body()).isEqualTo("INCOMPLETE");
            assertThat(shown.json().path("recipients").get(1).path("payout").path("status").asText()).isEqualTo("DECLINED");
            assertThat(shown.json().path("recipients").get(1).path("payout").path("failureReason").asText())
                    .contains("RECIPIENT_REJECTED");
            assertThat(shown.json().path("unpaidMinor").asLong()).isEqualTo(3000);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().path("error").asText()).isEqualTo("PAYOUTS_DECLINED");
            assertThat(byPreparer.status()).isEqualTo(403);
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("error").asText()).isEqualTo("PAYOUT_NOT_FOUND");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().path("status").asText()).isEqualTo("PAID");
            assertThat(cancelled.json().path("paidMinor").asLong()).isEqualTo(3000);
            assertThat(cancelled.json().path("cancelledMinor").asLong()).isEqualTo(3000);
            assertThat(cancelled.json().path("unpaidMinor").asLong()).isZero();
            assertThat(cancelled.json().path("recipients").get(1).path("payout").path("status").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.json().path("already").asBoolean(true)).isFalse();
            assertThat(cancelledAgain.status()).as(cancelledAgain.body()).isEqualTo(200);
            assertThat(cancelledAgain.json().path("already").asBoolean()).isTrue();
            assertThat(cancelledAgain.json().path("cancelledMinor").asLong()).isEqualTo(3000);
            assertThat(reissueCancelled.status()).isEqualTo(409);
            assertThat(reissueCancelled.json().path("error").asText()).isEqualTo("ILLEGAL_STATE");
            assertThat(service.sandbox().payoutCounts()).containsOnly(Map.entry("payout:q1:fam-1", 1L));
            var ledger = new Store(service.database(), Clock.systemUTC()).ledger();
            assertThat(ledger.creditBalance(Account.campaign("zakat-2026"), GBP).minorUnits()).isEqualTo(7000);
            assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).isEqualTo(7000);
            assertThat(ledger.balances().stream().mapToLong(b -> b.balance().minorUnits()).sum()).isZero();
        }
    }

    /**
     * A reissue retried (a timeout, a double send) whose second request arrives after execute sent
     * the reissued payout and the provider declined it again: with the attempts the client saw, it
     * is told from a new decision and reissues nothing; it reissued the payout a second time.
     * Without them, the decline standing now is reissued, as before the field.
     */
    @Test
    void a_reissue_sent_again_after_its_payout_was_declined_again_reissues_nothing() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var staff = declinedPlan(service);
            var seen = staff.send("GET", "/api/distributions/q1", null, "vera:vera-pw").json()
                    .path("recipients").get(1).path("payout").path("attempts").asInt();
            var body = "{\"attempts\": " + seen + "}";
            var reissued = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", body, "amina:amina-pw");
            assertThat(staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw").status()).isEqualTo(202);
            service.distributions().awaitRun("q1", Duration.ofSeconds(30));

            var late = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", body, "amina:amina-pw");

            assertThat(seen).isEqualTo(1);
            assertThat(reissued.status()).as(reissued.body()).isEqualTo(200);
            // The repeat of a reissue that was done: the plan as it stands, the payout declined again.
            assertThat(late.status()).as(late.body()).isEqualTo(200);
            assertThat(late.json().path("already").asBoolean()).isTrue();
            var payout = staff.send("GET", "/api/distributions/q1", null, "vera:vera-pw").json().path("recipients").get(1).path("payout");
            assertThat(payout.path("status").asText()).isEqualTo("DECLINED");
            assertThat(payout.path("attempts").asInt()).isEqualTo(2);
            assertThat(service.sandbox().lookup("payout:q1:fam-2:reissue-2")).isInstanceOf(Found.class);
            assertThat(service.sandbox().lookup("payout:q1:fam-2:reissue-3")).isInstanceOf(NotFound.class);

            var bogus = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", "{\"attempts\": -1}", "amina:amina-pw");
            var unversioned = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", null, "amina:amina-pw");
            assertThat(bogus.status()).as(bogus.body()).isEqualTo(400);
            assertThat(unversioned.status()).as(unversioned.body()).isEqualTo(200);
            assertThat(unversioned.json().path("recipients").get(1).path("payout").path("status").asText()).isEqualTo("FAILED");
        }
    }

    /**
     * A decision sent again (a client's retry, two staff at once) is answered as the pages answer
     * it: 200 with the plan as it stands and "already": true, nothing done twice; the contrary
     * decision is still 409, naming the state the first one left. It was 409 ILLEGAL_STATE for both.
     */
    @Test
    void a_decision_sent_again_answers_the_plan_already_so_and_a_contrary_one_is_refused() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var staff = declinedPlan(service);
            for (var id : new String[] {"q2", "q3"}) {
                assertThat(staff.send("POST", "/api/distributions", """
                        {"id": "%s", "campaignId": "zakat-2026", "totalMinor": 1000, "currency": "GBP", "recipients": [
                          {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}"""
                        .formatted(id), "amina:amina-pw").status()).isEqualTo(201);
            }
            var reason = "{\"reason\": \"the amounts are wrong\"}";

            var approved = staff.send("POST", "/api/distributions/q2/approve", null, "bilal:bilal-pw");
            var approvedAgain = staff.send("POST", "/api/distributions/q2/approve", null, "bilal:bilal-pw");
            var rejectApproved = staff.send("POST", "/api/distributions/q2/reject", reason, "bilal:bilal-pw");
            var rejected = staff.send("POST", "/api/distributions/q3/reject", reason, "bilal:bilal-pw");
            var rejectedAgain = staff.send("POST", "/api/distributions/q3/reject", reason, "bilal:bilal-pw");
            var approveRejected = staff.send("POST", "/api/distributions/q3/approve", null, "bilal:bilal-pw");
            var reissued = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", "{\"attempts\": 1}", "amina:amina-pw");
            var reissuedAgain = staff.send("POST", "/api/distributions/q1/payouts/fam-2/reissue", "{\"attempts\": 1}", "amina:amina-pw");
            var cancelReissued = staff.send("POST", "/api/distributions/q1/payouts/fam-2/cancel", reason, "bilal:bilal-pw");

            assertThat(approvedAgain.status()).as(approvedAgain.body()).isEqualTo(200);
            assertThat(approvedAgain.json().path("already").asBoolean()).isTrue();
            assertThat(approvedAgain.json().path("status").asText()).isEqualTo("APPROVED");
            assertThat(approvedAgain.json().path("approvedBy").asText()).isEqualTo("bilal");
            assertThat(approved.json().path("already").asBoolean(true)).as(approved.body()).isFalse();
            assertThat(rejectApproved.status()).isEqualTo(409);
            assertThat(rejectApproved.json().path("message").asText()).contains("is APPROVED");
            assertThat(rejected.json().path("already").asBoolean(true)).isFalse();
            assertThat(rejectedAgain.status()).as(rejectedAgain.body()).isEqualTo(200);
            assertThat(rejectedAgain.json().path("already").asBoolean()).isTrue();
            assertThat(rejectedAgain.json().path("status").asText()).isEqualTo("REJECTED");
            assertThat(approveRejected.status()).isEqualTo(409);
            assertThat(approveRejected.json().path("message").asText()).contains("is REJECTED");
            assertThat(reissued.json().path("already").asBoolean(true)).as(reissued.body()).isFalse();
            assertThat(reissuedAgain.status()).as(reissuedAgain.body()).isEqualTo(200);
            assertThat(reissuedAgain.json().path("already").asBoolean()).isTrue();
            assertThat(reissuedAgain.json().path("recipients").get(1).path("payout").path("failureReason").asText())
                    .startsWith("reissued by amina");
            assertThat(cancelReissued.status()).isEqualTo(409);
            assertThat(cancelReissued.json().path("message").asText()).contains("is FAILED");
        }
    }

    /**
     * A plan prepared over the API is recorded in the staff audit trail, as every decision on it is,
     * and so is a preparation refused; the API recorded neither.
     */
    @Test
    void a_plan_prepared_or_refused_over_the_api_is_audited() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            zakatCampaign(api, "zakat-2026");
            assertThat(api.donate("zakat-1", """
                    {"campaignId": "zakat-2026", "amountMinor": 10000, "currency": "GBP", "fundType": "ZAKAT",
                     "donor": {"name": "Donor", "email": "donor@example.org"}, "paymentToken": "tok_visa_1"}""").status())
                    .isEqualTo(201);
            var plan = """
                    {"id": "p1", "campaignId": "zakat-2026", "totalMinor": 1000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}""";

            var prepared = staff.send("POST", "/api/distributions", plan, "amina:amina-pw");
            var preparedAgain = staff.send("POST", "/api/distributions", plan, "amina:amina-pw");

            assertThat(prepared.status()).as(prepared.body()).isEqualTo(201);
            assertThat(preparedAgain.status()).as(preparedAgain.body()).isEqualTo(409);
            assertThat(new StaffAudit(service.database(), Clock.systemUTC()).recent(20))
                    .filteredOn(entry -> entry.action().startsWith("distribution"))
                    .extracting(entry -> entry.username() + " " + entry.action() + " " + entry.subject() + ": " + entry.outcome())
                    .containsExactly(
                            "amina distribution.prepare p1: refused: " + preparedAgain.json().path("error").asText(),
                            "amina distribution.prepare p1: PREPARED");
        }
    }

    /**
     * Plan q1 of £60 from a campaign holding £100, fam-2's account refusing: prepared, approved and
     * run over the API, INCOMPLETE with fam-1 paid and fam-2 declined at its first attempt.
     */
    private Client declinedPlan(AmanahService service) {
        var api = new Api(service.port());
        var staff = new Client(service.port());
        zakatCampaign(api, "zakat-2026");
        assertThat(api.donate("zakat-1", """
                {"campaignId": "zakat-2026", "amountMinor": 10000, "currency": "GBP", "fundType": "ZAKAT",
                 "donor": {"name": "Donor", "email": "donor@example.org"}, "paymentToken": "tok_visa_1"}""").status())
                .isEqualTo(201);
        var plan = """
                {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 6000, "currency": "GBP", "recipients": [
                  {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                  {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_rejected_2", "ratio": 1}]}""";
        assertThat(staff.send("POST", "/api/distributions", plan, "amina:amina-pw").status()).isEqualTo(201);
        assertThat(staff.send("POST", "/api/distributions/q1/approve", null, "bilal:bilal-pw").status()).isEqualTo(200);
        assertThat(staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw").status()).isEqualTo(202);
        service.distributions().awaitRun("q1", Duration.ofSeconds(30));
        return staff;
    }

    /**
     * A review note is stored as typed or refused (422 INVALID_NOTE), the donation still held: a
     * control character or half a surrogate pair was taken (the half stored as '?' on PostgreSQL).
     */
    @Test
    void a_review_note_that_cannot_be_stored_as_typed_is_refused_and_the_donation_stays_held() {
        try (var service = AmanahService.start(staffConfig(HOLD_SECOND_ATTEMPT), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            api.activeCampaign("ramadan");
            api.donate("n-1", Api.donation("ramadan", 2500, "tok_visa"));
            var held = api.donate("n-2", Api.donation("ramadan", 2600, "tok_visa"));
            assertThat(held.status()).as(held.body()).isEqualTo(202);
            var id = held.json().path("donationId").asText();

            for (var action : new String[] {"release", "reject"}) {
                for (var note : new String[] {"called\\u0007", "called\\nback", "called \\ud800"}) {
                    var refused = staff.send("POST", "/api/reviews/" + id + "/" + action, "{\"note\": \"" + note + "\"}",
                            "bilal:bilal-pw");
                    assertThat(refused.status()).as(action + " " + note + ": " + refused.body()).isEqualTo(422);
                    assertThat(refused.json().path("error").asText()).isEqualTo("INVALID_NOTE");
                    assertThat(refused.json().path("field").asText()).isEqualTo("note");
                }
            }
            assertThat(staff.send("GET", "/api/reviews", null, "vera:vera-pw").json().path("held").findValuesAsText("donationId"))
                    .containsExactly(id);
            assertThat(service.sandbox().chargeCount("n-2")).isZero();
            var released = staff.send("POST", "/api/reviews/" + id + "/release", "{\"note\": \"appelé, carte confirmée 🌙\"}",
                    "bilal:bilal-pw");
            assertThat(released.status()).as(released.body()).isEqualTo(201);
        }
    }

    @Test
    void a_donation_held_for_review_is_charged_only_when_released() {
        // The second attempt with one card is held for review (and nothing is ever denied here).
        var config = staffConfig(HOLD_SECOND_ATTEMPT);
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            api.activeCampaign("ramadan");

            var first = api.donate("d-1", Api.donation("ramadan", 2500, "tok_visa"));
            var held = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var heldAgain = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var queue = staff.send("GET", "/api/reviews", null, "vera:vera-pw");
            var byViewer = staff.send("POST", "/api/reviews/" + held.json().path("donationId").asText() + "/release", null,
                    "vera:vera-pw");
            var released = staff.send("POST", "/api/reviews/" + held.json().path("donationId").asText() + "/release",
                    "{\"note\": \"card owner confirmed by phone\"}", "amina:amina-pw");
            var afterRelease = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var releasedTwice = staff.send("POST", "/api/reviews/" + held.json().path("donationId").asText() + "/release", null,
                    "bilal:bilal-pw");

            assertThat(first.status()).isEqualTo(201);
            assertThat(held.status()).as(held.body()).isEqualTo(202);
            assertThat(held.json().path("status").asText()).isEqualTo("HELD_FOR_REVIEW");
            assertThat(heldAgain).isEqualTo(held);
            assertThat(queue.json().path("held").findValuesAsText("donationId")).containsExactly(held.json().path("donationId").asText());
            assertThat(byViewer.status()).isEqualTo(403);
            assertThat(released.status()).as(released.body()).isEqualTo(201);
            assertThat(afterRelease.status()).isEqualTo(201);
            assertThat(afterRelease.body()).isEqualTo(released.body());
            assertThat(releasedTwice.status()).as(releasedTwice.body()).isEqualTo(200);
            assertThat(releasedTwice.json().path("already").asBoolean()).isTrue();
            assertThat(releasedTwice.json().path("status").asText()).isEqualTo("RELEASED");
            assertThat(releasedTwice.json().path("decidedBy").asText()).isEqualTo("amina");
            assertThat(releasedTwice.json().path("phase").asText()).isEqualTo("RECEIPTED");
            assertThat(service.sandbox().chargeCount("d-2")).isEqualTo(1);
            var rejectedAfterRelease = staff.send("POST", "/api/reviews/" + held.json().path("donationId").asText() + "/reject", null,
                    "bilal:bilal-pw");
            assertThat(rejectedAfterRelease.status()).as(rejectedAfterRelease.body()).isEqualTo(409);
            assertThat(rejectedAfterRelease.json().path("error").asText()).isEqualTo("ALREADY_DECIDED");
            assertThat(rejectedAfterRelease.json().path("message").asText())
                    .isEqualTo("Donation " + held.json().path("donationId").asText() + " was released already by amina; it cannot be rejected now.");

            var rejected = api.donate("d-3", Api.donation("ramadan", 2700, "tok_visa"));
            var kept = api.donate("d-4", Api.donation("ramadan", 2800, "tok_visa"));
            var reject = staff.send("POST", "/api/reviews/" + rejected.json().path("donationId").asText() + "/reject",
                    "{\"note\": \"card testing pattern\"}", "bilal:bilal-pw");
            var afterReject = api.donate("d-3", Api.donation("ramadan", 2700, "tok_visa"));

            assertThat(rejected.status()).isEqualTo(202);
            assertThat(kept.status()).isEqualTo(202);
            assertThat(reject.status()).as(reject.body()).isEqualTo(200);
            assertThat(reject.json().path("already").asBoolean()).isFalse();
            var rejectedTwice = staff.send("POST", "/api/reviews/" + rejected.json().path("donationId").asText() + "/reject", null,
                    "amina:amina-pw");
            assertThat(rejectedTwice.status()).as(rejectedTwice.body()).isEqualTo(200);
            assertThat(rejectedTwice.json().path("already").asBoolean()).isTrue();
            assertThat(rejectedTwice.json().path("status").asText()).isEqualTo("REJECTED");
            assertThat(rejectedTwice.json().path("decidedBy").asText()).isEqualTo("bilal");
            assertThat(afterReject.status()).isEqualTo(422);
            assertThat(afterReject.error()).isEqualTo("DONATION_REJECTED");
            assertThat(service.sandbox().chargeCount("d-3")).isZero();
            assertThat(service.sandbox().chargeCount("d-4")).isZero();
            var stats = api.get("/api/campaigns/ramadan").json().path("stats");
            assertThat(stats.path("raisedMinor").asLong()).isEqualTo(2500 + 2600);
        }
        // A restart keeps the held donation held (recovery fails only what was interrupted).
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            var stillHeld = api.donate("d-4", Api.donation("ramadan", 2800, "tok_visa"));
            var queue = staff.send("GET", "/api/reviews", null, "bilal:bilal-pw");
            var released = staff.send("POST", "/api/reviews/" + stillHeld.json().path("donationId").asText() + "/release", null,
                    "bilal:bilal-pw");

            assertThat(stillHeld.status()).isEqualTo(202);
            assertThat(queue.json().path("held").size()).isEqualTo(1);
            assertThat(released.status()).as(released.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("d-4")).isEqualTo(1);
        }
    }

    /**
     * A campaign completed after a release: releasing the released donation again says it is released already,
     * releasing one never held is NOT_HELD; only a donation still held is CAMPAIGN_NOT_ACTIVE.
     */
    @Test
    void a_release_answers_the_reviews_state_before_the_campaigns() {
        try (var service = AmanahService.start(staffConfig(HOLD_SECOND_ATTEMPT), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            api.activeCampaign("ramadan");
            var unheld = api.donate("d-1", Api.donation("ramadan", 2500, "tok_visa"));
            var released = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var held = api.donate("d-3", Api.donation("ramadan", 2700, "tok_visa"));
            var release = "/api/reviews/%s/release";
            assertThat(staff.send("POST", release.formatted(released.json().path("donationId").asText()), null,
                    "amina:amina-pw").status()).isEqualTo(201);
            assertThat(api.asStaff().post("/api/campaigns/ramadan/state", "{\"state\": \"COMPLETED\"}").status()).isEqualTo(200);

            var again = staff.send("POST", release.formatted(released.json().path("donationId").asText()), null, "bilal:bilal-pw");
            var never = staff.send("POST", release.formatted(unheld.json().path("donationId").asText()), null, "bilal:bilal-pw");
            var stillHeld = staff.send("POST", release.formatted(held.json().path("donationId").asText()), null, "bilal:bilal-pw");

            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.json().path("already").asBoolean()).isTrue();
            assertThat(never.status()).as(never.body()).isEqualTo(404);
            assertThat(never.json().path("error").asText()).isEqualTo("NOT_HELD");
            assertThat(stillHeld.status()).as(stillHeld.body()).isEqualTo(409);
            assertThat(stillHeld.json().path("error").asText()).isEqualTo("CAMPAIGN_NOT_ACTIVE");
            assertThat(staff.send("GET", "/api/reviews", null, "vera:vera-pw").json().path("held").findValuesAsText("donationId"))
                    .as("the refused release changed nothing").containsExactly(held.json().path("donationId").asText());
            assertThat(service.sandbox().chargeCount("d-2")).isEqualTo(1);
            assertThat(service.sandbox().chargeCount("d-3")).isZero();
        }
    }

    /**
     * A pipeline crashed just after the fraud check's hold committed (before it answered 202): the
     * processor settles the key as for any crashed pipeline, here by hand with the service's own
     * settlement. The donation stays held for staff and its retry answers 202; it was failed while
     * its review stayed HELD in the queue, and its release then failed.
     */
    @Test
    void settling_the_key_of_a_crashed_pipeline_leaves_its_held_donation_held_for_staff() {
        var config = staffConfig(HOLD_SECOND_ATTEMPT);
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            api.activeCampaign("ramadan");
            assertThat(api.donate("d-1", Api.donation("ramadan", 2500, "tok_visa")).status()).isEqualTo(201);
            var held = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var donationId = held.json().path("donationId").asText();

            var settled = settlement(service, config).settleKey("d-2", DonationSettlement.Interruption.CRASH);
            var retry = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            var queue = staff.send("GET", "/api/reviews", null, "vera:vera-pw");
            var released = staff.send("POST", "/api/reviews/" + donationId + "/release", null, "bilal:bilal-pw");

            assertThat(held.status()).as(held.body()).isEqualTo(202);
            assertThat(settled.outcome()).isEqualTo(DonationSettlement.Outcome.HELD);
            assertThat(settled.answer().status()).as(settled.answer().body()).isEqualTo(202);
            assertThat(retry).isEqualTo(held);
            assertThat(queue.json().path("held").findValuesAsText("donationId")).containsExactly(donationId);
            assertThat(released.status()).as(released.body()).isEqualTo(201);
            assertThat(api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa")).status()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("d-2")).isEqualTo(1);
        }
    }

    /**
     * A released donation whose charge's answer is lost, the provider's circuit open: the release
     * answers 503 PAYMENT_PENDING; the background settlement records the charge once the circuit
     * half-opens, and the donor's retry gets the 201 (it got 409 until the next start).
     */
    @Test
    void a_released_donation_whose_charge_outcome_is_unknown_is_settled_in_the_background() throws Exception {
        var review = new HashMap<>(HOLD_SECOND_ATTEMPT);
        review.putAll(Map.of("AMANAH_GATEWAY_BREAKER_FAILURES", "1", "AMANAH_GATEWAY_BREAKER_OPEN_FOR", "300ms",
                "AMANAH_GATEWAY_LOST_RESPONSE_PER_MILLE", "1000"));
        try (var service = AmanahService.start(staffConfig(review), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            api.activeCampaign("ramadan");
            api.donate("d-1", Api.donation("ramadan", 2500, "tok_visa"));   // lost too: settled in the background
            var held = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));
            assertThat(held.status()).as(held.body()).isEqualTo(202);
            awaitRecorded(service, "d-1");

            var released = staff.send("POST", "/api/reviews/" + held.json().path("donationId").asText() + "/release", null,
                    "amina:amina-pw");
            awaitRecorded(service, "d-2");
            var retry = api.donate("d-2", Api.donation("ramadan", 2600, "tok_visa"));

            assertThat(released.status()).as(released.body()).isEqualTo(503);
            assertThat(released.json().path("error").asText()).isEqualTo("PAYMENT_PENDING");
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("d-2")).isEqualTo(1);
            assertThat(new Store(service.database(), Clock.systemUTC()).ledger()
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(2500 + 2600);
        }
    }

    private static void awaitRecorded(AmanahService service, String key) throws InterruptedException {
        var clock = Clock.systemUTC();
        var campaigns = new CampaignStore(service.database(), clock);
        var donations = new DonationStore(service.database(), clock, new LedgerStore(service.database(), clock), campaigns);
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (donations.findByIdempotencyKey(key).orElseThrow().phase() != DonationPhase.RECEIPTED) {
            assertThat(Instant.now()).as("donation " + key + " settled").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    /** The settlement the service's processor uses, over the running service's database and provider. */
    private static DonationSettlement settlement(AmanahService service, AmanahConfig config) {
        var clock = Clock.systemUTC();
        var database = service.database();
        var campaigns = new CampaignStore(database, clock);
        var donations = new DonationStore(database, clock, new LedgerStore(database, clock), campaigns);
        var pipeline = DonationPipeline.create(config, database, new IdempotencyStore(database, clock), donations, campaigns,
                TaskSupervisor.named("donations.tasks"), service.sandbox(), AmanahService.GATEWAY, "donations.fraud",
                PubSub.of("amanah.pubsub"), service.campaignStats(), clock);
        return new DonationSettlement(pipeline, donations, DonationSettlement.Backoff.DEFAULT);
    }

    /**
     * A campaign's name (printed on receipts and statements) is stored as typed or refused (422
     * INVALID_NAME): a control character or half a surrogate pair (stored as '?') was taken.
     */
    @Test
    void a_campaign_name_that_cannot_be_stored_as_typed_is_refused_and_no_campaign_is_made() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var preparer = new Api(service.port()).as("amina", "amina-pw");
            var campaign = """
                    {"id": "%s", "name": "%s", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""";
            for (var name : new String[] {"Appeal\\u0007", "Appeal\\nline two", "Appeal \\ud800"}) {
                var refused = preparer.post("/api/campaigns", campaign.formatted("appeal", name));
                assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(422);
                assertThat(refused.error()).isEqualTo("INVALID_NAME");
                assertThat(refused.json().path("field").asText()).isEqualTo("name");
            }
            assertThat(preparer.get("/api/campaigns/appeal").status()).isEqualTo(404);
            var typed = preparer.post("/api/campaigns", campaign.formatted("appeal", "Appel — Kraków 🌙 رمضان"));
            assertThat(typed.status()).as(typed.body()).isEqualTo(201);
            assertThat(typed.json().path("name").asText()).isEqualTo("Appel — Kraków 🌙 رمضان");
        }
    }

    /**
     * A name, a donor's, a campaign's or a recipient's, is free text as a reason or a note is, and
     * gets the same answer wherever it is given: 422 INVALID_NAME naming its field for a zero
     * character, a blank name or one past its column (which were 400 INVALID_VALUE or TOO_LONG,
     * a code naming no field), as for another control character or half a surrogate pair.
     * Nothing is made, prepared or charged.
     */
    @Test
    void a_name_that_cannot_be_stored_as_typed_is_invalid_name_naming_its_field_wherever_it_is_given() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var preparer = api.as("amina", "amina-pw");
            api.activeCampaign("ramadan");
            zakatCampaign(api, "zakat-2026");
            var campaign = """
                    {"id": "appeal", "name": "%s", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""";
            var plan = """
                    {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 100, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "%s", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}""";
            var names = new String[] {"Ai\\u0000sha", "   ", "x".repeat(201), "Ai\\u0007sha", "Ai\\ud800sha"};
            for (int i = 0; i < names.length; i++) {
                var name = names[i];
                var replies = Map.of(
                        "name", preparer.post("/api/campaigns", campaign.formatted(name)),
                        "recipients[0].name", preparer.post("/api/distributions", plan.formatted(name)),
                        "donor.name", api.donate("name-" + i, Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", name)));
                replies.forEach((field, reply) -> {
                    assertThat(reply.status()).as(field + " " + name + ": " + reply.body()).isEqualTo(422);
                    assertThat(reply.error()).as(field + " " + name).isEqualTo("INVALID_NAME");
                    assertThat(reply.json().path("field").asText()).as(name).isEqualTo(field);
                });
            }
            assertThat(preparer.get("/api/campaigns/appeal").status()).isEqualTo(404);
            assertThat(preparer.get("/api/distributions/q1").status()).isEqualTo(404);
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * Each error about a plan's recipient names the field as the request wrote it,
     * {@code recipients[i].id}, {@code .name}, {@code .category}, {@code .accountRef} or
     * {@code .ratio}, not the service's names of them ({@code shares[i].recipientId}, {@code shares[i].zakatCategory},
     * {@code shares[i]}) nor {@code recipients[].category} without the index.
     */
    @Test
    void an_error_about_a_plans_recipient_names_its_field_as_the_request_wrote_it() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var preparer = api.as("amina", "amina-pw");
            api.activeCampaign("ramadan");
            zakatCampaign(api, "zakat-2026");
            var plan = """
                    {"id": "q1", "campaignId": "%s", "totalMinor": 100, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", %s"accountRef": "acct_1", "ratio": 1}, %s]}""";
            var poor = "\"category\": \"POOR\", ";
            var cases = new LinkedHashMap<String, String[]>();
            cases.put("an id of a space", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam 2\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].id"});
            cases.put("an id twice", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-1\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].id"});
            cases.put("a blank name", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \" \", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].name"});
            cases.put("an account with a space", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct 2\", \"ratio\": 1}",
                    "recipients[1].accountRef"});
            cases.put("no such category", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"category\": \"RICH\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].category"});
            cases.put("no category in a zakat plan", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].category"});
            cases.put("a category in a sadaqah plan", new String[] {"ramadan", "",
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": 1}",
                    "recipients[1].category"});
            cases.put("a ratio that is text", new String[] {"zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": \"1\"}",
                    "recipients[1].ratio"});
            cases.forEach((what, c) -> {
                var reply = preparer.post("/api/distributions", plan.formatted(c[0], c[1], c[2]));
                assertThat(reply.status()).as(what + ": " + reply.body()).isBetween(400, 422);
                assertThat(reply.json().path("field").asText()).as(what + ": " + reply.body()).isEqualTo(c[3]);
            });
            var allZero = preparer.post("/api/distributions", plan.formatted("zakat-2026", poor,
                    "{\"id\": \"fam-2\", \"name\": \"F\", \"category\": \"POOR\", \"accountRef\": \"acct_2\", \"ratio\": 0}")
                    .replace("\"ratio\": 1}", "\"ratio\": 0}"));
            assertThat(allZero.error()).as(allZero.body()).isEqualTo("INVALID_RATIO");
            assertThat(allZero.json().path("field").asText()).isEqualTo("recipients");
            assertThat(preparer.get("/api/distributions/q1").status()).isEqualTo(404);
        }
    }

    /**
     * A draft is not public: the public read answers it as an unknown campaign, the same 404 and
     * body, where it showed its name and goal to anyone who guessed the id; staff still read it,
     * and once active it is public.
     */
    @Test
    void a_draft_campaign_is_not_found_by_the_public_and_shown_to_staff() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var anonymous = new Api(service.port());
            var viewer = anonymous.as("vera", "vera-pw");
            var preparer = anonymous.as("amina", "amina-pw");
            assertThat(preparer.post("/api/campaigns", """
                    {"id": "secret-appeal", "name": "Secret appeal", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""").status()).isEqualTo(201);

            var draft = anonymous.get("/api/campaigns/secret-appeal");
            var wrongPassword = anonymous.as("amina", "guess").get("/api/campaigns/secret-appeal");
            var unknown = anonymous.get("/api/campaigns/no-such-appeal");
            assertThat(draft.status()).isEqualTo(404);
            assertThat(draft.body()).isEqualTo(unknown.body()).doesNotContain("Secret");
            assertThat(wrongPassword.status()).isEqualTo(404);
            assertThat(viewer.get("/api/campaigns/secret-appeal").json().path("name").asText()).isEqualTo("Secret appeal");

            assertThat(preparer.post("/api/campaigns/secret-appeal/state", "{\"state\": \"ACTIVE\"}").status()).isEqualTo(200);
            assertThat(anonymous.get("/api/campaigns/secret-appeal").json().path("state").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void refunds_and_campaign_changes_over_the_api_need_a_preparer_and_are_audited() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var anonymous = new Api(service.port());
            var viewer = anonymous.as("vera", "vera-pw");
            var preparer = anonymous.as("amina", "amina-pw");
            var campaign = """
                    {"id": "appeal", "name": "Appeal", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""";
            var activate = "{\"state\": \"ACTIVE\"}";

            var createdByNobody = anonymous.post("/api/campaigns", campaign);
            var createdWithAWrongPassword = anonymous.as("amina", "guess").post("/api/campaigns", campaign);
            var createdByAViewer = viewer.post("/api/campaigns", campaign);
            var created = preparer.post("/api/campaigns", campaign);
            var activatedByNobody = anonymous.post("/api/campaigns/appeal/state", activate);
            var activatedByAViewer = viewer.post("/api/campaigns/appeal/state", activate);
            var activated = preparer.post("/api/campaigns/appeal/state", activate);

            assertThat(createdByNobody.status()).isEqualTo(401);
            assertThat(createdByNobody.error()).isEqualTo("UNAUTHENTICATED");
            assertThat(createdWithAWrongPassword.status()).isEqualTo(401);
            assertThat(createdByAViewer.status()).isEqualTo(403);
            assertThat(createdByAViewer.error()).isEqualTo("FORBIDDEN");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(activatedByNobody.status()).isEqualTo(401);
            assertThat(activatedByAViewer.status()).isEqualTo(403);
            assertThat(activated.status()).as(activated.body()).isEqualTo(200);
            assertThat(anonymous.get("/api/campaigns/appeal").json().path("state").asText()).isEqualTo("ACTIVE"); // reading stays public
            // Sent again (a retry): the campaign is so already, 200 saying it; the contrary move stays refused.
            var activatedAgain = preparer.post("/api/campaigns/appeal/state", activate);
            assertThat(activatedAgain.status()).as(activatedAgain.body()).isEqualTo(200);
            assertThat(activatedAgain.json().path("already").asBoolean()).isTrue();
            assertThat(activatedAgain.json().path("state").asText()).isEqualTo("ACTIVE");
            assertThat(activated.json().path("already").asBoolean(true)).isFalse();
            assertThat(preparer.post("/api/campaigns/appeal/state", "{\"state\": \"DRAFT\"}").status()).isEqualTo(409);

            var gift = anonymous.donate("gift-1", Api.donation("appeal", 2500, "tok_visa")); // giving stays public
            assertThat(gift.status()).as(gift.body()).isEqualTo(201);
            var refundPath = "/api/donations/" + gift.json().path("donationId").asText() + "/refunds";
            var body = "{\"amountMinor\": 1000}".getBytes(StandardCharsets.UTF_8);
            var refundedByNobody = anonymous.post(refundPath, body, "refund-by-nobody");
            var refundedByAViewer = viewer.post(refundPath, body, "refund-by-viewer");
            var refunded = preparer.post(refundPath, body, "refund-by-preparer");

            assertThat(refundedByNobody.status()).isEqualTo(401);
            assertThat(refundedByAViewer.status()).isEqualTo(403);
            assertThat(refunded.status()).as(refunded.body()).isEqualTo(201);
            assertThat(new Store(service.database(), Clock.systemUTC()).ledger()
                    .creditBalance(Account.campaign("appeal"), GBP).minorUnits()).as("only the preparer's refund").isEqualTo(1500);
            assertThat(new StaffAudit(service.database(), Clock.systemUTC()).recent(10))
                    .extracting(entry -> entry.username() + " " + entry.action() + " " + entry.subject() + ": " + entry.outcome())
                    .containsExactly(
                            "amina refund " + gift.json().path("donationId").asText() + ": refunded 10.00 GBP",
                            "amina campaign.state appeal: refused: ILLEGAL_TRANSITION",
                            "amina campaign.state appeal: already ACTIVE",
                            "amina campaign.state appeal: DRAFT -> ACTIVE",
                            "amina campaign.create appeal: created DRAFT");
        }
    }

    /**
     * A payout's provider key ({@code payout:<plan>:<recipient>}, short guessable names) cannot be
     * taken by a public donation: the key is refused, and the recipient is paid.
     */
    @Test
    void a_public_donation_key_cannot_block_a_recipients_payout() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            zakatCampaign(api, "zakat-2026");
            var gift = """
                    {"campaignId": "zakat-2026", "amountMinor": %d, "currency": "GBP", "fundType": "ZAKAT",
                     "donor": {"name": "%s", "email": "%s@example.org"}, "paymentToken": "tok_visa_%s"}""";
            assertThat(api.donate("zakat-gift-1", gift.formatted(10000, "Donor", "donor", "1")).status()).isEqualTo(201);
            var squatter = api.donate("payout:q1:fam-1", gift.formatted(100, "Stranger", "stranger", "2"));

            var plan = """
                    {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 6000, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1},
                      {"id": "fam-2", "name": "Family 2", "category": "NEEDY", "accountRef": "acct_2", "ratio": 1}]}""";
            assertThat(staff.send("POST", "/api/distributions", plan, "amina:amina-pw").status()).isEqualTo(201);
            assertThat(staff.send("POST", "/api/distributions/q1/approve", null, "bilal:bilal-pw").status()).isEqualTo(200);
            assertThat(staff.send("POST", "/api/distributions/q1/execute", null, "amina:amina-pw").status()).isEqualTo(202);
            service.distributions().awaitRun("q1", Duration.ofSeconds(30));
            var shown = staff.send("GET", "/api/distributions/q1", null, "bilal:bilal-pw");

            assertThat(shown.json().path("paidMinor").asLong()).as(shown.body()).isEqualTo(6000);
            assertThat(shown.json().path("status").asText()).isEqualTo("PAID");
            assertThat(squatter.status()).as(squatter.body()).isEqualTo(400);
            assertThat(squatter.error()).isEqualTo("RESERVED_IDEMPOTENCY_KEY");
        }
    }

    @Test
    void malformed_plans_are_coded_4xx_and_write_nothing() {
        try (var service = AmanahService.start(staffConfig(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var staff = new Client(service.port());
            zakatCampaign(api, "zakat-2026");
            var good = """
                    {"id": "q1", "campaignId": "zakat-2026", "totalMinor": 100, "currency": "GBP", "recipients": [
                      {"id": "fam-1", "name": "Family 1", "category": "POOR", "accountRef": "acct_1", "ratio": 1}]}""";
            var cases = Map.of(
                    "{\"id\": \"q1\"", "MALFORMED_JSON",
                    good.replace("\"ratio\": 1", "\"ratio\": -1"), "INVALID_VALUE",
                    good.replace("\"POOR\"", "\"RICH\""), "INVALID_VALUE",
                    good.replace("\"totalMinor\": 100", "\"totalMinor\": 1.5"), "NOT_AN_INTEGER",
                    good.replace("\"recipients\": [", "\"extra\": 1, \"recipients\": ["), "UNKNOWN_FIELD",
                    good.replace("\"category\": \"POOR\", ", ""), "NOT_ZAKAT_ELIGIBLE",
                    good.replace("\"fam-1\"", "\"fam 1\""), "INVALID_PLAN",
                    good.replace("\"GBP\"", "\"EUR\""), "INVALID_PLAN");
            cases.forEach((body, code) -> {
                var reply = staff.send("POST", "/api/distributions", body, "amina:amina-pw");
                assertThat(reply.status()).as(body).isBetween(400, 422);
                assertThat(reply.json().path("error").asText()).as(body).isEqualTo(code);
            });
            var list = staff.send("GET", "/api/distributions", null, "vera:vera-pw");
            assertThat(list.json().path("plans").size()).isZero();
            assertThat(staff.send("GET", "/api/distributions/q1", null, "vera:vera-pw").status()).isEqualTo(404);
        }
    }

    private static void zakatCampaign(Api api, String id) {
        var created = api.asStaff().post("/api/campaigns", """
                {"id": "%s", "name": "Zakat 2026", "fundType": "ZAKAT", "goalMinor": 1000000, "currency": "GBP",
                 "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""".formatted(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.asStaff().post("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}").status()).isEqualTo(200);
    }

    /** A client that can log in with HTTP Basic. */
    private static final class Client {
        record Reply(int status, String body, String authenticate) {
            JsonNode json() {
                try {
                    return Json.MAPPER.readTree(body);
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + body, e);
                }
            }
        }

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final int port;

        Client(int port) {
            this.port = port;
        }

        /** {@code credentials} is {@code user:password}, or null for none; {@code json} null for no body. */
        Reply send(String method, String path, String json, String credentials) {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
            if (credentials != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)));
            }
            if (json != null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            try {
                var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body(),
                        response.headers().firstValue("WWW-Authenticate").orElse(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
