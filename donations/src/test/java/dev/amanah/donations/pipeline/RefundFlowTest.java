package dev.amanah.donations.pipeline;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceived;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.CampaignTotals;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.campaign.StatsOptions;
import dev.amanah.donations.payment.CardLookup;
import dev.amanah.donations.payment.ChargeOutcome;
import dev.amanah.donations.payment.ChargeRequest;
import dev.amanah.donations.payment.LookupResult;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.PayoutOutcome;
import dev.amanah.donations.payment.PayoutRequest;
import dev.amanah.donations.payment.RefundOutcome;
import dev.amanah.donations.payment.RefundRequest;
import dev.amanah.donations.payment.Refunded;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.pubsub.PubSub;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RefundFlow}: a refund is announced once, by the settlement that posted it. */
@InProcess.Tests
class RefundFlowTest {
    @TempDir
    Path dir;

    /** A provider that refunds whatever it is asked to, as many times as asked (by key, as a real one would). */
    private static final class RefundingGateway implements PaymentGateway {
        @Override
        public RefundOutcome refund(RefundRequest request) {
            return new Refunded("pr-" + request.idempotencyKey(), request.chargeId(), request.amount());
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            throw new AssertionError("no charge in this test");
        }

        @Override
        public PayoutOutcome payout(PayoutRequest request) {
            throw new AssertionError("no payout in this test");
        }

        @Override
        public LookupResult lookup(String idempotencyKey) {
            throw new AssertionError("no lookup in this test");
        }

        @Override
        public CardLookup cardFingerprint(String paymentToken) {
            throw new AssertionError("no card lookup in this test");
        }
    }

    @Test
    void a_pending_refund_settled_twice_is_announced_once() {
        // Two settlements of one pending refund (two requests with its key at once, or one beside
        // recovery) both read it PENDING and both get the provider's Refunded; only the first to
        // post it may announce it, or the dashboard feed shows the refund twice.
        var clock = Clock.systemUTC();
        var usd = Money.of("100.00", "USD");
        var thirty = Money.of("30.00", "USD");
        var pubsub = PubSub.of("refund-flow-test.pubsub");
        var stats = new CampaignStatsService("refund-flow-test.stats",
                id -> CampaignTotals.empty(id, Money.of("1000.00", "USD")), clock, StatsOptions.DEFAULTS);
        try (var store = Store.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            store.campaigns().create(new NewCampaign("c", "Campaign c", FundType.SADAQAH, Money.of("1000.00", "USD"),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            store.campaigns().moveTo("c", CampaignState.ACTIVE);
            store.donations().create(new NewDonation("d", "key-d", "c", Donor.of("alice", null, null), usd));
            store.donations().markValidated("d");
            store.donations().markCharged("d", "ch-d");
            store.donations().record("d", "donation d", List.of(
                    Entry.debit(Account.clearing("sandbox"), usd), Entry.credit(Account.campaign("c"), usd)));
            var pending = store.refunds().request(new NewRefund("r", "rk", "d", thirty, "refund r",
                    List.of(Entry.debit(Account.campaign("c"), thirty), Entry.credit(Account.refundsPayable(), thirty)),
                    List.of(Entry.debit(Account.refundsPayable(), thirty), Entry.credit(Account.clearing("sandbox"), thirty))))
                    .refund();
            // The PubSub links its subscribers: stopping it in the finally block must not end this
            // process (quietly, with SHUTDOWN) before a failed assertion is reported.
            Processes.trapExits(true);
            assertThat(pubsub.startLink()).isInstanceOf(StartResult.Ok.class);
            assertThat(stats.startLink()).isInstanceOf(StartResult.Ok.class);
            try {
                pubsub.subscribe(DonationPipeline.TOPIC);
                var flow = new RefundFlow(store.refunds(), store.donations(), new RefundingGateway(), "sandbox", pubsub, stats, clock);

                var first = flow.settle(pending, "ch-d", "c");
                var second = flow.settle(pending, "ch-d", "c");

                assertThat(first.status()).isEqualTo(201);
                assertThat(second.status()).isEqualTo(201);
                assertThat(store.refunds().find("r").orElseThrow().status()).isEqualTo(RefundStatus.POSTED);
                // broadcast sends in the caller: both settlements' events, if any, are queued already
                assertReceived(m -> m instanceof DonationRefunded event && event.refundId().equals("r") ? event : null);
                refuteReceived(m -> m instanceof DonationRefunded event ? event : null);
            } finally {
                stats.stop();
                pubsub.stop();
            }
        }
    }
}
