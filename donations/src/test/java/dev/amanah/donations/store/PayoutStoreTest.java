package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

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

    @BothDatabases
    void a_plan_of_more_payouts_than_one_batch_is_stored_whole_and_idempotently(TestDatabase db) {
        var payouts = db.store().payouts();
        var many = IntStream.range(0, 1_100)
                .mapToObj(i -> new NewPayout("p-" + i, "plan-1/" + i, "plan-1", "rcp-" + i, Money.ofMinor(1 + i, KWD)))
                .toList();

        var created = payouts.createAll(many);

        assertThat(created).hasSize(1_100).allMatch(p -> p.status() == PayoutStatus.PENDING && p.attempts() == 0);
        assertThat(payouts.ofPlan("plan-1")).containsExactlyInAnyOrderElementsOf(created);
        assertThat(payouts.get("p-1099").amount()).isEqualTo(Money.ofMinor(1_100, KWD));
        assertThat(payouts.createAll(many)).isEqualTo(created);
        var reused = new ArrayList<>(many);
        reused.set(1_050, new NewPayout("p-1050", "plan-1/1050", "plan-1", "rcp-1050", Money.ofMinor(7, KWD)));
        assertThatThrownBy(() -> payouts.createAll(reused))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.KEY_REUSED));
        assertThat(payouts.ofPlan("plan-1")).hasSize(1_100);
    }

    @BothDatabases
    void attempts_are_recorded_for_a_page_at_once_skipping_the_paid(TestDatabase db) {
        var payouts = db.store().payouts();
        payouts.createAll(List.of(new NewPayout("p-1", "k-1", "plan-1", "rcp-1", AMOUNT),
                new NewPayout("p-2", "k-2", "plan-1", "rcp-2", AMOUNT), new NewPayout("p-3", "k-3", "plan-1", "rcp-3", AMOUNT),
                new NewPayout("p-9", "k-9", "plan-2", "rcp-9", AMOUNT)));
        payouts.recordAttempt("p-1");
        payouts.markPaid("p-1", "gw-1", "payout p-1", PAYMENT);
        payouts.recordAttempt("p-3");
        payouts.markFailed("p-3", "declined");
        assertThat(payouts.unpaidIds("plan-1")).containsExactly("p-2", "p-3");

        var attempted = payouts.recordAttempts(List.of("p-3", "p-1", "p-2", "no-such"));

        assertThat(attempted).extracting(Payout::id).containsExactly("p-3", "p-2");
        assertThat(attempted).allMatch(p -> p.status() == PayoutStatus.PENDING && p.failureReason().isEmpty());
        assertThat(attempted).extracting(Payout::attempts).containsExactly(2, 1);
        assertThat(payouts.get("p-3")).isEqualTo(attempted.get(0));
        assertThat(payouts.get("p-2")).isEqualTo(attempted.get(1));
        assertThat(payouts.get("p-1").status()).isEqualTo(PayoutStatus.PAID);
        assertThat(payouts.get("p-9").attempts()).isZero();
        assertThat(payouts.recordAttempts(List.of())).isEmpty();
        var tooMany = IntStream.range(0, PayoutStore.MAX_IDS + 1).mapToObj(i -> "p-" + i).toList();
        assertThatThrownBy(() -> payouts.recordAttempts(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A declined payout is neither attempted, failed nor paid under its key again; declining it twice changes nothing. */
    @BothDatabases
    void a_declined_payout_is_never_attempted_again_under_its_key(TestDatabase db) {
        var payouts = db.store().payouts();
        payouts.createAll(List.of(new NewPayout("p-1", "k-1", "plan-1", "rcp-1", AMOUNT),
                new NewPayout("p-2", "k-2", "plan-1", "rcp-2", AMOUNT)));
        payouts.recordAttempts(List.of("p-1", "p-2"));

        var declined = payouts.markDeclined("p-1", "declined: RECIPIENT_REJECTED");

        assertThat(declined.status()).isEqualTo(PayoutStatus.DECLINED);
        assertThat(payouts.markDeclined("p-1", "declined: again")).isEqualTo(declined);
        assertThat(payouts.unpaidIds("plan-1")).containsExactly("p-2");
        assertThat(payouts.recordAttempts(List.of("p-1", "p-2"))).extracting(Payout::id).containsExactly("p-2");
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> payouts.recordAttempt("p-1"),
                () -> payouts.markFailed("p-1", "late"), () -> payouts.markPaid("p-1", "gw-1", "payout p-1", PAYMENT))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        }
        assertThat(payouts.get("p-1")).isEqualTo(declined);
    }
}
