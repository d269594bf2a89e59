package dev.amanah.finance.ledger;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;

/** The double-entry check shared by transactions and pending transfers. */
final class Entries {
    private Entries() {
    }

    /** Copies the entries after checking there are at least two and they balance per currency. */
    static List<Entry> balanced(List<Entry> entries) {
        var copy = List.copyOf(entries);
        if (copy.size() < 2) {
            throw new FinanceException(ErrorCode.TOO_FEW_ENTRIES, "entries",
                    "a transaction needs at least two entries, had " + copy.size());
        }
        var sums = new HashMap<Currency, BigDecimal>();
        copy.forEach(e -> sums.merge(e.amount().currency(), e.signed().amount(), BigDecimal::add));
        sums.forEach((currency, sum) -> {
            if (sum.signum() != 0) {
                throw new FinanceException(ErrorCode.UNBALANCED_TRANSACTION, "entries",
                        "debits exceed credits by " + sum.toPlainString() + " " + currency.getCurrencyCode());
            }
        });
        return copy;
    }
}
