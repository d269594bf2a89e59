package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.ChargeRequest;
import dev.amanah.donations.payment.Charged;
import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.pipeline.DonationPipeline;
import dev.amanah.donations.pipeline.DonationRequest;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.RefundStore;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A previous run died with donations in every unfinished phase and a refund booked but not yet
 * sent to the provider (written here by hand, as the pipeline would have left them); the next
 * start must finish or fail each one, charging nobody again, and answer each key's retry
 * accordingly.
 */
@InProcess.Tests
class RecoveryTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dir;

    @Test
    void startUpFinishesOrFailsEveryDonationLeftInFlight() {
        var config = TestServices.config(dir, Map.of());
        try (var service = AmanahService.start(config, CLOCK)) {
            new Api(service.port()).activeCampaign("ramadan");
        }
        try (var database = Database.open(DatabaseConfig.fromUrl(config.database().jdbcUrl(), "", ""));
             var sandbox = SandboxGateway.open(dir.resolve("sandbox-journal.log"), AmanahService.sandboxConfig(config.gateway()))) {
            var crashed = new CrashedRun(database, sandbox);
            crashed.claimed("claimed", 1000);
            crashed.validated("validated-uncharged", 2000);
            crashed.charge(crashed.validated("validated-charged", 3000));
            crashed.charged("charged", 4000);
            crashed.recorded("recorded", 5000);
            crashed.recorded("refunded", 6000);
            crashed.refundPending("refunded", "crash-refund", 1000);
        }

        try (var service = AmanahService.start(config, CLOCK)) {
            var api = new Api(service.port());
            var donations = donations(service.database());

            assertThat(api.donate("claimed", body(1000)).error()).isEqualTo("INTERRUPTED");
            assertThat(api.donate("validated-uncharged", body(2000)).error()).isEqualTo("NOT_CHARGED");
            assertThat(api.donate("validated-charged", body(3000)).status()).isEqualTo(201);
            assertThat(api.donate("charged", body(4000)).status()).isEqualTo(201);
            assertThat(api.donate("recorded", body(5000)).status()).isEqualTo(201);
            assertThat(donations.unfinished()).isEmpty();
            assertThat(donations.findByIdempotencyKey("claimed").orElseThrow().phase()).isEqualTo(DonationPhase.FAILED);
            assertThat(donations.findByIdempotencyKey("validated-uncharged").orElseThrow().phase()).isEqualTo(DonationPhase.FAILED);
            assertThat(donations.findByIdempotencyKey("validated-charged").orElseThrow().phase()).isEqualTo(DonationPhase.RECEIPTED);
            assertThat(service.sandbox().chargeCounts())
                    .isEqualTo(Map.of("validated-charged", 1L, "charged", 1L, "recorded", 1L, "refunded", 1L));
            var refunds = new RefundStore(service.database(), CLOCK, new LedgerStore(service.database(), CLOCK), donations);
            assertThat(refunds.findByIdempotencyKey("crash-refund").orElseThrow().status()).isEqualTo(RefundStatus.POSTED);
            var ledger = new LedgerStore(service.database(), CLOCK);
            assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(3000 + 4000 + 5000 + 6000 - 1000);

            var deadline = Instant.now().plus(Duration.ofSeconds(10));
            Api.Reply shown;
            do {
                shown = api.get("/api/campaigns/ramadan");
            } while (shown.json().path("stats").path("raisedMinor").asLong() != 17000 && Instant.now().isBefore(deadline));
            assertThat(shown.json().path("stats").path("raisedMinor").asLong()).isEqualTo(17000);
        }
    }

    private static String body(long amountMinor) {
        return Api.donation("ramadan", amountMinor, "tok_visa");
    }

    private static DonationStore donations(Database database) {
        var campaigns = new CampaignStore(database, CLOCK);
        return new DonationStore(database, CLOCK, new LedgerStore(database, CLOCK), campaigns);
    }

    /** Writes what the pipeline would have written before a crash, phase by phase. */
    private static final class CrashedRun {
        private final Database database;
        private final SandboxGateway sandbox;
        private final IdempotencyStore keys;
        private final DonationStore donations;

        CrashedRun(Database database, SandboxGateway sandbox) {
            this.database = database;
            this.sandbox = sandbox;
            this.keys = new IdempotencyStore(database, CLOCK);
            this.donations = RecoveryTest.donations(database);
        }

        DonationRequest claimed(String key, long amountMinor) {
            var request = new DonationRequest(key, "ramadan", Money.ofMinor(amountMinor, GBP), FundType.SADAQAH, "Aisha",
                    "aisha@example.org", "tok_visa", "127.0.0.1");
            database.useTransaction(connection -> {
                keys.claim(key, request.fingerprint());
                donations.create(new NewDonation(DonationPipeline.donationId(key), key, "ramadan",
                        Donor.of(request.donorRef(), request.donorEmail(), request.donorName()), request.amount()));
            });
            return request;
        }

        DonationRequest validated(String key, long amountMinor) {
            var request = claimed(key, amountMinor);
            donations.markValidated(DonationPipeline.donationId(key));
            return request;
        }

        String charge(DonationRequest request) {
            var outcome = sandbox.charge(new ChargeRequest(request.idempotencyKey(), request.amount(), request.paymentToken(),
                    request.donorRef()));
            return ((Charged) outcome).chargeId();
        }

        void charged(String key, long amountMinor) {
            var chargeId = charge(validated(key, amountMinor));
            donations.markCharged(DonationPipeline.donationId(key), chargeId);
        }

        void refundPending(String donationKey, String refundKey, long amountMinor) {
            var amount = Money.ofMinor(amountMinor, GBP);
            var refunds = new RefundStore(database, CLOCK, new LedgerStore(database, CLOCK), donations);
            refunds.request(new NewRefund("ref_crash", refundKey, DonationPipeline.donationId(donationKey), amount, "refund",
                    List.of(Entry.debit(Account.campaign("ramadan"), amount), Entry.credit(Account.refundsPayable(), amount)),
                    List.of(Entry.debit(Account.refundsPayable(), amount), Entry.credit(Account.clearing(AmanahService.GATEWAY), amount))));
        }

        void recorded(String key, long amountMinor) {
            charged(key, amountMinor);
            var amount = Money.ofMinor(amountMinor, GBP);
            database.useTransaction(connection -> {
                var done = donations.record(DonationPipeline.donationId(key), "donation", List.of(
                        Entry.debit(Account.clearing(AmanahService.GATEWAY), amount),
                        Entry.credit(Account.campaign("ramadan"), amount)));
                keys.complete(key, 201, "{\"donationId\":\"" + done.id() + "\"}");
            });
        }
    }
}
