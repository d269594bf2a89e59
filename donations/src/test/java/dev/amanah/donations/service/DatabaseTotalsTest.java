package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.campaign.StatsOptions;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.RefundResult;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's statistics server loaded by {@link DatabaseTotals} (SQLite here; PostgreSQL in
 * {@link DatabaseTotalsPostgresTest}) counts each event once, even when the event reaches it after
 * the load that already counted it: donations and refunds are committed before their events are
 * sent, so a server (re)started in between sees both.
 */
@InProcess.Tests
class DatabaseTotalsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** The database; a subclass may choose another. */
    DatabaseConfig database() {
        return DatabaseConfig.sqlite(dir.resolve("amanah.db"));
    }

    @Test
    void a_refund_loaded_from_the_database_is_not_subtracted_again_when_its_event_arrives() {
        var clock = Clock.systemUTC();
        var usd = Money.of("100.00", "USD");
        try (var store = Store.open(database())) {
            store.campaigns().create(new NewCampaign("c", "Campaign c", FundType.SADAQAH, Money.of("1000.00", "USD"),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            store.campaigns().moveTo("c", CampaignState.ACTIVE);
            store.donations().create(new NewDonation("d", "key-d", "c", Donor.of("alice", null, null), usd));
            store.donations().markValidated("d");
            store.donations().markCharged("d", "ch-d");
            store.donations().record("d", "donation d", List.of(
                    Entry.debit(Account.clearing("sandbox"), usd), Entry.credit(Account.campaign("c"), usd)));
            var thirty = Money.of("30.00", "USD");
            var requested = store.refunds().request(new NewRefund("r", "rk", "d", thirty, "refund r",
                    List.of(Entry.debit(Account.campaign("c"), thirty), Entry.credit(Account.refundsPayable(), thirty)),
                    List.of(Entry.debit(Account.refundsPayable(), thirty), Entry.credit(Account.clearing("sandbox"), thirty))));
            assertThat(requested).isInstanceOf(RefundResult.Requested.class);
            store.refunds().confirm("r"); // committed: RefundFlow sends the event only after this

            var source = new DatabaseTotals(store.database(), store.campaigns(), store.donations(),
                    StatsOptions.DEFAULTS.dedupeHorizon(), clock);
            var service = new CampaignStatsService("totals-test-stats", source, clock, StatsOptions.DEFAULTS);
            assertThat(service.startLink()).isInstanceOf(StartResult.Ok.class);
            try {
                assertThat(service.startCampaign("c")).isInstanceOf(StartResult.Ok.class);
                assertThat(service.awaitStats("c", WAIT).refunded()).isEqualTo(thirty);

                // the refund's event, sent after its commit, reaches the freshly loaded server
                service.donationRefunded(new DonationRefunded("c", "r", "d", thirty, clock.instant()));
                var after = service.awaitStats("c", WAIT);

                assertThat(after.refunded()).as("refunded").isEqualTo(thirty);
                assertThat(after.raised()).as("raised").isEqualTo(Money.of("70.00", "USD"));
                assertThat(after.refundCount()).as("refund count").isEqualTo(1);
            } finally {
                service.stop();
            }
        }
    }
}
