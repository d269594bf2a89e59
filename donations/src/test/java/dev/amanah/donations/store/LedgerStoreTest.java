package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.ledger.PendingTransfer;
import dev.amanah.finance.money.Money;
import java.sql.SQLException;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;

/** The persistent ledger: exact amounts, balances as sums, append-only in the database; on both databases. */
class LedgerStoreTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency KWD = Currency.getInstance("KWD");
    private static final Account CLEARING = Account.clearing("sandbox");
    private static final Account CAMPAIGN = Account.campaign("c-1");

    @BothDatabases
    void money_round_trips_exactly_at_every_currency_scale(TestDatabase db) {
        var ledger = db.store().ledger();
        var amounts = List.of(Money.of("1", "JPY"), Money.of("123456789", "JPY"), Money.of("0.01", "USD"),
                Money.of("12345678901.99", "USD"), Money.of("0.001", "KWD"), Money.of("98765.432", "KWD"),
                Money.ofMinor(Long.MAX_VALUE / 4, USD));
        for (var amount : amounts) {
            var posted = ledger.post("gift of " + amount, List.of(Entry.debit(CLEARING, amount), Entry.credit(CAMPAIGN, amount)));
            var read = ledger.findTransaction(posted.id()).orElseThrow();
            assertThat(read).isEqualTo(posted);
            assertThat(read.entries().getFirst().amount().amount()).isEqualByComparingTo(amount.amount());
            assertThat(read.entries().getFirst().amount().scale()).isEqualTo(amount.scale());
        }
        assertThat(ledger.balance(CLEARING, JPY)).isEqualTo(Money.of("123456790", "JPY"));
        assertThat(ledger.balance(CLEARING, KWD)).isEqualTo(Money.of("98765.433", "KWD"));
        assertThat(ledger.creditBalance(CAMPAIGN, KWD)).isEqualTo(Money.of("98765.433", "KWD"));
    }

    @BothDatabases
    void balance_is_the_sum_of_entries_and_zero_for_an_unused_account(TestDatabase db) {
        var ledger = db.store().ledger();
        var fees = Account.gatewayFees("sandbox");
        ledger.post("gift", List.of(Entry.debit(CLEARING, Money.of("97.10", "USD")), Entry.debit(fees, Money.of("2.90", "USD")),
                Entry.credit(CAMPAIGN, Money.of("100.00", "USD"))));
        ledger.post("gift", List.of(Entry.debit(CLEARING, Money.of("10.00", "USD")), Entry.credit(CAMPAIGN, Money.of("10.00", "USD"))));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(Money.of("107.10", "USD"));
        assertThat(ledger.balance(CAMPAIGN, USD)).isEqualTo(Money.of("-110.00", "USD"));
        assertThat(ledger.balance(Account.refundsPayable(), USD)).isEqualTo(Money.zero(USD));
        assertThat(ledger.balances()).containsExactly(
                new AccountBalance(CAMPAIGN, Money.of("-110.00", "USD")),
                new AccountBalance(CLEARING, Money.of("107.10", "USD")),
                new AccountBalance(fees, Money.of("2.90", "USD")));
    }

    @BothDatabases
    void an_unbalanced_transaction_writes_nothing(TestDatabase db) {
        var ledger = db.store().ledger();
        assertThatThrownBy(() -> ledger.post("bad", List.of(Entry.debit(CLEARING, Money.of("1.00", "USD")),
                Entry.credit(CAMPAIGN, Money.of("0.99", "USD"))))).isInstanceOf(FinanceException.class);
        assertThat(ledger.transactionsAfter(0, 10)).isEmpty();
    }

    @BothDatabases
    void a_reversal_mirrors_the_original_once(TestDatabase db) {
        var ledger = db.store().ledger();
        var original = ledger.post("gift", List.of(Entry.debit(CLEARING, Money.of("5.00", "USD")), Entry.credit(CAMPAIGN, Money.of("5.00", "USD"))));
        var reversal = ledger.reverse(original.id(), "mistake");
        assertThat(reversal.reversalOf()).isEqualTo(OptionalLong.of(original.id()));
        assertThat(reversal.entries()).containsExactly(Entry.credit(CLEARING, Money.of("5.00", "USD")), Entry.debit(CAMPAIGN, Money.of("5.00", "USD")));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(Money.zero(USD));
        assertThat(ledger.transactionsAfter(0, 10)).containsExactly(original, reversal);
        assertThatThrownBy(() -> ledger.reverse(original.id(), "again"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> ledger.reverse(999, "none"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    @BothDatabases
    void a_held_transfer_counts_only_in_pending_balances_until_posted_or_voided_once(TestDatabase db) {
        var ledger = db.store().ledger();
        var payable = Account.refundsPayable();
        var ten = Money.of("10.00", "USD");
        var held = ledger.hold("refund", List.of(Entry.debit(payable, ten), Entry.credit(CLEARING, ten)));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(Money.zero(USD));
        assertThat(ledger.pendingBalance(CLEARING, USD)).isEqualTo(ten.negate());
        var posted = ledger.postPending(held.id());
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(ten.negate());
        assertThat(ledger.pendingBalance(CLEARING, USD)).isEqualTo(ten.negate());
        assertThat(ledger.findTransfer(held.id()).orElseThrow().status()).isEqualTo(PendingTransfer.Status.POSTED);
        assertThat(ledger.findTransaction(posted.id()).orElseThrow().entries()).isEqualTo(held.entries());
        assertThatThrownBy(() -> ledger.voidPending(held.id()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));

        var other = ledger.hold("refund 2", List.of(Entry.debit(payable, ten), Entry.credit(CLEARING, ten)));
        assertThat(ledger.voidPending(other.id()).status()).isEqualTo(PendingTransfer.Status.VOIDED);
        assertThat(ledger.pendingBalance(CLEARING, USD)).isEqualTo(ten.negate());
        assertThatThrownBy(() -> ledger.postPending(other.id()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
    }

    @BothDatabases
    void transactions_page_in_id_order(TestDatabase db) {
        var ledger = db.store().ledger();
        for (int i = 1; i <= 5; i++) {
            var amount = Money.ofMinor(i, JPY);
            ledger.post("t" + i, List.of(Entry.debit(CLEARING, amount), Entry.credit(CAMPAIGN, amount)));
        }
        var first = ledger.transactionsAfter(0, 2);
        var rest = ledger.transactionsAfter(first.getLast().id(), 10);
        assertThat(first).extracting(t -> t.memo()).containsExactly("t1", "t2");
        assertThat(rest).extracting(t -> t.memo()).containsExactly("t3", "t4", "t5");
    }

    /** The rule holds against anyone with SQL access, not only this class: the database refuses. */
    @BothDatabases
    void the_database_rejects_update_and_delete_of_ledger_rows(TestDatabase db) throws SQLException {
        var store = db.store();
        var ledger = store.ledger();
        var gift = ledger.post("gift", List.of(Entry.debit(CLEARING, Money.of("5.00", "USD")), Entry.credit(CAMPAIGN, Money.of("5.00", "USD"))));
        var held = ledger.hold("refund", List.of(Entry.debit(Account.refundsPayable(), Money.of("1.00", "USD")),
                Entry.credit(CLEARING, Money.of("1.00", "USD"))));
        ledger.voidPending(held.id());
        var statements = List.of(
                "UPDATE ledger_entries SET amount_minor = 1 WHERE transaction_id = " + gift.id(),
                "DELETE FROM ledger_entries WHERE transaction_id = " + gift.id(),
                "UPDATE ledger_transactions SET memo = 'edited' WHERE id = " + gift.id(),
                "DELETE FROM ledger_transactions WHERE id = " + gift.id(),
                "UPDATE ledger_pending_entries SET amount_minor = 1",
                "DELETE FROM ledger_pending_entries",
                "UPDATE ledger_pending_transfers SET status = 'PENDING'",
                "DELETE FROM ledger_pending_transfers");
        for (var statement : statements) {
            assertThatThrownBy(() -> store.database().useTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate(statement);
                }
            })).as(statement).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.code()).isEqualTo(StoreException.Code.LEDGER_APPEND_ONLY));
        }
        // Also outside the store's transactions, on a raw pooled connection in auto-commit.
        try (var connection = store.database().dataSource().getConnection(); var s = connection.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM ledger_entries")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            assertThatThrownBy(() -> store.database().useTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("TRUNCATE ledger_entries");
                }
            })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.LEDGER_APPEND_ONLY));
        }
        assertThat(ledger.findTransaction(gift.id())).contains(gift);
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(Money.of("5.00", "USD"));
        assertThat(ledger.findTransfer(held.id()).orElseThrow().status()).isEqualTo(PendingTransfer.Status.VOIDED);
        assertThat(ledger.balances()).extracting(b -> b.account().type()).containsOnly(AccountType.CAMPAIGN, AccountType.CLEARING);
    }

    /** Concurrent reversals of one transaction: exactly one is posted, the others are told it was reversed. */
    @BothDatabases
    void concurrent_reversals_post_exactly_one(TestDatabase db) throws Exception {
        var store = db.store();
        var other = new Store(db.open(db.config().withMaxAttempts(50)), java.time.Clock.systemUTC());
        var original = store.ledger().post("gift", List.of(Entry.debit(CLEARING, Money.of("5.00", "USD")),
                Entry.credit(CAMPAIGN, Money.of("5.00", "USD"))));
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<?>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                var ledger = (i % 2 == 0 ? store : other).ledger();
                results.add(executor.submit(() -> {
                    start.await();
                    return ledger.reverse(original.id(), "undo");
                }));
            }
            start.countDown();
            int posted = 0;
            for (var result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    posted++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(StoreException.class,
                            s -> assertThat(s.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
                }
            }
            assertThat(posted).isEqualTo(1);
        }
        assertThat(store.ledger().balance(CLEARING, USD)).isEqualTo(Money.zero(USD));
        assertThat(store.ledger().transactionsAfter(0, 100)).hasSize(2);
    }
}
