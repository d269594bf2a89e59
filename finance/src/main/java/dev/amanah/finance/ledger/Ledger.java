package dev.amanah.finance.ledger;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An append-only, double-entry ledger.
 *
 * <p>Guarantees: every posted transaction has at least two entries and balances per currency;
 * nothing posted is ever changed or removed (a mistake is corrected by {@link #reverse}, which
 * appends the mirror image); an account's balance is the sum of its posted entries, debits
 * positive, credits negative; a pending transfer is posted or voided exactly once.
 *
 * <p>Balances are kept as running sums updated on each posting (the property tests check they
 * always equal the sum of the entries), so reading one costs no scan. Not thread-safe: the
 * application gives each ledger a single owner (one process), as the BEAM would.
 */
public final class Ledger {
    private final List<Transaction> transactions = new ArrayList<>();
    private final Map<Account, Map<Currency, BigDecimal>> posted = new HashMap<>();
    private final List<PendingTransfer> transfers = new ArrayList<>();
    private final Set<Long> reversed = new HashSet<>();

    /**
     * Posts a transaction.
     *
     * @throws FinanceException {@code TOO_FEW_ENTRIES} or {@code UNBALANCED_TRANSACTION}; the
     *                          ledger is unchanged
     */
    public Transaction post(String memo, List<Entry> entries) {
        return append(memo, entries, OptionalLong.empty());
    }

    /**
     * Posts the reversal of a transaction: the same entries on the opposite sides, so that the net
     * effect of both is nothing. The original stays in the ledger.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code transactionId}) for no such
     *                          transaction, {@code ALREADY_REVERSED} if it was reversed before
     */
    public Transaction reverse(long transactionId, String memo) {
        var original = transaction(transactionId);
        if (reversed.contains(transactionId)) {
            throw new FinanceException(ErrorCode.ALREADY_REVERSED, "transactionId",
                    "transaction " + transactionId + " was already reversed");
        }
        var mirror = original.entries().stream().map(Entry::reversed).toList();
        var reversal = append(memo, mirror, OptionalLong.of(transactionId));
        reversed.add(transactionId);
        return reversal;
    }

    /**
     * Holds a transfer without posting it.
     *
     * @throws FinanceException {@code TOO_FEW_ENTRIES} or {@code UNBALANCED_TRANSACTION}
     */
    public PendingTransfer hold(String memo, List<Entry> entries) {
        var transfer = new PendingTransfer(transfers.size() + 1L, memo, entries, PendingTransfer.Status.PENDING);
        transfers.add(transfer);
        return transfer;
    }

    /**
     * Posts a pending transfer as a transaction.
     *
     * @throws FinanceException {@code UNKNOWN_ID} or {@code TRANSFER_NOT_PENDING} (field {@code transferId})
     */
    public Transaction postPending(long transferId) {
        var transfer = pending(transferId);
        var transaction = append(transfer.memo(), transfer.entries(), OptionalLong.empty());
        transfers.set((int) transferId - 1, transfer.with(PendingTransfer.Status.POSTED));
        return transaction;
    }

    /**
     * Voids a pending transfer; posted balances are untouched.
     *
     * @throws FinanceException {@code UNKNOWN_ID} or {@code TRANSFER_NOT_PENDING} (field {@code transferId})
     */
    public PendingTransfer voidPending(long transferId) {
        var voided = pending(transferId).with(PendingTransfer.Status.VOIDED);
        transfers.set((int) transferId - 1, voided);
        return voided;
    }

    /** The posted balance of an account in a currency: debits minus credits (zero if never used). */
    public Money balance(Account account, Currency currency) {
        var amount = posted.getOrDefault(account, Map.of()).getOrDefault(currency, BigDecimal.ZERO);
        return Money.of(amount, currency);
    }

    /** The posted balance seen from the credit side (credits minus debits), natural for funds and payables. */
    public Money creditBalance(Account account, Currency currency) {
        return balance(account, currency).negate();
    }

    /** The posted balance plus the effect of every transfer still pending. */
    public Money pendingBalance(Account account, Currency currency) {
        var balance = balance(account, currency);
        for (var transfer : transfers) {
            if (transfer.status() == PendingTransfer.Status.PENDING) {
                for (var entry : transfer.entries()) {
                    if (entry.account().equals(account) && entry.amount().currency().equals(currency)) {
                        balance = balance.plus(entry.signed());
                    }
                }
            }
        }
        return balance;
    }

    /** Every posted transaction, oldest first; an unmodifiable view. */
    public List<Transaction> transactions() {
        return Collections.unmodifiableList(transactions);
    }

    /** Every transfer ever held, in its current status, oldest first; an unmodifiable view. */
    public List<PendingTransfer> transfers() {
        return Collections.unmodifiableList(transfers);
    }

    /** Every account that has a posted entry. */
    public Set<Account> accounts() {
        return Collections.unmodifiableSet(posted.keySet());
    }

    /**
     * A posted transaction by id.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code transactionId})
     */
    public Transaction transaction(long transactionId) {
        if (transactionId < 1 || transactionId > transactions.size()) {
            throw new FinanceException(ErrorCode.UNKNOWN_ID, "transactionId", "no transaction " + transactionId);
        }
        return transactions.get((int) transactionId - 1);
    }

    private Transaction append(String memo, List<Entry> entries, OptionalLong reversalOf) {
        var transaction = new Transaction(transactions.size() + 1L, memo, entries, reversalOf);
        transactions.add(transaction);
        for (var entry : transaction.entries()) {
            posted.computeIfAbsent(entry.account(), a -> new HashMap<>())
                    .merge(entry.amount().currency(), entry.signed().amount(), BigDecimal::add);
        }
        return transaction;
    }

    private PendingTransfer pending(long transferId) {
        if (transferId < 1 || transferId > transfers.size()) {
            throw new FinanceException(ErrorCode.UNKNOWN_ID, "transferId", "no transfer " + transferId);
        }
        var transfer = transfers.get((int) transferId - 1);
        if (transfer.status() != PendingTransfer.Status.PENDING) {
            throw new FinanceException(ErrorCode.TRANSFER_NOT_PENDING, "transferId",
                    "transfer " + transferId + " is already " + transfer.status());
        }
        return transfer;
    }
}
