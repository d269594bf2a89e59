package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.donations.store.BothDatabases;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.TestDatabase;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The dashboard's first feed lines and chart, from the stored donations, on both databases. */
class RecentDonationsTest {
    private static final Instant GIVEN = Instant.parse("2026-11-03T10:00:00Z");

    private static void record(Store store, String id, Money amount) {
        store.donations().create(new NewDonation(id, "key-" + id, "c1", Donor.of("donor-" + id, null, null), amount));
        store.donations().markValidated(id);
        store.donations().markCharged(id, "ch-" + id);
        store.donations().record(id, "donation " + id,
                List.of(Entry.debit(Account.clearing("sandbox"), amount), Entry.credit(Account.campaign("c1"), amount)));
    }

    @BothDatabases
    void a_donation_receipted_late_is_shown_when_it_was_given_not_when_its_receipt_came(TestDatabase db) {
        // A donation whose receipt failed stays RECORDED; `amanah receipts` (or the next start's
        // recovery) issues it hours later. The public feed must not show it as a gift made now.
        var clock = new ManualClock(GIVEN);
        var store = new Store(db.open(db.config()), clock);
        store.campaigns().create(new NewCampaign("c1", "Wells", FundType.SADAQAH, Money.of("1000.00", "GBP"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        store.campaigns().moveTo("c1", CampaignState.ACTIVE);
        record(store, "old", Money.of("25.00", "GBP"));

        clock.advance(Duration.ofHours(2));
        store.donations().ensureReceipted("old");
        record(store, "new", Money.of("10.00", "GBP"));
        store.donations().ensureReceipted("new");

        var lastHalfHour = new RecentDonations(store.database()).since(clock.instant().minus(Duration.ofMinutes(30)), 10);
        assertThat(lastHalfHour).containsExactly(new RecentDonations.Row("c1", Money.of("10.00", "GBP"), GIVEN.plus(Duration.ofHours(2))));
        var today = new RecentDonations(store.database()).since(GIVEN.minus(Duration.ofMinutes(1)), 10);
        assertThat(today).containsExactly(new RecentDonations.Row("c1", Money.of("10.00", "GBP"), GIVEN.plus(Duration.ofHours(2))),
                new RecentDonations.Row("c1", Money.of("25.00", "GBP"), GIVEN));
    }
}
