package dev.amanah.finance.ledger;

import dev.amanah.finance.FinanceException;
import java.util.List;
import java.util.Objects;

/**
 * A balanced movement that is held, not yet posted: a refund waiting for the payment provider.
 * It counts in {@link Ledger#pendingBalance pending balances} but not in posted ones, and ends
 * exactly once, either {@link Status#POSTED posted} (it becomes a transaction) or
 * {@link Status#VOIDED voided} (it leaves no trace in posted balances).
 *
 * @param id      the ledger's transfer number, from 1
 * @param memo    what is intended
 * @param entries the lines, balanced per currency
 * @param status  where it is in its life
 */
public record PendingTransfer(long id, String memo, List<Entry> entries, Status status) {

    /** The life of a pending transfer: PENDING, then POSTED or VOIDED, never both. */
    public enum Status {
        /** Held, awaiting an outcome. */
        PENDING,
        /** Confirmed and posted as a transaction. */
        POSTED,
        /** Abandoned; nothing was posted. */
        VOIDED
    }

    /** @throws FinanceException {@code TOO_FEW_ENTRIES} or {@code UNBALANCED_TRANSACTION} (field {@code entries}) */
    public PendingTransfer {
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(status, "status");
        entries = Entries.balanced(entries);
    }

    PendingTransfer with(Status next) {
        return new PendingTransfer(id, memo, entries, next);
    }
}
