package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.util.Currency;
import java.util.List;

/** Distribution payouts: idempotent creation, paid once with its ledger transaction; on both databases. */
class PayoutStoreTest {
    private static final Currency KWD = Currency.getInstance("KWD");
    private static final Money AMOUNT = Money.of("12.345", "KWD");
    private static final Account PAYABLE = new Account(AccountType.RECIPIENT_PAYABLE, "rcp-1");
    private static final List<Entry> PAYMENT = List.of(Entry.debit(PAYABLE, AMOUNT), Entry.credit(Account.clearing("bank"), AMOUNT));

    @BothDatabases
    void creating_the_same_payout_twice_returns_the_first(TestDatabase db) {
        var payouts = db.store().payouts();
        var created = payouts.create(new NewPayout("p-1", "plan-1/rcp-1", "plan-1", "rcp-1", AMOUNT));
        assertThat(created.status()).isEqualTo(PayoutStatus.PENDING);
        assertThat(payouts.create(new NewPayout("p-1", "plan-1/rcp-1", "plan-1", "rcp-1", AMOUNT))).isEqualTo(created);
        assertThat(payouts.find("p-1")).contains(created);
        assertThatThrownBy(() -> payouts.create(new NewPayout("p-1", "plan-1/rcp-1", "plan-1", "rcp-1", Money.of("1.000", "KWD"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.KEY_REUSED));
        assertThatThrownBy(() -> payouts.create(new NewPayout("p-1", "other-key", "plan-1", "rcp-1", AMOUNT)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DUPLICATE));
    }

    @BothDatabases
    void a_plan_is_created_all_or_nothing(TestDatabase db) {
        var payouts = db.store().payouts();
        payouts.create(new NewPayout("p-x", "taken", "plan-0", "rcp-9", AMOUNT));
        assertThatThrownBy(() -> payouts.createAll(List.of(
                new NewPayout("p-1", "plan-1/1", "plan-1", "rcp-1", AMOUNT),
                new NewPayout("p-2", "taken", "plan-1", "rcp-2", AMOUNT)))).isInstanceOf(StoreException.class);
        assertThat(payouts.ofPlan("plan-1")).isEmpty();
        var plan = payouts.createAll(List.of(
                new NewPayout("p-1", "plan-1/1", "plan-1", "rcp-1", AMOUNT),
                new NewPayout("p-2", "plan-1/2", "plan-1", "rcp-2", AMOUNT)));
        assertThat(payouts.ofPlan("plan-1")).isEqualTo(plan);
    }

    @BothDatabases
    void paying_posts_the_ledger_transaction_once(TestDatabase db) {
        var store = db.store();
        var payouts = store.payouts();
        payouts.create(new NewPayout("p-1", "k-1", "plan-1", "rcp-1", AMOUNT));
        assertThat(payouts.recordAttempt("p-1").attempts()).isEqualTo(1);
        var paid = payouts.markPaid("p-1", "gw-77", "payout p-1", PAYMENT);
        assertThat(paid.status()).isEqualTo(PayoutStatus.PAID);
        assertThat(paid.ledgerTransactionId()).isPresent();
        assertThat(payouts.markPaid("p-1", "gw-77", "payout p-1", PAYMENT)).isEqualTo(paid);
        assertThat(store.ledger().transactionsAfter(0, 10)).hasSize(1);
        assertThat(store.ledger().balance(PAYABLE, KWD)).isEqualTo(AMOUNT);
        assertThat(payouts.get("p-1")).isEqualTo(paid);
        assertThatThrownBy(() -> payouts.markPaid("p-1", "gw-78", "payout p-1", PAYMENT))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> payouts.markFailed("p-1", "late"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> payouts.recordAttempt("p-1"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
    }

    @BothDatabases
    void a_failed_payout_is_retried(TestDatabase db) {
        var payouts = db.store().payouts();
        payouts.create(new NewPayout("p-1", "k-1", "plan-1", "rcp-1", AMOUNT));
        payouts.recordAttempt("p-1");
        var failed = payouts.markFailed("p-1", "GATEWAY_TIMEOUT");
        assertThat(failed.status()).isEqualTo(PayoutStatus.FAILED);
        assertThat(payouts.ofPlan("plan-1", PayoutStatus.FAILED)).containsExactly(failed);
        var retried = payouts.recordAttempt("p-1");
        assertThat(retried.status()).isEqualTo(PayoutStatus.PENDING);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.failureReason()).isEmpty();
        assertThat(payouts.findByIdempotencyKey("k-1")).contains(retried);
    }
}
