package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Donations, their phases, the atomic record, campaign totals; on both databases. */
class DonationStoreTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Money TEN = Money.of("10.00", "USD");

    @BothDatabases
    void a_donation_goes_through_every_phase_and_reads_back(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        var created = donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", "a@example.org", "Aisha"), TEN));
        assertThat(created.phase()).isEqualTo(DonationPhase.CLAIMED);
        assertThat(donations.get("d-1")).isEqualTo(created);
        assertThat(donations.markValidated("d-1").phase()).isEqualTo(DonationPhase.VALIDATED);
        assertThat(donations.markCharged("d-1", "ch_1").gatewayChargeId()).contains("ch_1");
        var recorded = donations.record("d-1", "donation d-1", Fixtures.donationEntries("c", TEN));
        assertThat(recorded.phase()).isEqualTo(DonationPhase.RECORDED);
        assertThat(recorded.ledgerTransactionId()).isPresent();
        var receipted = donations.markReceipted("d-1");
        assertThat(receipted.phase()).isEqualTo(DonationPhase.RECEIPTED);
        var read = donations.get("d-1");
        assertThat(read).isEqualTo(receipted);
        assertThat(read.donor().email()).contains("a@example.org");
        assertThat(read.donor().name()).contains("Aisha");
        assertThat(donations.findByIdempotencyKey("key-1")).contains(read);
        var transaction = store.ledger().findTransaction(read.ledgerTransactionId().getAsLong()).orElseThrow();
        assertThat(transaction.entries()).isEqualTo(Fixtures.donationEntries("c", TEN));
    }

    /**
     * An id typed on the staff page's refund form with a zero character is no donation, on both
     * databases: looking it up was a PostgreSQL error (the page's 500).
     */
    @BothDatabases
    void an_id_no_donation_can_have_is_not_found(TestDatabase db) {
        var store = db.store();
        assertThat(store.donations().find("don_\u0000")).isEmpty();
        assertThat(store.donations().find("don_1")).isEmpty();
    }

    @BothDatabases
    void a_phase_cannot_be_skipped_or_entered_twice(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        assertThatThrownBy(() -> donations.markCharged("d-1", "ch"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("from CLAIMED to CHARGED");
        donations.markValidated("d-1");
        assertThatThrownBy(() -> donations.markValidated("d-1")).hasMessageContaining("from VALIDATED to VALIDATED");
        assertThat(donations.get("d-1").phase()).isEqualTo(DonationPhase.VALIDATED);
        assertThatThrownBy(() -> donations.markValidated("missing"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    /** Donation row and ledger transaction are one: if the ledger refuses, the phase stays CHARGED. */
    @BothDatabases
    void record_with_a_refused_ledger_transaction_leaves_nothing(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        donations.markValidated("d-1");
        donations.markCharged("d-1", "ch");
        assertThatThrownBy(() -> donations.record("d-1", "bad", List.of(Entry.debit(Account.clearing("sandbox"), TEN),
                Entry.credit(Account.campaign("c"), Money.of("9.99", "USD"))))).isInstanceOf(FinanceException.class);
        var after = donations.get("d-1");
        assertThat(after.phase()).isEqualTo(DonationPhase.CHARGED);
        assertThat(after.ledgerTransactionId()).isEmpty();
        assertThat(store.ledger().transactionsAfter(0, 10)).isEmpty();
    }

    /** A crash between the ledger insert and the phase update cannot be seen: both roll back together. */
    @BothDatabases
    void an_outer_transaction_that_fails_after_record_rolls_back_donation_and_ledger(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        donations.markValidated("d-1");
        donations.markCharged("d-1", "ch");
        assertThatThrownBy(() -> store.database().useTransaction(c -> {
            donations.record("d-1", "donation", Fixtures.donationEntries("c", TEN));
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");
        assertThat(donations.get("d-1").phase()).isEqualTo(DonationPhase.CHARGED);
        assertThat(store.ledger().balance(Account.clearing("sandbox"), USD)).isEqualTo(Money.zero(USD));
    }

    /** The pipeline's record: from VALIDATED straight to RECORDED with the charge and the ledger, in one transaction. */
    @BothDatabases
    void record_charged_moves_a_validated_donation_to_recorded_with_its_charge_and_ledger(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        var validated = donations.markValidated("d-1");
        var recorded = donations.recordCharged(validated, "ch_1", "donation d-1", Fixtures.donationEntries("c", TEN));
        assertThat(recorded.phase()).isEqualTo(DonationPhase.RECORDED);
        assertThat(recorded.gatewayChargeId()).contains("ch_1");
        assertThat(donations.get("d-1")).isEqualTo(recorded);
        var transaction = store.ledger().findTransaction(recorded.ledgerTransactionId().getAsLong()).orElseThrow();
        assertThat(transaction.entries()).isEqualTo(Fixtures.donationEntries("c", TEN));
        assertThat(donations.ensureReceipted("d-1").phase()).isEqualTo(DonationPhase.RECEIPTED);
        assertThat(donations.ensureReceipted("d-1").phase()).isEqualTo(DonationPhase.RECEIPTED);
    }

    /** The pipeline's phase move after its receipt: one update, and the donation it returns is the row as stored. */
    @BothDatabases
    void receipted_from_moves_a_recorded_donation_only_and_returns_the_stored_row(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        var claimed = donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", "a@example.org", "A"), TEN));
        assertThatThrownBy(() -> donations.receiptedFrom(claimed)).hasMessageContaining("from CLAIMED to RECEIPTED");
        var recorded = donations.recordCharged(donations.markValidated("d-1"), "ch_1", "donation d-1",
                Fixtures.donationEntries("c", TEN));
        var receipted = donations.receiptedFrom(recorded);
        assertThat(receipted.phase()).isEqualTo(DonationPhase.RECEIPTED);
        assertThat(donations.get("d-1")).isEqualTo(receipted);
        assertThatThrownBy(() -> donations.receiptedFrom(recorded))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("from RECEIPTED to RECEIPTED");
    }

    /** A record from any phase but VALIDATED is refused, and the ledger lines written before the check roll back with it. */
    @BothDatabases
    void record_charged_from_another_phase_is_refused_and_leaves_no_ledger_lines(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        var claimed = donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        assertThatThrownBy(() -> donations.recordCharged(claimed, "ch_1", "donation d-1", Fixtures.donationEntries("c", TEN)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("from CLAIMED to RECORDED");
        var missing = new Donation("missing", "key-missing", "c", claimed.donor(), TEN, DonationPhase.VALIDATED,
                Optional.empty(), Optional.empty(), OptionalLong.empty(), claimed.createdAt(), claimed.updatedAt());
        assertThatThrownBy(() -> donations.recordCharged(missing, "ch_2", "donation", Fixtures.donationEntries("c", TEN)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
        assertThatThrownBy(() -> donations.ensureReceipted("d-1")).hasMessageContaining("from CLAIMED to RECEIPTED");
        assertThat(donations.get("d-1").phase()).isEqualTo(DonationPhase.CLAIMED);
        assertThat(store.ledger().transactionsAfter(0, 10)).isEmpty();
    }

    @BothDatabases
    void fail_is_allowed_before_recorded_only_and_keeps_its_reason(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        donations.markValidated("d-1");
        donations.markCharged("d-1", "ch");
        var failed = donations.fail("d-1", "CARD_DECLINED");
        assertThat(failed.phase()).isEqualTo(DonationPhase.FAILED);
        assertThat(donations.get("d-1").failureReason()).contains("CARD_DECLINED");
        assertThat(donations.get("d-1").gatewayChargeId()).contains("ch");
        Fixtures.recordedDonation(store, "d-2", "c", "donor-2", TEN);
        assertThatThrownBy(() -> donations.fail("d-2", "late"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
    }

    @BothDatabases
    void creation_checks_campaign_currency_and_uniqueness(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        assertThatThrownBy(() -> donations.create(new NewDonation("d-1", "k", "nope", Donor.of("x", null, null), TEN)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
        assertThatThrownBy(() -> donations.create(new NewDonation("d-1", "k", "c", Donor.of("x", null, null), Money.of("10", "JPY"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.CURRENCY_MISMATCH));
        donations.create(new NewDonation("d-1", "k", "c", Donor.of("x", null, null), TEN));
        assertThatThrownBy(() -> donations.create(new NewDonation("d-2", "k", "c", Donor.of("x", null, null), TEN)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DUPLICATE));
        assertThatThrownBy(() -> donations.create(new NewDonation("d-1", "k2", "c", Donor.of("x", null, null), TEN)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DUPLICATE));
        assertThat(donations.find("d-2")).isEmpty();
    }

    @BothDatabases
    void unfinished_lists_every_donation_not_yet_receipted_or_failed(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        var donations = store.donations();
        donations.create(new NewDonation("d-claimed", "k1", "c", Donor.of("x", null, null), TEN));
        Fixtures.recordedDonation(store, "d-recorded", "c", "y", TEN);
        Fixtures.recordedDonation(store, "d-receipted", "c", "y", TEN);
        donations.markReceipted("d-receipted");
        donations.create(new NewDonation("d-failed", "k4", "c", Donor.of("x", null, null), TEN));
        donations.fail("d-failed", "FRAUD_DENIED");
        assertThat(donations.unfinished()).extracting(Donation::id).containsExactlyInAnyOrder("d-claimed", "d-recorded");
    }

    @BothDatabases
    void totals_count_recorded_donations_distinct_donors_and_posted_refunds(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.activeCampaign(store, "other", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d-1", "c", "alice", Money.of("10.00", "USD"));
        Fixtures.recordedDonation(store, "d-2", "c", "alice", Money.of("0.05", "USD"));
        Fixtures.recordedDonation(store, "d-3", "c", "bob", Money.of("100.00", "USD"));
        Fixtures.recordedDonation(store, "d-4", "other", "carol", Money.of("7.00", "USD"));
        store.donations().create(new NewDonation("d-5", "k5", "c", Donor.of("dave", null, null), TEN));
        var refund = store.refunds().request(Fixtures.refund("r-1", "rk-1", "d-3", "c", Money.of("40.00", "USD")));
        store.refunds().confirm(refund.refund().id());
        store.refunds().request(Fixtures.refund("r-2", "rk-2", "d-3", "c", Money.of("1.00", "USD")));
        var totals = store.donations().totals("c");
        assertThat(totals).isEqualTo(new CampaignTotals("c", Money.of("110.05", "USD"), Money.of("40.00", "USD"), 3, 2));
        assertThat(totals.net()).isEqualTo(Money.of("70.05", "USD"));
        assertThat(store.donations().byCampaign("c", DonationPhase.RECORDED, 10)).extracting(Donation::id)
                .containsExactlyInAnyOrder("d-1", "d-2", "d-3");
        assertThat(store.donations().totals("other").raised()).isEqualTo(Money.of("7.00", "USD"));
        assertThatThrownBy(() -> store.donations().totals("nope"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    @BothDatabases
    void a_donor_without_email_or_name_reads_back_empty(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000", "JPY"));
        store.donations().create(new NewDonation("d", "k", "c", Donor.of("anon", null, null), Money.of("500", "JPY")));
        var read = store.donations().get("d");
        assertThat(read.donor()).isEqualTo(new Donor("anon", Optional.empty(), Optional.empty()));
        assertThat(read.amount()).isEqualTo(Money.of("500", "JPY"));
    }

    /** Both databases refuse alike: the store checks column widths before any SQL (SQLite would not). */
    @BothDatabases
    void texts_too_long_for_their_columns_are_refused_before_any_write(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        assertThatThrownBy(() -> new NewDonation("d".repeat(65), "k", "c", Donor.of("x", null, null), TEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id must be 1 to 64 characters");
        assertThatThrownBy(() -> Donor.of("x", "e".repeat(321), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("donor.email");
        assertThatThrownBy(() -> store.idempotency().claim("k".repeat(256), "fp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key must be 1 to 255 characters");
        store.donations().create(new NewDonation("d", "k", "c", Donor.of("x", null, null), TEN));
        store.donations().markValidated("d");
        assertThatThrownBy(() -> store.donations().markCharged("d", "c".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gatewayChargeId");
        assertThat(store.donations().get("d").phase()).isEqualTo(DonationPhase.VALIDATED);
        assertThat(store.idempotency().inFlight()).isEmpty();
    }
}
