package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.ledger.PendingTransfer;
import dev.amanah.finance.ledger.Side;
import dev.amanah.finance.ledger.Transaction;
import dev.amanah.finance.money.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The persistent form of {@link dev.amanah.finance.ledger.Ledger}: the same guarantees, kept by
 * the database. Transactions are checked by the domain's own {@link Transaction} and
 * {@link PendingTransfer} constructors (at least two entries, balanced per currency) before
 * anything is written; transaction ids are the database's sequence.
 *
 * <p>Append-only twice over: this class only ever inserts entries, and database triggers reject
 * any UPDATE or DELETE of a transaction or entry (and any change of a held transfer but its one
 * move out of PENDING), whoever issues it; such a statement fails with
 * {@link StoreException.Code#LEDGER_APPEND_ONLY}. A balance is the sum of the entries, computed
 * by the database on each call. Every method runs in its own transaction or joins the caller's;
 * thread-safe; blocks on the database.
 */
public final class LedgerStore {
    private final Database database;
    private final Sql sql;
    private final Clock clock;

    /** A store over an open database, stamping rows with the clock's time. */
    public LedgerStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Posts a transaction.
     *
     * @return it, with the id the database gave it
     * @throws dev.amanah.finance.FinanceException {@code TOO_FEW_ENTRIES} or
     *         {@code UNBALANCED_TRANSACTION}; nothing is written
     * @throws IllegalArgumentException for a memo over 500 or an account id over 128 characters
     */
    public Transaction post(String memo, List<Entry> entries) {
        var checked = new Transaction(0, memo, entries, OptionalLong.empty());
        return database.inTransaction(c -> append(c, checked.memo(), checked.entries(), OptionalLong.empty()));
    }

    /**
     * Posts the reversal of a transaction: its entries on the opposite sides. The original stays.
     *
     * @throws StoreException {@code NOT_FOUND} for no such transaction, {@code ILLEGAL_TRANSITION}
     *                        if it was reversed before (nothing is written)
     */
    public Transaction reverse(long transactionId, String memo) {
        Objects.requireNonNull(memo, "memo");
        return database.inTransaction(c -> reverse(c, transactionId, memo));
    }

    /**
     * Holds a transfer without posting it: it counts in {@link #pendingBalance} only.
     *
     * @throws dev.amanah.finance.FinanceException {@code TOO_FEW_ENTRIES} or {@code UNBALANCED_TRANSACTION}
     * @throws IllegalArgumentException for a memo over 500 or an account id over 128 characters
     */
    public PendingTransfer hold(String memo, List<Entry> entries) {
        return database.inTransaction(c -> hold(c, memo, entries));
    }

    /**
     * Posts a held transfer as a transaction, once.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it is not pending
     */
    public Transaction postPending(long transferId) {
        return database.inTransaction(c -> postPending(c, transferId));
    }

    /**
     * Voids a held transfer, once; posted balances are untouched.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it is not pending
     */
    public PendingTransfer voidPending(long transferId) {
        return database.inTransaction(c -> voidPending(c, transferId));
    }

    /** The posted balance of an account in a currency: debits minus credits, zero if never used. */
    public Money balance(Account account, Currency currency) {
        return database.inTransaction(c -> Money.ofMinor(signedSum(c, "ledger_entries", account, currency, ""), currency));
    }

    /** The posted balance seen from the credit side (credits minus debits), natural for funds and payables. */
    public Money creditBalance(Account account, Currency currency) {
        return balance(account, currency).negate();
    }

    /** The posted balance plus the effect of every transfer still pending. */
    public Money pendingBalance(Account account, Currency currency) {
        return database.inTransaction(c -> {
            long posted = signedSum(c, "ledger_entries", account, currency, "");
            long pending = signedSum(c, "ledger_pending_entries", account, currency,
                    " AND transfer_id IN (SELECT id FROM ledger_pending_transfers WHERE status = 'PENDING')");
            return Money.ofMinor(Math.addExact(posted, pending), currency);
        });
    }

    /** Every account's posted balance per currency, ordered by account type, id and currency. */
    public List<AccountBalance> balances() {
        return database.inTransaction(c -> sql.list(c, """
                SELECT account_type, account_id, currency,
                       SUM(CASE side WHEN 'DEBIT' THEN amount_minor ELSE -amount_minor END) AS balance
                FROM ledger_entries GROUP BY account_type, account_id, currency
                ORDER BY account_type, account_id, currency""",
                rs -> new AccountBalance(new Account(AccountType.valueOf(rs.getString("account_type")), rs.getString("account_id")),
                        Sql.money(rs, "balance", "currency"))));
    }

    /** A posted transaction by id, if any. */
    public Optional<Transaction> findTransaction(long transactionId) {
        return database.inTransaction(c -> findTransaction(c, transactionId));
    }

    /**
     * Posted transactions with ids above {@code afterId}, oldest first, at most {@code limit}: page
     * through the whole ledger by passing the last id seen.
     */
    public List<Transaction> transactionsAfter(long afterId, int limit) {
        return database.inTransaction(c -> {
            var headers = sql.list(c, "SELECT id, memo, reversal_of FROM ledger_transactions WHERE id > ? ORDER BY id LIMIT ?",
                    rs -> new Header(rs.getLong("id"), rs.getString("memo"), nullableLong(rs, "reversal_of")),
                    afterId, limit);
            if (headers.isEmpty()) {
                return List.of();
            }
            long first = headers.getFirst().id();
            long last = headers.getLast().id();
            Map<Long, List<Entry>> entries = new LinkedHashMap<>();
            for (var row : sql.list(c, """
                    SELECT transaction_id, account_type, account_id, side, amount_minor, currency FROM ledger_entries
                    WHERE transaction_id BETWEEN ? AND ? ORDER BY transaction_id, line""",
                    rs -> Map.entry(rs.getLong("transaction_id"), entry(rs)), first, last)) {
                entries.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue());
            }
            return headers.stream()
                    .map(h -> new Transaction(h.id(), h.memo(), entries.get(h.id()), h.reversalOf())).toList();
        });
    }

    /** A held transfer by id, in its current status, if any. */
    public Optional<PendingTransfer> findTransfer(long transferId) {
        return database.inTransaction(c -> findTransfer(c, transferId));
    }

    /** Posts inside the caller's open transaction; used by the donation, refund and payout stores. */
    Transaction append(Connection c, String memo, List<Entry> entries, OptionalLong reversalOf) throws SQLException {
        return append(c, memo, entries, reversalOf, clock.instant());
    }

    /**
     * Posts inside the caller's open transaction at {@code postedAt}, the instant the caller
     * stamps its own rows with, so a posting and the rows it funds fall in the same day and month.
     */
    Transaction append(Connection c, String memo, List<Entry> entries, OptionalLong reversalOf, Instant postedAt)
            throws SQLException {
        var checked = new Transaction(0, memo, entries, reversalOf);
        checkWidths(checked.memo(), checked.entries());
        long id = sql.insertReturningId(c,
                "INSERT INTO ledger_transactions (memo, reversal_of, posted_at) VALUES (?, ?, ?) RETURNING id",
                memo, reversalOf.isPresent() ? (Object) reversalOf.getAsLong() : null, postedAt);
        insertEntries(c, "ledger_entries", "transaction_id", id, checked.entries());
        return new Transaction(id, memo, checked.entries(), reversalOf);
    }

    /** Reverses inside the caller's open transaction. */
    Transaction reverse(Connection c, long transactionId, String memo) throws SQLException {
        // Lock the original (a row lock fires no UPDATE trigger), so a concurrent second reversal
        // waits for this one and then finds it, instead of failing on the unique reversal_of.
        sql.one(c, "SELECT id FROM ledger_transactions WHERE id = ?" + sql.dialect().forUpdate(), rs -> rs.getLong(1), transactionId);
        var original = findTransaction(c, transactionId).orElseThrow(() -> new StoreException(
                StoreException.Code.NOT_FOUND, "no ledger transaction " + transactionId));
        var mirror = original.entries().stream()
                .map(e -> new Entry(e.account(), e.side().opposite(), e.amount())).toList();
        if (sql.one(c, "SELECT id FROM ledger_transactions WHERE reversal_of = ?", rs -> rs.getLong(1), transactionId)
                .isPresent()) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "ledger transaction " + transactionId + " was already reversed");
        }
        return append(c, memo, mirror, OptionalLong.of(transactionId));
    }

    /** Posts a held transfer inside the caller's open transaction. */
    Transaction postPending(Connection c, long transferId) throws SQLException {
        var transfer = pendingTransfer(c, transferId);
        var posted = append(c, transfer.memo(), transfer.entries(), OptionalLong.empty());
        sql.update(c, "UPDATE ledger_pending_transfers SET status = 'POSTED', transaction_id = ?, resolved_at = ? WHERE id = ?",
                posted.id(), clock.instant(), transferId);
        return posted;
    }

    /** Voids a held transfer inside the caller's open transaction. */
    PendingTransfer voidPending(Connection c, long transferId) throws SQLException {
        var transfer = pendingTransfer(c, transferId);
        sql.update(c, "UPDATE ledger_pending_transfers SET status = 'VOIDED', resolved_at = ? WHERE id = ?",
                clock.instant(), transferId);
        return new PendingTransfer(transfer.id(), transfer.memo(), transfer.entries(), PendingTransfer.Status.VOIDED);
    }

    /** Holds inside the caller's open transaction. */
    PendingTransfer hold(Connection c, String memo, List<Entry> entries) throws SQLException {
        var checked = new PendingTransfer(0, memo, entries, PendingTransfer.Status.PENDING);
        checkWidths(checked.memo(), checked.entries());
        long id = sql.insertReturningId(c,
                "INSERT INTO ledger_pending_transfers (memo, status, held_at) VALUES (?, 'PENDING', ?) RETURNING id",
                checked.memo(), clock.instant());
        insertEntries(c, "ledger_pending_entries", "transfer_id", id, checked.entries());
        return new PendingTransfer(id, checked.memo(), checked.entries(), PendingTransfer.Status.PENDING);
    }

    Optional<Transaction> findTransaction(Connection c, long id) throws SQLException {
        var header = sql.one(c, "SELECT memo, reversal_of FROM ledger_transactions WHERE id = ?",
                rs -> Map.entry(rs.getString("memo"), nullableLong(rs, "reversal_of")), id);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        var entries = sql.list(c, """
                SELECT account_type, account_id, side, amount_minor, currency FROM ledger_entries
                WHERE transaction_id = ? ORDER BY line""", LedgerStore::entry, id);
        return Optional.of(new Transaction(id, header.get().getKey(), entries, header.get().getValue()));
    }

    Optional<PendingTransfer> findTransfer(Connection c, long id) throws SQLException {
        var header = sql.one(c, "SELECT memo, status FROM ledger_pending_transfers WHERE id = ?" + sql.dialect().forUpdate(),
                rs -> Map.entry(rs.getString("memo"), PendingTransfer.Status.valueOf(rs.getString("status"))), id);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        var entries = sql.list(c, """
                SELECT account_type, account_id, side, amount_minor, currency FROM ledger_pending_entries
                WHERE transfer_id = ? ORDER BY line""", LedgerStore::entry, id);
        return Optional.of(new PendingTransfer(id, header.get().getKey(), entries, header.get().getValue()));
    }

    /** Locks a held transfer and checks it is still pending. */
    PendingTransfer pendingTransfer(Connection c, long transferId) throws SQLException {
        var transfer = findTransfer(c, transferId).orElseThrow(() -> new StoreException(
                StoreException.Code.NOT_FOUND, "no pending transfer " + transferId));
        if (transfer.status() != PendingTransfer.Status.PENDING) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "pending transfer " + transferId + " is already " + transfer.status());
        }
        return transfer;
    }

    private void insertEntries(Connection c, String table, String owner, long ownerId, List<Entry> entries)
            throws SQLException {
        var rows = new ArrayList<Object[]>(entries.size());
        int line = 1;
        for (var entry : entries) {
            rows.add(new Object[] {ownerId, line++, entry.account().type().name(), entry.account().id(), entry.side().name(),
                    entry.amount().minorUnits(), entry.amount().currency().getCurrencyCode()});
        }
        // Through Sql: on SQLite's writer the statement is compiled once, not for every transaction.
        sql.batch(c, "INSERT INTO " + table + " (" + owner
                + ", line, account_type, account_id, side, amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static void checkWidths(String memo, List<Entry> entries) {
        Limits.require("memo", memo, Limits.TEXT);
        entries.forEach(e -> Limits.require("account id", e.account().id(), Limits.REFERENCE));
    }

    private long signedSum(Connection c, String table, Account account, Currency currency, String filter)
            throws SQLException {
        return sql.one(c, "SELECT COALESCE(SUM(CASE side WHEN 'DEBIT' THEN amount_minor ELSE -amount_minor END), 0) FROM "
                        + table + " WHERE account_type = ? AND account_id = ? AND currency = ?" + filter,
                rs -> rs.getLong(1), account.type(), account.id(), currency.getCurrencyCode()).orElse(0L);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(new Account(AccountType.valueOf(rs.getString("account_type")), rs.getString("account_id")),
                Side.valueOf(rs.getString("side")), Sql.money(rs, "amount_minor", "currency"));
    }

    private record Header(long id, String memo, OptionalLong reversalOf) {
    }

    private static OptionalLong nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
