package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.CapturedLog;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.importer.DonationImporter;
import dev.amanah.donations.importer.Progress;
import dev.amanah.donations.pipeline.DonationProcessor;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.ledger.Account;
import dev.amanah.otp.testing.InProcess;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@InProcess.Tests
class DonationApiTest {
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dir;

    /** The service's configuration: SQLite in {@link #dir}; a subclass may choose another database. */
    AmanahConfig config(Map<String, String> overrides) {
        return TestServices.config(dir, overrides);
    }

    @Test
    void acceptedDonationIsRecordedOnceAndReplayedByteForByte() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var first = api.donate("key-1", Api.donation("ramadan", 2500, "tok_visa"));
            var replay = api.donate("key-1", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(first.json().get("amount").asText()).isEqualTo("25.00");
            assertThat(replay).isEqualTo(first);
            var donation = donations(service).findByIdempotencyKey("key-1").orElseThrow();
            assertThat(donation.phase()).isEqualTo(DonationPhase.RECEIPTED);
            assertThat(service.sandbox().chargeCount("key-1")).isEqualTo(1);
            var ledger = new LedgerStore(service.database(), Clock.systemUTC());
            assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(2500);
        }
    }

    @Test
    void idempotencyKeyRules() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var noKey = api.donate(null, Api.donation("ramadan", 2500, "tok_visa"));
            var badKey = api.donate("has space", Api.donation("ramadan", 2500, "tok_visa"));
            api.donate("key-2", Api.donation("ramadan", 2500, "tok_visa"));
            var otherBody = api.donate("key-2", Api.donation("ramadan", 9900, "tok_visa"));

            assertThat(noKey.status()).isEqualTo(400);
            assertThat(noKey.error()).isEqualTo("MISSING_IDEMPOTENCY_KEY");
            assertThat(badKey.error()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
            assertThat(otherBody.status()).isEqualTo(422);
            assertThat(otherBody.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(service.sandbox().chargeCount("key-2")).isEqualTo(1);
        }
    }

    /**
     * A refund sent without an {@code Idempotency-Key} is told to send one per refund: its message
     * was the donation's, "a unique value per donation", to staff refunding a donation they already had.
     */
    @Test
    void aRefundWithoutAKeyIsAskedForAKeyPerRefundAndADonationForOnePerDonation() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var donationId = api.donate("gift", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();

            var refund = api.refund(donationId, 1000, null);
            var donation = api.donate(null, Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(refund.status()).as(refund.body()).isEqualTo(400);
            assertThat(refund.error()).isEqualTo("MISSING_IDEMPOTENCY_KEY");
            assertThat(refund.json().path("message").asText())
                    .isEqualTo("Send an Idempotency-Key header: a unique value per refund, reused on retries");
            assertThat(donation.json().path("message").asText())
                    .isEqualTo("Send an Idempotency-Key header: a unique value per donation, reused on retries");
        }
    }

    @Test
    void requestInFlightIsAConflict() throws Exception {
        var slowGateway = Map.of("AMANAH_GATEWAY_LATENCY_MIN", "1500ms", "AMANAH_GATEWAY_LATENCY_MAX", "1500ms");
        try (var service = AmanahService.start(config(slowGateway), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var first = clients.submit(() -> api.donate("key-3", Api.donation("ramadan", 2500, "tok_visa")));
            awaitPhase(service, "key-3", DonationPhase.VALIDATED);
            var second = api.donate("key-3", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.error()).isEqualTo("REQUEST_IN_FLIGHT");
            assertThat(first.get().status()).isEqualTo(201);
            assertThat(api.donate("key-3", Api.donation("ramadan", 2500, "tok_visa"))).isEqualTo(first.get());
        }
    }

    @Test
    void concurrentRetriesOfOneKeyChargeOnce() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var start = new CountDownLatch(1);
            var replies = new ArrayList<java.util.concurrent.Future<Api.Reply>>();
            for (int i = 0; i < 20; i++) {
                replies.add(clients.submit((Callable<Api.Reply>) () -> {
                    start.await();
                    return api.donate("key-4", Api.donation("ramadan", 2500, "tok_visa"));
                }));
            }
            start.countDown();
            var accepted = new ArrayList<Api.Reply>();
            for (var reply : replies) {
                var got = reply.get();
                assertThat(got.status()).as(got.body()).isIn(201, 409);
                if (got.status() == 201) {
                    accepted.add(got);
                }
            }

            assertThat(accepted).isNotEmpty().allSatisfy(reply -> assertThat(reply).isEqualTo(accepted.getFirst()));
            assertThat(service.sandbox().chargeCount("key-4")).isEqualTo(1);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(2500);
        }
    }

    /**
     * One donation key sent with two different bodies at once: one body wins and is charged once;
     * every request with the other body is refused 422 {@code IDEMPOTENCY_KEY_REUSED}, at once and
     * after, and those with the winner's body get its 201 or 409 {@code REQUEST_IN_FLIGHT}. On
     * PostgreSQL they are made to overlap: the campaign's row is held locked, so the first claim's
     * transaction waits at its donation's reference to the campaign and the other claims wait for
     * it. Which body wins is up to the race, so the test asserts the outcome for either.
     */
    @Test
    void oneDonationKeySentWithTwoBodiesAtOnceChargesOneAndRefusesTheOther() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            // Six: with the lock holder and its watcher they fit in the test pool of 8 connections.
            var amounts = List.of(2500L, 9900L, 2500L, 9900L, 2500L, 9900L);
            var start = new CountDownLatch(1);
            var replies = new ArrayList<java.util.concurrent.Future<Api.Reply>>();
            for (long amount : amounts) {
                replies.add(clients.submit((Callable<Api.Reply>) () -> {
                    start.await();
                    return api.donate("key-raced", Api.donation("ramadan", amount, "tok_visa"));
                }));
            }
            try (var lock = CampaignRowLock.holdOnPostgres(service, "ramadan")) {
                start.countDown();
                lock.awaitWaiters(amounts.size());
            }
            var answers = new ArrayList<Api.Reply>();
            for (var reply : replies) {
                answers.add(reply.get(60, TimeUnit.SECONDS));
            }

            long won = donations(service).findByIdempotencyKey("key-raced").orElseThrow().amount().minorUnits();
            var winners = new ArrayList<Api.Reply>();
            for (int i = 0; i < amounts.size(); i++) {
                var reply = answers.get(i);
                if (amounts.get(i) == won) {
                    assertThat(reply.status()).as(reply.body()).isIn(201, 409);
                    if (reply.status() == 201) {
                        winners.add(reply);
                    } else {
                        assertThat(reply.error()).isEqualTo("REQUEST_IN_FLIGHT");
                    }
                } else {
                    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
                    assertThat(reply.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
                }
            }
            assertThat(winners).isNotEmpty().allSatisfy(reply -> assertThat(reply).isEqualTo(winners.getFirst()));
            long lost = won == 2500 ? 9900 : 2500;
            assertThat(api.donate("key-raced", Api.donation("ramadan", lost, "tok_visa")).error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(api.donate("key-raced", Api.donation("ramadan", won, "tok_visa"))).isEqualTo(winners.getFirst());
            assertThat(service.sandbox().chargeCount("key-raced")).isEqualTo(1);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(won);
        }
    }

    @Test
    void declinedPaymentFailsTheDonationAndRecordsNothing() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var declined = api.donate("key-5", Api.donation("ramadan", 2500, "tok_insufficient_funds"));

            assertThat(declined.status()).isEqualTo(402);
            assertThat(declined.error()).isEqualTo("PAYMENT_DECLINED");
            assertThat(declined.json().get("message").asText()).contains("INSUFFICIENT_FUNDS");
            assertThat(donations(service).findByIdempotencyKey("key-5").orElseThrow().phase()).isEqualTo(DonationPhase.FAILED);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isZero();
        }
    }

    @Test
    void refusalsOfTheRules() {
        try (var service = AmanahService.start(config(Map.of("AMANAH_DONATIONS_MAX_AMOUNT", "100")),
                Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            api.asStaff().post("/api/campaigns", """
                    {"id": "draft", "name": "Not yet", "fundType": "SADAQAH", "goalMinor": 100, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""");

            var tooLarge = api.donate("k-large", Api.donation("ramadan", 10001, "tok_visa"));
            var notActive = api.donate("k-draft", Api.donation("draft", 2500, "tok_visa"));
            var unknown = api.donate("k-unknown", Api.donation("nowhere", 2500, "tok_visa"));
            var wrongFund = api.donate("k-fund", Api.donation("ramadan", 2500, "tok_visa").replace("SADAQAH", "ZAKAT"));
            var notAccepted = api.donate("k-jpy", Api.donation("ramadan", 2500, "tok_visa").replace("GBP", "JPY"));

            assertThat(tooLarge.status()).isEqualTo(422);
            assertThat(tooLarge.error()).isEqualTo("AMOUNT_TOO_LARGE");
            assertThat(notActive.error()).isEqualTo("CAMPAIGN_NOT_ACTIVE");
            assertThat(notActive.json().get("message").asText()).isEqualTo("Campaign is not active");
            assertThat(unknown.status()).isEqualTo(422);
            assertThat(unknown.error()).isEqualTo("CAMPAIGN_NOT_FOUND");
            assertThat(wrongFund.error()).isEqualTo("FUND_TYPE_NOT_ACCEPTED");
            assertThat(notAccepted.status()).isEqualTo(422);
            assertThat(notAccepted.error()).isIn("CURRENCY_NOT_ACCEPTED", "CURRENCY_MISMATCH");
            assertThat(service.sandbox().chargeCounts()).isEmpty();
            assertThat(donations(service).findByIdempotencyKey("k-unknown")).isEmpty();
        }
    }

    /** A donation in an accepted currency other than the campaign's is told which currency to give in. */
    @Test
    void aDonationInAnotherAcceptedCurrencyIsToldTheCampaignsCurrency() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var inEuros = api.donate("k-eur", Api.donation("ramadan", 2500, "tok_visa").replace("GBP", "EUR"));

            assertThat(inEuros.status()).isEqualTo(422);
            assertThat(inEuros.error()).isEqualTo("CURRENCY_MISMATCH");
            assertThat(inEuros.json().get("message").asText()).isEqualTo("This campaign collects in GBP");
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * A zero character in the donor's name or e-mail, or in the campaign's id, is refused with a
     * 4xx on both databases: PostgreSQL cannot store it, so it must not reach the claim's insert
     * (there it was a 500 whose rollback left the key free but nothing said what was wrong).
     */
    @Test
    void aZeroCharacterInTheDonorOrCampaignIsA4xxNotADatabaseError() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var name = api.donate("nul-name", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Ai\\u0000sha"));
            var control = api.donate("control-name", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Ai\\u0001sha"));
            var email = api.donate("nul-email", Api.donation("ramadan", 2500, "tok_visa")
                    .replace("aisha@example.org", "ai\\u0000sha@example.org"));
            var campaign = api.donate("nul-campaign", Api.donation("ram\\u0000adan", 2500, "tok_visa"));

            assertThat(name.status()).as(name.body()).isEqualTo(422);
            assertThat(name.error()).isEqualTo("INVALID_NAME");
            assertThat(control.status()).as(control.body()).isEqualTo(422);
            assertThat(control.error()).isEqualTo("INVALID_NAME");
            assertThat(email.status()).as(email.body()).isEqualTo(400);
            assertThat(email.error()).isEqualTo("INVALID_VALUE");
            assertThat(campaign.status()).as(campaign.body()).isBetween(400, 499);
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * Half a surrogate pair in the donor's name or e-mail (JSON's "\\ud800") is not Unicode text:
     * it was accepted and charged, and the drivers stored it as '?', not the name that was sent.
     */
    @Test
    void halfASurrogatePairInTheDonorIsRefusedBeforeAnythingIsCharged() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var name = api.donate("half-name", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Ai\\ud800sha"));
            var email = api.donate("half-email", Api.donation("ramadan", 2500, "tok_visa")
                    .replace("aisha@example.org", "ai\\udc00sha@example.org"));
            var whole = api.donate("whole-pair", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Ai\\ud83c\\udf19sha"));

            assertThat(name.status()).as(name.body()).isEqualTo(422);
            assertThat(name.error()).isEqualTo("INVALID_NAME");
            assertThat(email.status()).as(email.body()).isEqualTo(422);
            assertThat(email.error()).isEqualTo("INVALID_EMAIL");
            assertThat(whole.status()).as(whole.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCounts()).containsOnlyKeys("whole-pair");
        }
    }

    /** An address with an empty part in its local part (a..b@, .a@, a.@) was accepted; no mail system takes it, so the receipt never left. */
    @Test
    void anAddressWithConsecutiveOrOuterDotsBeforeTheAtIsRefusedBeforeAnythingIsCharged() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var addresses = new String[] {"aisha..ahmed@example.org", ".aisha@example.org", "aisha.@example.org"};
            for (int i = 0; i < addresses.length; i++) {
                var address = addresses[i];
                var refused = api.donate("dots-" + i, Api.donation("ramadan", 2500, "tok_visa").replace("aisha@example.org", address));
                assertThat(refused.status()).as("%s: %s", address, refused.body()).isEqualTo(422);
                assertThat(refused.error()).isEqualTo("INVALID_EMAIL");
                assertThat(refused.json().path("field").asText()).isEqualTo("donor.email");
                assertThat(refused.json().path("message").asText()).isEqualTo("Not an e-mail address");
            }
            var dotted = api.donate("dotted", Api.donation("ramadan", 2500, "tok_visa").replace("aisha@example.org", "aisha.ahmed@example.org"));
            assertThat(dotted.status()).as(dotted.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCounts()).containsOnlyKeys("dotted");
        }
    }

    /**
     * {@code /api/donations} takes only POST: another method is told so, 405 with {@code Allow},
     * where it got 404 "No resource", as if the path did not exist.
     */
    @Test
    void anotherMethodThanPostOnDonationsIsNotAllowedAndToldWhichIs() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var client = java.net.http.HttpClient.newHttpClient()) {
            for (var method : new String[] {"GET", "PUT", "DELETE"}) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/api/donations"))
                        .header("Content-Type", "application/json")
                        .method(method, method.equals("GET") ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(Api.donation("ramadan", 2500, "tok_visa")))
                        .build();
                var answer = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                var reply = new Api.Reply(answer.statusCode(), answer.body());

                assertThat(reply.status()).as(method + " " + reply.body()).isEqualTo(405);
                assertThat(reply.error()).isEqualTo("METHOD_NOT_ALLOWED");
                assertThat(answer.headers().firstValue("Allow")).as(method).contains("POST");
            }
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * Every API path answers a method it does not serve with 405 and an {@code Allow} naming those it
     * does (HEAD with GET), before any authentication, where all but {@code /api/donations} got 404.
     */
    @Test
    void everyApiPathAnswersAMethodItDoesNotServeWith405NamingThoseItDoes() throws Exception {
        var post = "POST";
        var get = "GET, HEAD";
        var cases = new String[][] {
                {"GET", "/api/campaigns", post}, {"DELETE", "/api/campaigns", post},
                {"GET", "/api/campaigns/ramadan/state", post}, {"PUT", "/api/campaigns/ramadan", get},
                {"GET", "/api/donations/don_x/refunds", post}, {"HEAD", "/api/donations/don_x/refunds", post},
                {"PUT", "/api/distributions", "GET, HEAD, POST"}, {"DELETE", "/api/distributions/plan_x", get},
                {"GET", "/api/distributions/plan_x/approve", post}, {"GET", "/api/distributions/plan_x/reject", post},
                {"GET", "/api/distributions/plan_x/execute", post}, {"PUT", "/api/distributions/plan_x/settle", post},
                {"GET", "/api/distributions/plan_x/payouts/r1/reissue", post},
                {"GET", "/api/distributions/plan_x/payouts/r1/cancel", post},
                {"POST", "/api/reviews", get}, {"GET", "/api/reviews/don_x/release", post},
                {"GET", "/api/reviews/don_x/reject", post}};
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var client = java.net.http.HttpClient.newHttpClient()) {
            for (var c : cases) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + c[1]))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .method(c[0], java.net.http.HttpRequest.BodyPublishers.noBody()).build();
                var answer = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                var what = c[0] + " " + c[1] + ": " + answer.body();

                assertThat(answer.statusCode()).as(what).isEqualTo(405);
                assertThat(answer.headers().allValues("Allow")).as(what).containsExactly(c[2]);
                if (!c[0].equals("HEAD")) {
                    assertThat(new Api.Reply(answer.statusCode(), answer.body()).error()).as(what).isEqualTo("METHOD_NOT_ALLOWED");
                }
            }
        }
    }

    /**
     * Two Idempotency-Key headers are refused naming the header, before anything is charged: the
     * service silently took the first, so a client (or a proxy adding its own) could not tell
     * which key its donation was kept under.
     */
    @Test
    void twoIdempotencyKeysAreRefusedNamingTheHeader() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var client = java.net.http.HttpClient.newHttpClient()) {
            new Api(service.port()).activeCampaign("ramadan");
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port() + "/api/donations"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "first-key")
                    .header("Idempotency-Key", "second-key")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.donation("ramadan", 2500, "tok_visa")))
                    .build();
            var answer = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            var reply = new Api.Reply(answer.statusCode(), answer.body());

            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.error()).as(reply.body()).isEqualTo("DUPLICATE_IDEMPOTENCY_KEY");
            assertThat(reply.json().path("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * An amount below or above the limits is refused naming the field the client sent it in:
     * {@code amountMinor} or {@code amount}; the refusal said "amount" to a client that had sent
     * only {@code amountMinor}.
     */
    @Test
    void anAmountOutsideTheLimitsIsRefusedNamingTheFieldTheClientSent() {
        try (var service = AmanahService.start(config(Map.of("AMANAH_DONATIONS_MIN_AMOUNT", "1", "AMANAH_DONATIONS_MAX_AMOUNT", "100")),
                Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var smallMinor = api.donate("small-minor", Api.donation("ramadan", 99, "tok_visa"));
            var largeMinor = api.donate("large-minor", Api.donation("ramadan", 10001, "tok_visa"));
            var smallDecimal = api.donate("small-decimal", Api.donation("ramadan", 0, "tok_visa").replace("\"amountMinor\": 0", "\"amount\": \"0.99\""));
            var largeDecimal = api.donate("large-decimal", Api.donation("ramadan", 0, "tok_visa").replace("\"amountMinor\": 0", "\"amount\": \"100.01\""));

            assertThat(smallMinor.error()).as(smallMinor.body()).isEqualTo("AMOUNT_TOO_SMALL");
            assertThat(smallMinor.json().path("field").asText()).isEqualTo("amountMinor");
            assertThat(largeMinor.error()).as(largeMinor.body()).isEqualTo("AMOUNT_TOO_LARGE");
            assertThat(largeMinor.json().path("field").asText()).isEqualTo("amountMinor");
            assertThat(smallDecimal.error()).as(smallDecimal.body()).isEqualTo("AMOUNT_TOO_SMALL");
            assertThat(smallDecimal.json().path("field").asText()).isEqualTo("amount");
            assertThat(largeDecimal.error()).as(largeDecimal.body()).isEqualTo("AMOUNT_TOO_LARGE");
            assertThat(largeDecimal.json().path("field").asText()).isEqualTo("amount");
            assertThat(service.sandbox().chargeCounts()).isEmpty();
        }
    }

    /**
     * A donor's name holding a bidirectional override (U+202E shows "evil" as "live" on the
     * statement) is refused before anything is charged; an Arabic name with the right-to-left
     * mark its keyboard typed is accepted.
     */
    @Test
    void aNameThatOverridesTheTextDirectionIsRefusedAnArabicNameIsNot() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var override = api.donate("override", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Aisha \\u202Elive"));
            var isolate = api.donate("isolate", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "\\u2067Aisha\\u2069"));
            var arabic = api.donate("arabic", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "عائشة\\u200F"));

            assertThat(override.status()).as(override.body()).isEqualTo(422);
            assertThat(override.error()).isEqualTo("INVALID_NAME");
            assertThat(override.json().path("field").asText()).isEqualTo("donor.name");
            assertThat(override.json().path("message").asText()).contains("U+202E");
            assertThat(isolate.status()).as(isolate.body()).isEqualTo(422);
            assertThat(isolate.error()).isEqualTo("INVALID_NAME");
            assertThat(arabic.status()).as(arabic.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCounts()).containsOnlyKeys("arabic");
        }
    }

    /** The API stripped white space around a name, a tab or a line break included, where the rule refuses them within it. */
    @Test
    void aNameEndingInATabIsRefusedSpacesAroundANameAreTrimmed() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var tab = api.donate("tab", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "Aisha\\t"));
            var lineBreak = api.donate("line-break", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "\\nAisha"));
            var spaces = api.donate("spaces", Api.donation("ramadan", 2500, "tok_visa").replace("Aisha", "  Aisha\u3000"));

            assertThat(tab.status()).as(tab.body()).isEqualTo(422);
            assertThat(tab.error()).isEqualTo("INVALID_NAME");
            assertThat(tab.json().path("field").asText()).isEqualTo("donor.name");
            assertThat(lineBreak.status()).as(lineBreak.body()).isEqualTo(422);
            assertThat(lineBreak.error()).isEqualTo("INVALID_NAME");
            assertThat(spaces.status()).as(spaces.body()).isEqualTo(201);
            assertThat(donations(service).findByIdempotencyKey("spaces").orElseThrow().donor().name()).contains("Aisha");
            assertThat(service.sandbox().chargeCounts()).containsOnlyKeys("spaces");
        }
    }

    /**
     * An address ending in a tab was stripped and charged through the API while the import refused
     * it: every string field is trimmed by the one rule, spaces only, so a tab stays and is refused.
     */
    @Test
    void anAddressEndingInATabIsRefusedAsTheImportRefusesItSpacesAroundItAreTrimmed() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var tab = api.donate("mail-tab", Api.donation("ramadan", 2500, "tok_visa").replace("aisha@example.org", "aisha@example.org\\t"));
            var spaces = api.donate("mail-spaces", Api.donation("ramadan", 2500, "tok_visa").replace("aisha@example.org", " aisha@example.org\u00A0"));

            assertThat(tab.status()).as(tab.body()).isEqualTo(422);
            assertThat(tab.error()).isEqualTo("INVALID_EMAIL");
            assertThat(spaces.status()).as(spaces.body()).isEqualTo(201);
            assertThat(donations(service).findByIdempotencyKey("mail-spaces").orElseThrow().donor().email()).contains("aisha@example.org");
            assertThat(service.sandbox().chargeCounts()).containsOnlyKeys("mail-spaces");
        }
    }

    /**
     * An id with a zero character in a path (%00) is not found, on both databases: looking it up
     * on PostgreSQL was an error, a 500, on every route taking an id from its path.
     */
    @Test
    void aZeroCharacterInAPathIsNotFoundNotADatabaseError() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var campaign = api.get("/api/campaigns/ram%00adan");
            var refund = api.asStaff().post("/api/donations/don_%00/refunds", "{\"amountMinor\": 100}".getBytes(), "nul-refund");

            assertThat(campaign.status()).as(campaign.body()).isEqualTo(404);
            assertThat(campaign.error()).isEqualTo("NOT_FOUND");
            assertThat(refund.status()).as(refund.body()).isEqualTo(404);
            assertThat(api.get("/api/campaigns/ramadan").status()).isEqualTo(200);
        }
    }

    /** A campaign in a currency the service does not accept could never take a donation. */
    @Test
    void aCampaignInACurrencyTheServiceDoesNotAcceptIsRefused() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            var campaign = """
                    {"id": "yen", "name": "Tokyo appeal", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "%s",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""";

            var notAccepted = api.asStaff().post("/api/campaigns", campaign.formatted("JPY"));
            var unknown = api.asStaff().post("/api/campaigns", campaign.formatted("XYZ"));

            assertThat(notAccepted.status()).isEqualTo(400);
            assertThat(notAccepted.error()).isEqualTo("CURRENCY_NOT_ACCEPTED");
            assertThat(notAccepted.json().get("field").asText()).isEqualTo("currency");
            assertThat(notAccepted.json().get("message").asText()).contains("JPY", "EUR, GBP, USD");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.error()).isEqualTo("INVALID_CURRENCY");
            assertThat(new CampaignStore(service.database(), Clock.systemUTC()).find("yen")).isEmpty();
        }
    }

    @Test
    void campaignShowsLiveStatisticsFromItsServer() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            api.donate("s-1", Api.donation("ramadan", 2500, "tok_visa"));
            api.donate("s-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));

            var deadline = Instant.now().plus(Duration.ofSeconds(10));
            Api.Reply shown;
            do {
                shown = api.get("/api/campaigns/ramadan");
            } while (shown.json().path("stats").path("donationCount").asLong() < 2 && Instant.now().isBefore(deadline));

            var stats = shown.json().get("stats");
            assertThat(shown.json().get("state").asText()).isEqualTo("ACTIVE");
            assertThat(stats.get("raisedMinor").asLong()).isEqualTo(3500);
            assertThat(stats.get("donationCount").asLong()).isEqualTo(2);
            assertThat(stats.get("donorCount").asLong()).isEqualTo(2);
            assertThat(stats.get("progressPercent").asText()).isEqualTo("0.35");
        }
    }

    @Test
    void statisticsAreRebuiltFromTheDatabaseAfterARestart() {
        var config = config(Map.of());
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            assertThat(api.donate("r-1", Api.donation("ramadan", 4200, "tok_visa")).status()).isEqualTo(201);
        }
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            var api = new Api(service.port());
            var deadline = Instant.now().plus(Duration.ofSeconds(10));
            Api.Reply shown;
            do {
                shown = api.get("/api/campaigns/ramadan");
            } while (shown.json().path("stats").isNull() && Instant.now().isBefore(deadline));

            assertThat(shown.json().get("stats").get("raisedMinor").asLong()).isEqualTo(4200);
            assertThat(api.donate("r-1", Api.donation("ramadan", 4200, "tok_visa")).status()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("r-1")).isEqualTo(1);
        }
    }

    /**
     * The provider's keys of refunds ({@code refund:<key>}), payouts and imports are the service's:
     * a donation key shaped like one is refused before anything is stored, so nobody can take the
     * key of a later refund and make it fail at the provider (payouts: {@link StaffApiTest}).
     */
    @Test
    void aDonationKeyShapedLikeARefundsProviderKeyIsRefusedAndTheRefundGoesThrough() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var aisha = api.donate("aisha-gift-1", Api.donation("ramadan", 2500, "tok_visa"));
            assertThat(aisha.status()).as(aisha.body()).isEqualTo(201);

            var squatter = api.donate("refund:refund-1", Api.donation("ramadan", 100, "tok_visa"));
            var shouting = api.donate("REFUND:refund-2", Api.donation("ramadan", 100, "tok_visa"));
            var refund = api.refund(aisha.json().get("donationId").asText(), 1000, "refund-1");

            assertThat(refund.status()).as(refund.body()).isEqualTo(201);
            assertThat(refund.json().get("status").asText()).isEqualTo("POSTED");
            assertThat(squatter.status()).as(squatter.body()).isEqualTo(400);
            assertThat(squatter.error()).isEqualTo("RESERVED_IDEMPOTENCY_KEY");
            assertThat(squatter.json().path("field").asText()).isEqualTo("Idempotency-Key");
            assertThat(shouting.error()).isEqualTo("RESERVED_IDEMPOTENCY_KEY");
            assertThat(donations(service).findByIdempotencyKey("refund:refund-1")).isEmpty();
            assertThat(service.sandbox().chargeCount("refund:refund-1")).isZero();
        }
    }

    /** Likewise the importer's keys ({@code import:<reference>}): the bank's row is imported. */
    @Test
    void aDonationKeyShapedLikeAnImportKeyIsRefusedAndTheImportGoesThrough() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var squatter = api.donate("import:BANK-001", Api.donation("ramadan", 100, "tok_visa"));

            var file = Files.writeString(dir.resolve("bank.csv"), "reference,received_at,campaign_id,amount,currency,donor_id\r\n"
                    + "BANK-001,2026-01-05,ramadan,250.00,GBP,d-1\r\n", StandardCharsets.UTF_8);
            var result = new DonationImporter(new Store(service.database(), Clock.systemUTC()), new BigDecimal("100000"),
                    Clock.systemUTC(), Progress.NONE)
                    .run(file, false);
            assertThat(result.imported()).isEqualTo(1);
            assertThat(squatter.status()).as(squatter.body()).isEqualTo(400);
            assertThat(squatter.error()).isEqualTo("RESERVED_IDEMPOTENCY_KEY");
        }
    }

    @Test
    void partialRefundsAreIdempotentAndNeverExceedTheDonation() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var donationId = api.donate("gift", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();

            var first = api.refund(donationId, 1000, "refund-1");
            var replay = api.refund(donationId, 1000, "refund-1");
            var second = api.refund(donationId, 1000, "refund-2");
            var tooMuch = api.refund(donationId, 501, "refund-3");
            var unknown = api.refund("don_nope", 1, "refund-4");

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.json().get("status").asText()).isEqualTo("POSTED");
            assertThat(replay).isEqualTo(first);
            assertThat(second.status()).isEqualTo(201);
            assertThat(tooMuch.status()).isEqualTo(422);
            assertThat(tooMuch.error()).isEqualTo("REFUND_EXCEEDS_DONATION");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(500);
            var deadline = Instant.now().plus(Duration.ofSeconds(10));
            Api.Reply shown;
            do {
                shown = api.get("/api/campaigns/ramadan");
            } while (shown.json().path("stats").path("raisedMinor").asLong() != 500 && Instant.now().isBefore(deadline));
            assertThat(shown.json().path("stats").path("refundedMinor").asLong()).isEqualTo(2000);
            assertThat(shown.json().path("stats").path("raisedMinor").asLong()).isEqualTo(500);
        }
    }

    /**
     * One refund key sent for two donations at once: one refund is booked, the other request is
     * refused as a sequential reuse is (422 {@code IDEMPOTENCY_KEY_REUSED}), never a 500. On
     * PostgreSQL the two are made to overlap every time: the campaign's row is held locked until
     * both requests wait for it, past their look-up of the key, so that the refunds' unique index
     * is what finds the second. SQLite's one writer runs them one after the other, so there the
     * test checks the same outcome for whichever goes first.
     */
    @Test
    void oneRefundKeySentForTwoDonationsAtOnceRefusesOneOfThem() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var first = api.donate("gift-a", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();
            var second = api.donate("gift-b", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();
            var start = new CountDownLatch(1);
            var replies = new ArrayList<java.util.concurrent.Future<Api.Reply>>();
            for (var donationId : List.of(first, second)) {
                replies.add(clients.submit((Callable<Api.Reply>) () -> {
                    start.await();
                    return api.refund(donationId, 1000, "refund-shared");
                }));
            }
            try (var lock = CampaignRowLock.holdOnPostgres(service, "ramadan")) {
                start.countDown();
                lock.awaitWaiters(2);
            }
            var answers = new ArrayList<Api.Reply>();
            for (var reply : replies) {
                answers.add(reply.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).extracting(Api.Reply::status).as(answers.toString()).containsExactlyInAnyOrder(201, 422);
            assertThat(answers).filteredOn(reply -> reply.status() == 422).singleElement()
                    .satisfies(reply -> assertThat(reply.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).as("one refund of 1000 booked").isEqualTo(4000);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .balance(Account.refundsPayable(), GBP).minorUnits()).as("nothing left half-booked").isZero();
        }
    }

    /**
     * One refund sent five times at once with its key: every request gets the same 201, and the
     * money moves once. On PostgreSQL they are made to overlap (see
     * {@link #oneRefundKeySentForTwoDonationsAtOnceRefusesOneOfThem}). The key sent again after,
     * for another amount or another donation, is refused.
     */
    @Test
    void oneRefundSentManyTimesAtOnceIsBookedOnceAndItsKeyStaysItsOwn() throws Exception {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var gift = api.donate("gift-a", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();
            var other = api.donate("gift-b", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();
            // Five: with the lock holder and its watcher they fit in the test pool of 8 connections.
            int racers = 5;
            var start = new CountDownLatch(1);
            var replies = new ArrayList<java.util.concurrent.Future<Api.Reply>>();
            for (int i = 0; i < racers; i++) {
                replies.add(clients.submit((Callable<Api.Reply>) () -> {
                    start.await();
                    return api.refund(gift, 1000, "refund-once");
                }));
            }
            try (var lock = CampaignRowLock.holdOnPostgres(service, "ramadan")) {
                start.countDown();
                lock.awaitWaiters(racers);
            }
            var answers = new ArrayList<Api.Reply>();
            for (var reply : replies) {
                answers.add(reply.get(60, TimeUnit.SECONDS));
            }
            var otherAmount = api.refund(gift, 999, "refund-once");
            var otherDonation = api.refund(other, 1000, "refund-once");

            assertThat(answers.getFirst().status()).as(answers.getFirst().body()).isEqualTo(201);
            assertThat(answers).allSatisfy(reply -> assertThat(reply).isEqualTo(answers.getFirst()));
            assertThat(List.of(otherAmount, otherDonation)).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.body()).isEqualTo(422);
                assertThat(reply.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            });
            var ledger = new LedgerStore(service.database(), Clock.systemUTC());
            assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(4000);
            assertThat(ledger.balance(Account.refundsPayable(), GBP).minorUnits()).isZero();
            assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).isEqualTo(4000);
        }
    }

    /** A refund refused before anything was booked leaves its key free: the corrected request goes through. */
    @Test
    void aRefundKeyRefusedBeforeBookingIsFreeForTheCorrectedRequest() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var gift = api.donate("gift", Api.donation("ramadan", 2500, "tok_visa")).json().get("donationId").asText();

            var tooMuch = api.refund(gift, 2501, "refund-fixed");
            var noSuchDonation = api.refund("don_nope", 1000, "refund-fixed");
            var corrected = api.refund(gift, 1000, "refund-fixed");

            assertThat(tooMuch.error()).isEqualTo("REFUND_EXCEEDS_DONATION");
            assertThat(noSuchDonation.error()).isEqualTo("DONATION_NOT_FOUND");
            assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
            assertThat(api.refund(gift, 1000, "refund-fixed")).isEqualTo(corrected);
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(1500);
        }
    }

    @Test
    void serviceKeepsAnsweringWhenItsServersAreKilled() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            assertThat(api.donate("c-1", Api.donation("ramadan", 2500, "tok_visa")).status()).isEqualTo(201);
            var stats = service.campaignStats();
            var statsServer = stats.whereis("ramadan").orElseThrow();
            var processor = Processes.whereis(DonationProcessor.NAME).orElseThrow();

            Processes.exit(statsServer, ExitReason.KILL);
            Processes.exit(processor, ExitReason.KILL);
            var second = finalAnswer(api, "c-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));

            assertThat(second.status()).as(second.body()).isEqualTo(201);
            assertThat(Processes.whereis(DonationProcessor.NAME)).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(processor));
            assertThat(stats.whereis("ramadan")).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(statsServer));
            var deadline = Instant.now().plus(Duration.ofSeconds(10));
            Api.Reply shown;
            do {
                shown = api.get("/api/campaigns/ramadan");
            } while (shown.json().path("stats").path("raisedMinor").asLong() != 3500 && Instant.now().isBefore(deadline));
            assertThat(shown.json().path("stats").path("raisedMinor").asLong()).isEqualTo(3500);
            assertThat(shown.json().path("stats").path("donationCount").asLong()).isEqualTo(2);
        }
    }

    /** Sends until the answer is final: 503 STILL_PROCESSING (the processor restarting) is retried. */
    private static Api.Reply finalAnswer(Api api, String key, String body) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        Api.Reply reply;
        do {
            reply = api.donate(key, body);
        } while (reply.status() == 503 && reply.error().equals("STILL_PROCESSING") && Instant.now().isBefore(deadline));
        return reply;
    }

    /**
     * The provider charges but its answer is lost, and its circuit opens, so the pipeline cannot
     * ask it what it charged either: the donor gets 503 PAYMENT_PENDING. Once the circuit
     * half-opens the background settlement finds the charge and records it, and a retry of the
     * key gets the 201 (it got 409 REQUEST_IN_FLIGHT until the next start).
     */
    @Test
    void aChargeWhoseOutcomeStaysUnknownIsSettledInTheBackgroundAndTheRetryGetsItsAnswer() throws Exception {
        var unreachable = Map.of("AMANAH_GATEWAY_LOST_RESPONSE_PER_MILLE", "1000", "AMANAH_GATEWAY_BREAKER_FAILURES", "1",
                "AMANAH_GATEWAY_BREAKER_OPEN_FOR", "300ms");
        try (var service = AmanahService.start(config(unreachable), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var pending = api.donate("lost-1", Api.donation("ramadan", 2500, "tok_visa"));
            awaitPhase(service, "lost-1", DonationPhase.RECEIPTED);
            var retry = api.donate("lost-1", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(pending.status()).as(pending.body()).isEqualTo(503);
            assertThat(pending.error()).isEqualTo("PAYMENT_PENDING");
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(api.donate("lost-1", Api.donation("ramadan", 2500, "tok_visa"))).isEqualTo(retry);
            assertThat(service.sandbox().chargeCount("lost-1")).isEqualTo(1);
            var ledger = new LedgerStore(service.database(), Clock.systemUTC());
            assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(2500);
            assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).isEqualTo(2500);
        }
    }

    /**
     * A card tester tokenises one card afresh for every attempt (tokens are free to mint), each
     * time as another donor: the card's attempts are counted as one card's, so the fraud check
     * holds and then refuses them at the attempts per card it holds and refuses one token's at.
     * The sandbox's tokens {@code tok_mastercard.1}, {@code tok_mastercard.2}, ... are tokens of one
     * card. (The distinct cards per address are let be, so that only the attempts per card decide.)
     */
    @Test
    void oneCardTokenisedAfreshForEachAttemptReachesTheCardAttemptLimitsAsOneTokenDoes() {
        var limits = Map.of("AMANAH_FRAUD_CARD_ATTEMPTS_REVIEW_AT", "3", "AMANAH_FRAUD_CARD_ATTEMPTS_DENY_AT", "5",
                "AMANAH_FRAUD_IP_DISTINCT_CARDS_REVIEW_AT", "1000", "AMANAH_FRAUD_IP_DISTINCT_CARDS_DENY_AT", "1000");
        try (var service = AmanahService.start(config(limits), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var oneToken = new ArrayList<Integer>();
            var freshTokens = new ArrayList<Integer>();

            for (int i = 1; i <= 5; i++) {
                oneToken.add(api.donate("same-" + i, cardDonation("same-" + i + "@example.org", "tok_visa")).status());
            }
            for (int i = 1; i <= 5; i++) {
                freshTokens.add(api.donate("fresh-" + i, cardDonation("fresh-" + i + "@example.org", "tok_mastercard." + i)).status());
            }

            assertThat(oneToken).containsExactly(201, 201, 202, 202, 422);
            assertThat(freshTokens).isEqualTo(oneToken);
        }
    }

    /**
     * The provider's declines are counted against the card the fraud check counted, not against
     * the token: a declined card tokenised afresh for each attempt is held for review once it has
     * been declined twice (the declines per card's review threshold), as one token would be.
     */
    @Test
    void declinesOfOneCardTokenisedAfreshAreCountedAgainstTheCard() {
        try (var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var statuses = new ArrayList<Integer>();

            for (int i = 1; i <= 3; i++) {
                statuses.add(api.donate("declined-" + i, cardDonation("declined-" + i + "@example.org", "tok_declined." + i)).status());
            }

            assertThat(statuses).containsExactly(402, 402, 202);
        }
    }

    /**
     * The sandbox does not know {@code tok_unknown} tokens, as a provider does not know a token it
     * never issued: the fraud check counts the attempt by the token's digest and says so, the charge
     * is declined and nothing is charged. Counted, not waved through: the token's declines reach the
     * declines per card's review threshold as any card's do.
     */
    @Test
    void aTokenTheProviderDoesNotKnowIsCountedByItsDigestAndDeclinedWithNothingCharged() {
        try (var log = CapturedLog.of("dev.amanah.donations.pipeline");
             var service = AmanahService.start(config(Map.of()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var declined = api.donate("unknown-1", cardDonation("unknown-1@example.org", "tok_unknown"));
            var statuses = new ArrayList<Integer>();
            for (int i = 2; i <= 3; i++) {
                statuses.add(api.donate("unknown-" + i, cardDonation("unknown-" + i + "@example.org", "tok_unknown")).status());
            }

            assertThat(declined.status()).isEqualTo(402);
            assertThat(declined.error()).isEqualTo("PAYMENT_DECLINED");
            assertThat(declined.json().get("message").asText()).contains("UNKNOWN_PAYMENT_METHOD");
            assertThat(log.messages()).contains("event=card_lookup_fallback why=unknown_token counted_by=token_digest");
            assertThat(statuses).containsExactly(402, 202);
            assertThat(service.sandbox().chargeCounts()).isEmpty();
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isZero();
        }
    }

    /** A GBP donation to ramadan from {@code email} with {@code token}. */
    private static String cardDonation(String email, String token) {
        return """
                {"campaignId": "ramadan", "amountMinor": 2500, "currency": "GBP", "fundType": "SADAQAH",
                 "donor": {"name": "Aisha", "email": "%s"}, "paymentToken": "%s"}""".formatted(email, token);
    }

    private static DonationStore donations(AmanahService service) {
        var clock = Clock.systemUTC();
        var campaigns = new CampaignStore(service.database(), clock);
        return new DonationStore(service.database(), clock, new LedgerStore(service.database(), clock), campaigns);
    }

    private static void awaitPhase(AmanahService service, String key, DonationPhase phase) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            var found = donations(service).findByIdempotencyKey(key);
            if (found.isPresent() && found.get().phase() == phase) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("donation " + key + " never reached " + phase);
    }
}
