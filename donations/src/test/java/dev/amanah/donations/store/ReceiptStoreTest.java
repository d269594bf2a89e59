package dev.amanah.donations.store;

import static dev.amanah.donations.store.OutboxMail.FailureKind.PERMANENT;
import static dev.amanah.donations.store.OutboxMail.FailureKind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.donations.receipt.HijriDates;
import dev.amanah.donations.receipt.ReceiptIssuer;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Receipts: gap-free serials, one per donation, replacements instead of edits, the outbox; on both databases. */
class ReceiptStoreTest {
    @Test
    void a_serial_has_at_least_six_digits_and_never_cuts_a_longer_number() {
        assertThat(Receipt.serial("AMN", 2026, 123)).isEqualTo("AMN-2026-000123");
        assertThat(Receipt.serial("R1", 987, 1_234_567)).isEqualTo("R1-0987-1234567");
    }

    private static final Money TEN = Money.of("10.00", "GBP");
    private static final Charity CHARITY = new Charity("Amanah Charitable Trust", "1 Example Street", "1234567");
    private static final LocalDate DAY = LocalDate.of(2026, 2, 18);

    private static ReceiptStore receipts(Store store) {
        return new ReceiptStore(store.database(), java.time.Clock.systemUTC(), store.donations());
    }

    private static NewReceipt newReceipt(Donation donation, LocalDate day) {
        return new NewReceipt(donation.id(), "AMN", Optional.empty(), CHARITY, donation.donor(), donation.amount(),
                FundType.SADAQAH, donation.campaignId(), "Campaign " + donation.campaignId(), day, HijriDates.format(day),
                donation.gatewayChargeId().orElseThrow());
    }

    private static List<Donation> recorded(Store store, int count) {
        Fixtures.activeCampaign(store, "c", Money.of("100000.00", "GBP"));
        var donations = new ArrayList<Donation>();
        for (int i = 1; i <= count; i++) {
            donations.add(Fixtures.recordedDonation(store, "d-" + i, "c", "donor-" + (i % 2), TEN));
        }
        return donations;
    }

    @BothDatabases
    void serials_count_from_one_per_year_and_a_donation_gets_one_original(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var donations = recorded(store, 4);

        var first = receipts.issue(newReceipt(donations.get(0), DAY));
        var second = receipts.issue(newReceipt(donations.get(1), DAY));
        var otherYear = receipts.issue(newReceipt(donations.get(2), LocalDate.of(2025, 12, 31)));
        var third = receipts.issue(newReceipt(donations.get(3), DAY.plusDays(1)));
        var again = receipts.issue(newReceipt(donations.get(0), DAY));

        assertThat(List.of(first, second, otherYear, third)).allMatch(ReceiptStore.Issued::created);
        assertThat(List.of(first, second, third)).extracting(i -> i.receipt().serial())
                .containsExactly("AMN-2026-000001", "AMN-2026-000002", "AMN-2026-000003");
        assertThat(otherYear.receipt().serial()).isEqualTo("AMN-2025-000001");
        assertThat(again.created()).isFalse();
        assertThat(again.receipt()).isEqualTo(first.receipt());
        assertThat(receipts.get("AMN-2026-000001")).isEqualTo(first.receipt());
        assertThat(receipts.originalOf("d-1")).contains(first.receipt());
        assertThat(receipts.countInYear(2026)).isEqualTo(3);
        var read = receipts.get("AMN-2026-000002");
        assertThat(read.amount()).isEqualTo(TEN);
        assertThat(read.donatedOnHijri()).isEqualTo("1 Ramadan 1447 AH");
        assertThat(read.charity()).isEqualTo(CHARITY);
    }

    /**
     * The pipeline's issue for a donation it has just recorded skips the look-up of an earlier
     * receipt; called for one that has a receipt, the database still refuses a second original,
     * and the serial it took rolls back with it.
     */
    @BothDatabases
    void an_issue_for_a_newly_recorded_donation_never_makes_a_second_original(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var donations = recorded(store, 2);
        var donation = donations.getFirst();
        var first = receipts.issueForNewlyRecorded(newReceipt(donation, DAY));

        assertThatThrownBy(() -> receipts.issueForNewlyRecorded(newReceipt(donation, DAY)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_ERROR));

        assertThat(receipts.originalOf(donation.id())).contains(first);
        assertThat(receipts.countInYear(DAY.getYear())).isEqualTo(1);
        assertThat(receipts.issue(newReceipt(donations.get(1), DAY)).receipt().serial()).isEqualTo("AMN-2026-000002");
    }

