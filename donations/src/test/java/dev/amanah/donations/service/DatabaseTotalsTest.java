package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.campaign.StatsOptions;
import dev.amanah.donations.payment.ManualClock;
import dev.amanah.donations.store.Database;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void a_donation_receipted_late_counts_in_the_rate_when_it_was_booked_not_when_its_receipt_came() {
        // A donation whose receipt failed stays RECORDED; `amanah receipts` (or the next start's
        // recovery) issues it hours later, which moves its row's updated_at. A statistics server
        // (re)loaded then must not count that old gift in its donations per minute.
        var clock = new ManualClock(Instant.parse("2026-11-03T10:00:00Z"));
        var usd = Money.of("25.00", "USD");
        try (var store = new Store(Database.open(database()), clock)) {
            store.campaigns().create(new NewCampaign("c", "Campaign c", FundType.SADAQAH, Money.of("1000.00", "USD"),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            store.campaigns().moveTo("c", CampaignState.ACTIVE);
            for (var id : List.of("old", "new")) {
                if (id.equals("new")) {
                    clock.advance(Duration.ofHours(2));
                    store.donations().ensureReceipted("old");
                }
                store.donations().create(new NewDonation(id, "key-" + id, "c", Donor.of("donor-" + id, null, null), usd));
                store.donations().markValidated(id);
                store.donations().markCharged(id, "ch-" + id);
                store.donations().record(id, "donation " + id, List.of(
                        Entry.debit(Account.clearing("sandbox"), usd), Entry.credit(Account.campaign("c"), usd)));
            }

            var source = new DatabaseTotals(store.database(), store.campaigns(), store.donations(),
                    StatsOptions.DEFAULTS.dedupeHorizon(), clock);
            assertThat(source.load("c").recent()).extracting(r -> r.eventId()).containsExactly("new");

            var service = new CampaignStatsService("totals-test-stats", source, clock, StatsOptions.DEFAULTS);
            assertThat(service.startLink()).isInstanceOf(StartResult.Ok.class);
            try {
                assertThat(service.startCampaign("c")).isInstanceOf(StartResult.Ok.class);
                var stats = service.awaitStats("c", WAIT);
                assertThat(stats.donationCount()).as("donation count").isEqualTo(2);
                assertThat(stats.ratePerMinute()).as("donations per minute").isEqualByComparingTo(BigDecimal.ONE);
            } finally {
                service.stop();
            }
        }
    }
}
