package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.fund.Recipient;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Refunds: partials never above the donation, idempotent, posted or voided once; on both databases. */
class RefundStoreTest {
    private static final Currency USD = Currency.getInstance("USD");

    @BothDatabases
    void several_partials_up_to_the_donation_then_no_more(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("100.00", "USD"));
        var refunds = store.refunds();
        assertThat(refunds.request(Fixtures.refund("r-1", "k-1", "d", "c", Money.of("30.00", "USD")))).isInstanceOf(RefundResult.Requested.class);
        assertThat(refunds.request(Fixtures.refund("r-2", "k-2", "d", "c", Money.of("70.00", "USD")))).isInstanceOf(RefundResult.Requested.class);
        assertThat(refunds.refundable("d")).isEqualTo(Money.zero(USD));
        long transactionsBefore = store.ledger().transactionsAfter(0, 100).size();
        assertThatThrownBy(() -> refunds.request(Fixtures.refund("r-3", "k-3", "d", "c", Money.of("0.01", "USD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.REFUND_EXCEEDS_DONATION))
                .hasMessageContaining("0.00 USD");
        assertThat(refunds.find("r-3")).isEmpty();
        assertThat(store.ledger().transactionsAfter(0, 100)).hasSize((int) transactionsBefore);
        assertThat(refunds.ofDonation("d")).extracting(Refund::id).containsExactly("r-1", "r-2");
    }

    @BothDatabases
    void the_same_key_replays_and_a_reused_key_is_refused(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("100.00", "USD"));
        var refunds = store.refunds();
        var first = refunds.request(Fixtures.refund("r-1", "k-1", "d", "c", Money.of("30.00", "USD")));
        var again = refunds.request(Fixtures.refund("r-1-retry", "k-1", "d", "c", Money.of("30.00", "USD")));
        assertThat(again).isEqualTo(new RefundResult.AlreadyRequested(first.refund()));
        assertThat(refunds.refundable("d")).isEqualTo(Money.of("70.00", "USD"));
        assertThatThrownBy(() -> refunds.request(Fixtures.refund("r-2", "k-1", "d", "c", Money.of("31.00", "USD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.KEY_REUSED));
    }

    @BothDatabases
    void confirm_posts_the_held_transfer_and_fail_puts_the_money_back(TestDatabase db) {
        var store = db.store();
        var ledger = store.ledger();
        var campaign = Account.campaign("c");
        var clearing = Account.clearing(Fixtures.GATEWAY);
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("100.00", "USD"));
        var refunds = store.refunds();
        var paid = refunds.request(Fixtures.refund("r-1", "k-1", "d", "c", Money.of("30.00", "USD"))).refund();
        var failed = refunds.request(Fixtures.refund("r-2", "k-2", "d", "c", Money.of("20.00", "USD"))).refund();
        assertThat(ledger.creditBalance(campaign, USD)).isEqualTo(Money.of("50.00", "USD"));
        assertThat(ledger.balance(clearing, USD)).isEqualTo(Money.of("100.00", "USD"));
        assertThat(refunds.pending()).extracting(Refund::id).containsExactly("r-1", "r-2");
        assertThat(refunds.findByIdempotencyKey("k-2")).contains(failed);

        assertThat(refunds.confirm(paid.id()).status()).isEqualTo(RefundStatus.POSTED);
        assertThat(refunds.confirm(paid.id()).status()).isEqualTo(RefundStatus.POSTED);
        assertThat(ledger.balance(clearing, USD)).isEqualTo(Money.of("70.00", "USD"));

        var voided = refunds.fail(failed.id(), "GATEWAY_REFUSED");
        assertThat(voided.status()).isEqualTo(RefundStatus.VOIDED);
        assertThat(voided.failureReason()).contains("GATEWAY_REFUSED");
        assertThat(refunds.fail(failed.id(), "again").status()).isEqualTo(RefundStatus.VOIDED);
        assertThat(ledger.creditBalance(campaign, USD)).isEqualTo(Money.of("70.00", "USD"));
        assertThat(ledger.balance(Account.refundsPayable(), USD)).isEqualTo(Money.zero(USD));
        assertThat(refunds.refundable("d")).isEqualTo(Money.of("70.00", "USD"));
        assertThat(refunds.pending()).isEmpty();
        assertThatThrownBy(() -> refunds.fail(paid.id(), "late"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> refunds.confirm(failed.id()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
    }

    @BothDatabases
    void confirm_once_tells_only_the_call_that_posted_the_refund(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("100.00", "USD"));
        var refunds = store.refunds();
        var pending = refunds.request(Fixtures.refund("r-1", "k-1", "d", "c", Money.of("30.00", "USD"))).refund();

        var first = refunds.confirmOnce(pending.id());
        var second = refunds.confirmOnce(pending.id());

        assertThat(first.posted()).isTrue();
        assertThat(second.posted()).isFalse();
        assertThat(second.refund()).isEqualTo(first.refund());
        assertThat(second.refund().status()).isEqualTo(RefundStatus.POSTED);
    }

    @BothDatabases
    void only_a_recorded_donation_can_be_refunded(TestDatabase db) {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        store.donations().create(new NewDonation("d", "kd", "c", Donor.of("x", null, null), Money.of("5.00", "USD")));
        assertThatThrownBy(() -> store.refunds().request(Fixtures.refund("r", "k", "d", "c", Money.of("1.00", "USD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> store.refunds().request(Fixtures.refund("r", "k", "none", "c", Money.of("1.00", "USD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    /** Money a distribution paid out of the campaign cannot be refunded: the campaign never goes below zero. */
    @BothDatabases
    void a_refund_is_refused_when_the_campaign_distributed_the_money(TestDatabase db) {
        var store = db.store();
        var ledger = store.ledger();
        var campaign = Account.campaign("c");
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("100.00", "USD"));
        var recipient = Account.recipientPayable(Recipient.of("r-1", "Recipient"));
        ledger.post("distribution of 80.00", List.of(Entry.debit(campaign, Money.of("80.00", "USD")),
                Entry.credit(recipient, Money.of("80.00", "USD"))));
        long transactionsBefore = ledger.transactionsAfter(0, 100).size();

        assertThatThrownBy(() -> store.refunds().request(Fixtures.refund("r-1", "k-1", "d", "c", Money.of("20.01", "USD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.INSUFFICIENT_FUNDS))
                .hasMessageContaining("20.00 USD");
        assertThat(store.refunds().find("r-1")).isEmpty();
        assertThat(ledger.transactionsAfter(0, 100)).hasSize((int) transactionsBefore);
        assertThat(ledger.creditBalance(campaign, USD)).isEqualTo(Money.of("20.00", "USD"));

        assertThat(store.refunds().request(Fixtures.refund("r-2", "k-2", "d", "c", Money.of("20.00", "USD"))))
                .isInstanceOf(RefundResult.Requested.class);
        assertThat(ledger.creditBalance(campaign, USD)).isEqualTo(Money.zero(USD));
    }

    /** Concurrent refunds of one donation are checked one after the other: their sum never exceeds it. */
    @BothDatabases
    void concurrent_refunds_never_exceed_the_donation(TestDatabase db) throws Exception {
        var store = db.store();
        Fixtures.activeCampaign(store, "c", Money.of("1000.00", "USD"));
        Fixtures.recordedDonation(store, "d", "c", "alice", Money.of("10.00", "USD"));
        var other = new Store(db.open(db.config().withMaxAttempts(50)), java.time.Clock.systemUTC());
        int attempts = 24;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<RefundResult>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < attempts; i++) {
                var target = i % 2 == 0 ? store : other;
                var id = "r-" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    return target.refunds().request(Fixtures.refund(id, "k-" + id, "d", "c", Money.of("1.00", "USD")));
                }));
            }
            start.countDown();
            int accepted = 0;
            int refused = 0;
            for (var result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    accepted++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(StoreException.class,
                            s -> assertThat(s.code()).isEqualTo(StoreException.Code.REFUND_EXCEEDS_DONATION));
                    refused++;
                }
            }
            assertThat(accepted).isEqualTo(10);
            assertThat(refused).isEqualTo(attempts - 10);
        }
        assertThat(store.refunds().ofDonation("d")).hasSize(10);
        assertThat(store.ledger().balance(Account.refundsPayable(), USD)).isEqualTo(Money.of("-10.00", "USD"));
    }
}