    /** An issue that rolls back gives its number back: the next one takes it. */
    @BothDatabases
    void a_rolled_back_issue_leaves_no_gap(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var donations = recorded(store, 2);

        assertThatThrownBy(() -> store.database().useTransaction(c -> {
            receipts.issue(newReceipt(donations.get(0), DAY));
            throw new IllegalStateException("crash after the issue, before the commit");
        })).hasMessageContaining("crash");

        assertThat(receipts.originalOf("d-1")).isEmpty();
        assertThat(receipts.issue(newReceipt(donations.get(1), DAY)).receipt().serial()).isEqualTo("AMN-2026-000001");
    }

    /** Many issuers at once: every donation gets exactly one receipt and the numbers are 1..n. */
    @BothDatabases
    void concurrent_issues_share_no_number_and_leave_no_gap(TestDatabase db) throws Exception {
        var store = db.store();
        var receipts = receipts(store);
        int count = 8;
        var donations = recorded(store, count);
        var tasks = new ArrayList<Callable<ReceiptStore.Issued>>();
        for (var donation : donations) {
            tasks.add(() -> receipts.issue(newReceipt(donation, DAY)));
            tasks.add(() -> receipts.issue(newReceipt(donation, DAY)));
        }
        var created = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<ReceiptStore.Issued> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                if (f.get().created()) {
                    created.incrementAndGet();
                }
            }
        }

        assertThat(created.get()).isEqualTo(count);
        assertThat(donations).allSatisfy(d -> assertThat(receipts.originalOf(d.id())).isPresent());
        assertThat(donations.stream().map(d -> receipts.originalOf(d.id()).orElseThrow().number()).sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
    }

    @BothDatabases
    void a_correction_is_a_new_receipt_naming_the_old_which_is_left_as_it_was(TestDatabase db) throws SQLException {
        var store = db.store();
        var receipts = receipts(store);
        var donation = recorded(store, 1).getFirst();
        var original = receipts.issue(newReceipt(donation, DAY)).receipt();
        var fixed = new NewReceipt(donation.id(), "AMN", Optional.of(new NewReceipt.Correction(original.serial(), "name misspelt")),
                CHARITY, Donor.of(donation.donor().id(), null, "Aisha Rahman"), donation.amount(), FundType.SADAQAH, "c",
                "Campaign c", DAY, HijriDates.format(DAY), "ch-d-1");

        var replacement = receipts.issue(fixed);

        assertThat(replacement.created()).isTrue();
        assertThat(replacement.receipt().serial()).isEqualTo("AMN-2026-000002");
        assertThat(replacement.receipt().replaces()).contains(new NewReceipt.Correction("AMN-2026-000001", "name misspelt"));
        assertThat(receipts.get(original.serial())).isEqualTo(original);
        assertThat(receipts.replacementOf(original.serial())).contains(replacement.receipt());
        assertThat(receipts.originalOf(donation.id())).contains(original);
        assertThat(receipts.currentForDonor(donation.donor().id(), DAY, DAY)).containsExactly(replacement.receipt());
        assertThatThrownBy(() -> receipts.issue(fixed))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("already replaced by AMN-2026-000002");
        try (var c = store.database().dataSource().getConnection(); var statement = c.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE receipts SET amount_minor = 1 WHERE serial = 'AMN-2026-000001'"))
                    .hasMessageContaining("receipts are append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM receipts WHERE serial = 'AMN-2026-000001'"))
                    .hasMessageContaining("receipts are append-only");
        }
        assertThat(receipts.get(original.serial())).isEqualTo(original);
    }

    /** What a statement nets out: posted refunds only, each once, under the donation's current receipt. */
    @BothDatabases
    void a_donors_posted_refunds_are_listed_once_under_the_current_receipt(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var donations = recorded(store, 3); // d-1 and d-3 are donor-1's, d-2 donor-0's
        var first = receipts.issue(newReceipt(donations.get(0), DAY)).receipt();
        var replacement = receipts.issue(new NewReceipt("d-1", "AMN", Optional.of(new NewReceipt.Correction(first.serial(), "name")),
                CHARITY, Donor.of("donor-1", null, "Aisha"), TEN, FundType.SADAQAH, "c", "Campaign c", DAY, HijriDates.format(DAY),
                "ch-d-1")).receipt();
        receipts.issue(newReceipt(donations.get(1), DAY));
        receipts.issue(newReceipt(donations.get(2), DAY));
        var four = Money.of("4.00", "GBP");
        store.refunds().request(Fixtures.refund("r-posted", "k-posted", "d-1", "c", four));
        store.refunds().confirm("r-posted");
        store.refunds().request(Fixtures.refund("r-failed", "k-failed", "d-1", "c", Money.of("1.00", "GBP")));
        store.refunds().fail("r-failed", "declined");
        store.refunds().request(Fixtures.refund("r-pending", "k-pending", "d-3", "c", Money.of("2.00", "GBP")));
        store.refunds().request(Fixtures.refund("r-other", "k-other", "d-2", "c", four));
        store.refunds().confirm("r-other");

        var listed = receipts.postedRefundsForDonor("donor-1", DAY, DAY);

        assertThat(listed).extracting(ReceiptRefund::refundId, ReceiptRefund::receiptSerial, ReceiptRefund::amount)
                .containsExactly(tuple("r-posted", replacement.serial(), four));
        assertThat(receipts.postedRefundsForDonor("donor-1", DAY.plusDays(1), DAY.plusDays(2))).isEmpty();
    }

    /**
     * A donation whose receipt is issued late (receipts were off, or its receipt failed) and that
     * was refunded in full meanwhile gets no receipt and no mail: it was a receipt, and a thank-you
     * mail, for money the donor had back. One refunded in part, or with a refund still pending
     * (it may be voided), is receipted as before: its statement nets the refund.
     */
    @BothDatabases
    void a_donation_refunded_in_full_before_its_receipt_gets_none(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var outbox = new MailOutboxStore(store.database(), java.time.Clock.systemUTC());
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "GBP"));
        for (var id : List.of("d-1", "d-2", "d-3")) {
            store.donations().create(new NewDonation(id, "key-" + id, "c", Donor.of("donor-1", "aisha@example.org", "Aisha"), TEN));
            store.donations().markValidated(id);
            store.donations().markCharged(id, "ch-" + id);
            store.donations().record(id, "donation " + id, Fixtures.donationEntries("c", TEN));
        }
        store.refunds().request(Fixtures.refund("r-1a", "k-1a", "d-1", "c", Money.of("4.00", "GBP")));
        store.refunds().confirm("r-1a");
        store.refunds().request(Fixtures.refund("r-1b", "k-1b", "d-1", "c", Money.of("6.00", "GBP")));
        store.refunds().confirm("r-1b");
        store.refunds().request(Fixtures.refund("r-2", "k-2", "d-2", "c", Money.of("4.00", "GBP")));
        store.refunds().confirm("r-2");
        store.refunds().request(Fixtures.refund("r-3", "k-3", "d-3", "c", TEN)); // pending
        var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(), receipts, outbox,
                new ReceiptIssuer.Settings(CHARITY, "AMN", ZoneOffset.UTC, true), () -> { });

        var refunded = issuer.issueFor("d-1");
        var again = issuer.issueFor("d-1");
        var inPart = issuer.issueFor("d-2");
        var pending = issuer.issueFor("d-3");

        assertThat(receipts.originalOf("d-1")).isEmpty();
        assertThat(List.of(refunded, again)).noneMatch(ReceiptIssuer.Outcome::created);
        assertThat(refunded.receipt()).isEmpty();
        assertThat(refunded.donation().phase()).isEqualTo(DonationPhase.RECEIPTED);
        assertThat(List.of(inPart, pending)).allMatch(ReceiptIssuer.Outcome::created);
        assertThat(receipts.originalOf("d-2")).hasValueSatisfying(r -> assertThat(r.amount()).isEqualTo(TEN));
        assertThat(outbox.pendingCount()).isEqualTo(2);
        var year = LocalDate.ofInstant(refunded.donation().updatedAt(), ZoneOffset.UTC).getYear();
        assertThat(receipts.countInYear(year)).isEqualTo(2);
        assertThat(List.of("d-2", "d-3")).extracting(id -> receipts.originalOf(id).orElseThrow().number())
                .containsExactly(1L, 2L); // no gap where d-1's would have been
    }

    @BothDatabases
    void only_a_recorded_donation_gets_a_receipt(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "GBP"));
        var donation = store.donations().create(new NewDonation("d-1", "key-1", "c", Donor.of("donor", null, null), TEN));
        store.donations().markValidated("d-1");
        var charged = store.donations().markCharged("d-1", "ch-1");

        assertThatThrownBy(() -> receipts.issue(newReceipt(charged, DAY)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("CHARGED");
        assertThat(receipts.originalOf(donation.id())).isEmpty();
        assertThat(receipts.countInYear(2026)).isZero();
    }

    /** The issuer: receipt, outbox mail and RECEIPTED in one transaction, idempotent, mail only with an address. */
    @BothDatabases
    void the_issuer_receipts_once_queues_one_mail_and_moves_the_phase(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var outbox = new MailOutboxStore(store.database(), java.time.Clock.systemUTC());
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "GBP"));
        store.donations().create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", "aisha@example.org", "Aisha"), TEN));
        store.donations().markValidated("d-1");
        store.donations().markCharged("d-1", "ch-1");
        var recorded = store.donations().record("d-1", "donation d-1", Fixtures.donationEntries("c", TEN));
        var withoutAddress = Fixtures.recordedDonation(store, "d-2", "c", "donor-2", TEN);
        var pokes = new AtomicInteger();
        var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(), receipts, outbox,
                new ReceiptIssuer.Settings(CHARITY, "AMN", ZoneOffset.UTC, true), pokes::incrementAndGet);

        var receipted = issuer.receipt(recorded);
        var again = issuer.issueFor("d-1");
        issuer.receipt(withoutAddress);

        assertThat(receipted.phase()).isEqualTo(DonationPhase.RECEIPTED);
        assertThat(again.created()).isFalse();
        assertThat(again.donation().phase()).isEqualTo(DonationPhase.RECEIPTED);
        var receipt = receipts.originalOf("d-1").orElseThrow();
        assertThat(again.receipt()).contains(receipt);
        var day = LocalDate.ofInstant(recorded.updatedAt(), ZoneOffset.UTC);
        assertThat(receipt.serial()).isEqualTo(Receipt.serial("AMN", day.getYear(), 1));
        assertThat(receipt.donatedOn()).isEqualTo(day);
        assertThat(receipt.campaignName()).isEqualTo("Campaign c");
        assertThat(receipt.paymentReference()).isEqualTo("ch-1");
        assertThat(outbox.forReceipt(receipt.serial())).hasValueSatisfying(mail -> {
            assertThat(mail.recipient()).isEqualTo("aisha@example.org");
            assertThat(mail.status()).isEqualTo(OutboxMail.Status.PENDING);
        });
        assertThat(outbox.forReceipt(receipts.originalOf("d-2").orElseThrow().serial())).isEmpty();
        assertThat(pokes.get()).isEqualTo(1);
        assertThat(store.donations().get("d-2").phase()).isEqualTo(DonationPhase.RECEIPTED);

        var corrected = issuer.correct(receipt.serial(), Optional.of("Aisha Rahman"), Optional.of("aisha.r@example.org"), "name");
        assertThat(corrected.replaces()).contains(new NewReceipt.Correction(receipt.serial(), "name"));
        assertThat(outbox.forReceipt(corrected.serial())).hasValueSatisfying(m -> assertThat(m.recipient()).isEqualTo("aisha.r@example.org"));
        assertThat(pokes.get()).isEqualTo(2);
    }

    /**
     * A donation held for review on 31 December and released (charged, booked) on 2 January gives
     * its gift in January: the receipt says so, in the new year's series, and so does a correction;
     * {@code amanah receipts} looks for its missing receipt in that year.
     */
    @BothDatabases
    void a_receipt_is_dated_the_day_the_donation_was_booked_not_the_day_it_was_created(TestDatabase db) {
        var clock = new ManualClock(Instant.parse("2026-12-31T21:00:00Z"));
        var store = new Store(db.store().database(), clock);
        store.campaigns().create(new NewCampaign("c", "Campaign c", FundType.SADAQAH, Money.of("1000.00", "GBP"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        store.campaigns().moveTo("c", CampaignState.ACTIVE);
        store.donations().create(new NewDonation("d-1", "key-1", "c", Donor.of("donor-1", null, null), TEN));
        clock.advance(Duration.ofDays(2));
        store.donations().markValidated("d-1");
        store.donations().markCharged("d-1", "ch-1");
        var recorded = store.donations().record("d-1", "donation d-1", Fixtures.donationEntries("c", TEN));
        var receipts = receipts(store);
        // `amanah receipts --year` looks for it in the year it was booked
        assertThat(receipts.recordedWithoutReceipt(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(receipts.recordedWithoutReceipt(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z")))
                .containsExactly("d-1");
        var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(), receipts,
                new MailOutboxStore(store.database(), clock), new ReceiptIssuer.Settings(CHARITY, "AMN", ZoneOffset.UTC, false),
                () -> { });

        issuer.receipt(recorded);

        var receipt = receipts.originalOf("d-1").orElseThrow();
        assertThat(receipt.donatedOn()).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(receipt.serial()).isEqualTo(Receipt.serial("AMN", 2027, 1));
        clock.advance(Duration.ofDays(40));
        var corrected = issuer.correct(receipt.serial(), Optional.of("Aisha"), Optional.empty(), "name");
        assertThat(corrected.donatedOn()).isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @BothDatabases
    void the_outbox_keeps_one_mail_per_receipt_and_moves_it_once(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var outbox = new MailOutboxStore(store.database(), java.time.Clock.systemUTC());
        var serial = receipts.issue(newReceipt(recorded(store, 1).getFirst(), DAY)).receipt().serial();

        assertThat(outbox.enqueue(serial, "a@example.org")).isTrue();
        assertThat(outbox.enqueue(serial, "a@example.org")).isFalse();
        var mail = outbox.due(Instant.now(), 10).getFirst();
        var later = Instant.now().plusSeconds(60);
        outbox.retryAt(mail.id(), 1, later, "SMTP 421: busy");

        assertThat(outbox.due(Instant.now(), 10)).isEmpty();
        assertThat(outbox.nextDue()).contains(later.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(outbox.due(later, 10)).singleElement().satisfies(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.lastError()).contains("SMTP 421: busy");
        });
        outbox.markSent(mail.id(), 2);
        outbox.markFailed(mail.id(), 3, PERMANENT, "too late");
        assertThat(outbox.forReceipt(serial)).hasValueSatisfying(m -> {
            assertThat(m.status()).isEqualTo(OutboxMail.Status.SENT);
            assertThat(m.attempts()).isEqualTo(2);
            assertThat(m.sentAt()).isPresent();
        });
        assertThat(outbox.nextDue()).isEmpty();
    }

    /** After an outage outlasting the backoffs, an operator queues the failed mails again: once, and never a sent one. */
    @BothDatabases
    void failed_mails_are_queued_again_once_and_sent_ones_never(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
        var outbox = new MailOutboxStore(store.database(), clock);
        var serials = recorded(store, 3).stream().map(d -> receipts.issue(newReceipt(d, DAY)).receipt().serial()).toList();
        outbox.enqueue(serials.get(0), "a@example.org");
        clock.advance(Duration.ofDays(2));
        outbox.enqueue(serials.get(1), "b@example.org");
        outbox.enqueue(serials.get(2), "c@example.org");
        var dayBetween = Instant.parse("2026-03-02T00:00:00Z");
        outbox.markFailed(outbox.forReceipt(serials.get(0)).orElseThrow().id(), 8, TRANSIENT, "gave up after 8 attempts: timeout");
        outbox.markFailed(outbox.forReceipt(serials.get(1)).orElseThrow().id(), 8, TRANSIENT, "gave up after 8 attempts: timeout");
        outbox.markSent(outbox.forReceipt(serials.get(2)).orElseThrow().id(), 1);
        clock.advance(Duration.ofHours(3));

        assertThat(outbox.requeueFailed(Optional.of(dayBetween), false)).isEqualTo(new MailOutboxStore.Requeued(1, 0, 0));
        assertThat(outbox.requeueFailed(Optional.of(dayBetween), true)).as("again: nothing left to queue")
                .isEqualTo(new MailOutboxStore.Requeued(0, 0, 0));

        assertThat(outbox.forReceipt(serials.get(0))).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(OutboxMail.Status.FAILED));
        assertThat(outbox.forReceipt(serials.get(1))).hasValueSatisfying(m -> {
            assertThat(m.status()).isEqualTo(OutboxMail.Status.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.nextAttemptAt()).isEqualTo(clock.instant());
            assertThat(m.lastError()).contains("gave up after 8 attempts: timeout");
            assertThat(m.failureKind()).isEmpty();
        });
        assertThat(outbox.due(clock.instant(), 10)).extracting(OutboxMail::receiptSerial).containsExactly(serials.get(1));
        assertThat(outbox.requeueFailed(Optional.empty(), false).queued()).isEqualTo(1);
        assertThat(outbox.forReceipt(serials.get(0))).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(OutboxMail.Status.PENDING));
        assertThat(outbox.forReceipt(serials.get(2))).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(OutboxMail.Status.SENT));
    }

    /** A mail refused for good stays FAILED when the failed mails are queued again, unless asked for, or asked for by itself. */
    @BothDatabases
    void a_mail_refused_for_good_is_queued_again_only_when_asked_for(TestDatabase db) {
        var store = db.store();
        var receipts = receipts(store);
        var clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
        var outbox = new MailOutboxStore(store.database(), clock);
        var serials = recorded(store, 3).stream().map(d -> receipts.issue(newReceipt(d, DAY)).receipt().serial()).toList();
        serials.forEach(serial -> outbox.enqueue(serial, "someone@example.org"));
        var ids = serials.stream().map(serial -> outbox.forReceipt(serial).orElseThrow().id()).toList();
        outbox.markFailed(ids.get(0), 8, TRANSIENT, "gave up after 8 attempts: SMTP 451: try later");
        outbox.markFailed(ids.get(1), 1, PERMANENT, "SMTP 550: 5.1.1 mailbox does not exist");
        outbox.markFailed(ids.get(2), 1, PERMANENT, "SMTP 554: 5.7.1 message rejected");

        assertThat(outbox.failedCount()).isEqualTo(3);
        assertThat(outbox.failed(2)).extracting(OutboxMail::id, m -> m.failureKind().orElseThrow())
                .containsExactly(tuple(ids.get(2), PERMANENT), tuple(ids.get(1), PERMANENT));
        assertThat(outbox.requeueFailed(Optional.empty(), false)).isEqualTo(new MailOutboxStore.Requeued(1, 0, 2));
        assertThat(outbox.forReceipt(serials.get(1))).hasValueSatisfying(m -> {
            assertThat(m.status()).isEqualTo(OutboxMail.Status.FAILED);
            assertThat(m.failureKind()).contains(PERMANENT);
        });

        assertThat(outbox.requeue(ids.get(1))).isTrue();
        assertThat(outbox.requeue(ids.get(1))).as("no longer FAILED").isFalse();
        assertThat(outbox.requeue(ids.get(0))).as("already queued again").isFalse();
        assertThat(outbox.forReceipt(serials.get(1))).hasValueSatisfying(m -> {
            assertThat(m.status()).isEqualTo(OutboxMail.Status.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.failureKind()).isEmpty();
        });
        assertThat(outbox.requeueFailed(Optional.empty(), true)).isEqualTo(new MailOutboxStore.Requeued(0, 1, 0));
        assertThat(outbox.failedCount()).isZero();
        assertThat(outbox.pendingCount()).isEqualTo(3);
    }
}
