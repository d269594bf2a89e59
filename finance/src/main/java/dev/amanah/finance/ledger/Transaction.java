package dev.amanah.finance.ledger;

import dev.amanah.finance.FinanceException;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A posted money movement: at least two entries whose debits equal their credits in every
 * currency. Immutable once posted; corrected only by a reversal.
 *
 * @param id        the ledger's sequence number, from 1
 * @param memo      what happened, for people
 * @param entries   the lines, balanced per currency
 * @param reversalOf the id of the transaction this one reverses, if it is a reversal
 */
public record Transaction(long id, String memo, List<Entry> entries, OptionalLong reversalOf) {

    /**
     * @throws FinanceException {@code TOO_FEW_ENTRIES} or {@code UNBALANCED_TRANSACTION} (field {@code entries})
     */
    public Transaction {
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(reversalOf, "reversalOf");
        entries = Entries.balanced(entries);
    }
}
