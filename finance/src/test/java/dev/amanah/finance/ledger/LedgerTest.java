package dev.amanah.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Account BANK = Account.clearing("bank");
    private static final Account FUND = new Account(AccountType.FUND, "zakat");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void transaction_balances_debits_and_credits_per_currency() {
        var ledger = new Ledger();
        ledger.post("donation", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("10.00"))));
        assertThat(ledger.balance(BANK, USD)).isEqualTo(usd("10.00"));
        assertThat(ledger.creditBalance(FUND, USD)).isEqualTo(usd("10.00"));
    }

    @Test
    void unbalanced_transaction_is_refused_and_leaves_the_ledger_unchanged() {
        var ledger = new Ledger();
        assertThatThrownBy(() -> ledger.post("bad", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("9.99")))))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.UNBALANCED_TRANSACTION);
        // balanced in total but not per currency
        assertThatThrownBy(() -> ledger.post("bad", List.of(Entry.debit(BANK, usd("10.00")),
                Entry.credit(FUND, Money.of("10.00", "EUR")))))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.UNBALANCED_TRANSACTION);
        assertThatThrownBy(() -> ledger.post("one-legged", List.of(Entry.debit(BANK, usd("10.00")))))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TOO_FEW_ENTRIES);
        assertThatThrownBy(() -> Entry.debit(BANK, usd("0.00")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NON_POSITIVE_ENTRY);
        assertThat(ledger.transactions()).isEmpty();
        assertThat(ledger.accounts()).isEmpty();
    }

    @Test
    void entries_are_never_changed_or_deleted() {
        var ledger = new Ledger();
        ledger.post("donation", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("10.00"))));
        assertThatThrownBy(() -> ledger.transactions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.transactions().getFirst().entries().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void correction_is_a_reversal_that_keeps_the_original() {
        var ledger = new Ledger();
        var original = ledger.post("donation", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("10.00"))));
        var reversal = ledger.reverse(original.id(), "entered twice");
        assertThat(ledger.transactions()).containsExactly(original, reversal);
        assertThat(reversal.reversalOf()).hasValue(original.id());
        assertThat(ledger.balance(BANK, USD)).isEqualTo(usd("0.00"));
        assertThatThrownBy(() -> ledger.reverse(original.id(), "again"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.ALREADY_REVERSED);
        assertThatThrownBy(() -> ledger.reverse(99, "none"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.UNKNOWN_ID);
    }

    @Test
    void pending_transfer_counts_only_when_posted() {
        var ledger = new Ledger();
        ledger.post("donation", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("10.00"))));
        var refund = ledger.hold("refund", List.of(Entry.debit(FUND, usd("4.00")), Entry.credit(BANK, usd("4.00"))));
        assertThat(ledger.balance(BANK, USD)).isEqualTo(usd("10.00"));
        assertThat(ledger.pendingBalance(BANK, USD)).isEqualTo(usd("6.00"));

        ledger.postPending(refund.id());
        assertThat(ledger.balance(BANK, USD)).isEqualTo(usd("6.00"));
        assertThat(ledger.transfers()).singleElement().extracting(PendingTransfer::status)
                .isEqualTo(PendingTransfer.Status.POSTED);
        assertThatThrownBy(() -> ledger.voidPending(refund.id()))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TRANSFER_NOT_PENDING);
    }

    @Test
    void voided_transfer_leaves_no_trace_in_posted_balances() {
        var ledger = new Ledger();
        ledger.post("donation", List.of(Entry.debit(BANK, usd("10.00")), Entry.credit(FUND, usd("10.00"))));
        var refund = ledger.hold("refund", List.of(Entry.debit(FUND, usd("4.00")), Entry.credit(BANK, usd("4.00"))));
        ledger.voidPending(refund.id());
        assertThat(ledger.balance(BANK, USD)).isEqualTo(usd("10.00"));
        assertThat(ledger.pendingBalance(BANK, USD)).isEqualTo(usd("10.00"));
        assertThat(ledger.transactions()).hasSize(1);
        assertThatThrownBy(() -> ledger.postPending(refund.id()))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TRANSFER_NOT_PENDING);
    }
}
