package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Entry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Payouts of distribution plans, each idempotent by its key: creating a payout twice with the
 * same key and the same content returns the first; paying it posts its ledger transaction and
 * marks it {@code PAID} in one database transaction, once. Every method runs in its own
 * transaction or joins the caller's; thread-safe; blocks on the database.
 */
public final class PayoutStore {
    private static final String COLUMNS = "id, idempotency_key, plan_id, recipient_id, amount_minor, currency, status, "
            + "attempts, gateway_reference, failure_reason, ledger_transaction_id, created_at, updated_at";
    private static final String INSERT = "INSERT INTO payouts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    /** The most payouts {@link #recordAttempts} takes at once: bound parameters stay far below the databases' limits. */
    public static final int MAX_IDS = 500;

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    private final LedgerStore ledger;

    /** A store over an open database, booking through {@code ledger}. */
    public PayoutStore(Database database, Clock clock, LedgerStore ledger) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Stores a payout in {@code PENDING}, or returns the one stored before under the same key.
     *
     * @throws StoreException {@code KEY_REUSED} if the key names a payout with another id, plan,
     *                        recipient or amount; {@code DUPLICATE} if the id is taken by another key
     */
    public Payout create(NewPayout payout) {
        return database.inTransaction(c -> create(c, payout));
    }

    /**
     * Stores all payouts of a plan at once (all or none), in batched statements (a plan may have
     * 100,000); idempotent like {@link #create}, with the same errors.
     */
    public List<Payout> createAll(List<NewPayout> payouts) {
        return createAll(payouts, Sql.truncate(clock.instant()));
    }

    /** As {@link #createAll(List)}, the new payouts created at {@code now} (the plan's run stamps its funding with it too). */
    List<Payout> createAll(List<NewPayout> payouts, Instant now) {
        return database.inTransaction(c -> {
            var inserted = sql.batch(c, INSERT, payouts.stream().map(payout -> row(payout, now)).toList());
            var out = new ArrayList<Payout>(payouts.size());
            for (int i = 0; i < payouts.size(); i++) {
                // A driver may not say whether a row of a batch was inserted: then the stored one is checked.
                out.add(inserted[i] == 1 ? pending(payouts.get(i), now) : existing(c, payouts.get(i)));
            }
            return out;
        });
    }

    /**
     * The ids of a plan's payable payouts ({@code PENDING} or {@code FAILED}), by id: what a
     * payment run has to pay, without loading the payouts themselves (a plan may have 100,000).
     * {@code DECLINED} ones are left out: their key would only be declined again.
     */
    public List<String> unpaidIds(String planId) {
        return database.inTransaction(c -> sql.list(c,
                "SELECT id FROM payouts WHERE plan_id = ? AND status IN ('PENDING', 'FAILED') ORDER BY id",
                rs -> rs.getString(1), planId));
    }

    /**
     * {@link #recordAttempt} for several payouts in one transaction: each payable one
     * ({@code PENDING} or {@code FAILED}) is counted as attempted and moved to {@code PENDING};
     * paid, declined, cancelled or unknown ids are skipped. Returns
     * the payouts moved, as they are now, in the order of {@code ids}.
     *
     * @throws IllegalArgumentException for more than {@value #MAX_IDS} ids
     */
    public List<Payout> recordAttempts(List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("at most " + MAX_IDS + " payouts at once, not " + ids.size());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        var in = " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        return database.inTransaction(c -> {
            Map<String, Payout> before = new HashMap<>();
            for (var payout : sql.list(c, "SELECT " + COLUMNS + " FROM payouts WHERE id" + in + sql.dialect().forUpdate(),
                    this::payout, ids.toArray())) {
                before.put(payout.id(), payout);
            }
            var now = Sql.truncate(clock.instant());
            var args = new ArrayList<Object>(ids.size() + 1);
            args.add(now);
            args.addAll(ids);
            sql.update(c, "UPDATE payouts SET status = 'PENDING', attempts = attempts + 1, failure_reason = NULL, updated_at = ?"
                    + " WHERE status IN ('PENDING', 'FAILED') AND id" + in, args.toArray());
            var out = new ArrayList<Payout>(ids.size());
            for (var id : ids) {
                var payout = before.get(id);
                if (payout != null && payout.status().payable()) {
                    out.add(with(payout, PayoutStatus.PENDING, payout.attempts() + 1, payout.gatewayReference(),
                            Optional.empty(), payout.ledgerTransactionId(), now));
                }
            }
            return out;
        });
    }

    /**
     * Counts an attempt to pay, moving a {@code FAILED} payout back to {@code PENDING}.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} unless it is
     *                        {@code PENDING} or {@code FAILED}
     */
    public Payout recordAttempt(String id) {
        return database.inTransaction(c -> {
            var payout = locked(c, id);
            if (!payout.status().payable()) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION, "payout " + id + " is " + payout.status()
                        + "; it is not paid under its key");
            }
            var now = Sql.truncate(clock.instant());
            sql.update(c, "UPDATE payouts SET status = 'PENDING', attempts = attempts + 1, failure_reason = NULL, updated_at = ? WHERE id = ?",
                    now, id);
            return with(payout, PayoutStatus.PENDING, payout.attempts() + 1, payout.gatewayReference(), Optional.empty(),
                    payout.ledgerTransactionId(), now);
        });
    }

    /**
     * The gateway paid it: posts its ledger transaction and marks it {@code PAID}, atomically.
     * Paying a paid payout again with the same reference returns it unchanged (nothing posted).
     *
     * @param entries the ledger lines (recipient's payable debited, clearing credited)
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it was paid with
     *                        another reference, or is {@code DECLINED} or {@code CANCELLED}
     * @throws dev.amanah.finance.FinanceException if the entries do not balance; nothing is written
     */
    public Payout markPaid(String id, String gatewayReference, String memo, List<Entry> entries) {
        Limits.require("gatewayReference", gatewayReference, Limits.REFERENCE);
        return database.inTransaction(c -> {
            var payout = locked(c, id);
            if (payout.status() == PayoutStatus.PAID) {
                if (payout.gatewayReference().orElseThrow().equals(gatewayReference)) {
                    return payout;
                }
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "payout " + id + " was paid under another gateway reference");
            }
            requirePayable(payout, PayoutStatus.PAID);
            var transaction = ledger.append(c, memo, entries, OptionalLong.empty());
            var now = Sql.truncate(clock.instant());
            sql.update(c, """
                    UPDATE payouts SET status = 'PAID', gateway_reference = ?, failure_reason = NULL,
                        ledger_transaction_id = ?, updated_at = ? WHERE id = ?""",
                    gatewayReference, transaction.id(), now, id);
            return with(payout, PayoutStatus.PAID, payout.attempts(), Optional.of(gatewayReference), Optional.empty(),
                    OptionalLong.of(transaction.id()), now);
        });
    }

    /**
     * The last attempt failed, or its outcome is unknown; the payout may be retried under its key.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} unless it is
     *                        {@code PENDING} or {@code FAILED}
     */
    public Payout markFailed(String id, String reason) {
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> unpaid(c, locked(c, id), PayoutStatus.FAILED, reason));
    }

    /**
     * The provider declined it for good: {@code DECLINED} with the reason, never sent under its key
     * again; the time of the decline is kept (table {@code payout_declines}) for the monthly report.
     * Its money stays in the recipient's payable until {@link PlanStore#reissuePayout} or
     * {@link PlanStore#cancelPayout}. Declining a declined payout returns it unchanged.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it is paid or cancelled
     */
    public Payout markDeclined(String id, String reason) {
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> {
            var payout = locked(c, id);
            if (payout.status() == PayoutStatus.DECLINED) {
                return payout;
            }
            var declined = unpaid(c, payout, PayoutStatus.DECLINED, reason);
            // The ledger books no decline (no money moves): a report reads here what the payout
            // was at a past month's end.
            sql.update(c, "INSERT INTO payout_declines (payout_id, declined_at) VALUES (?, ?)", id, declined.updatedAt());
            return declined;
        });
    }

    /** A payable {@code payout} left unpaid: {@code FAILED} or {@code DECLINED} with {@code reason}. */
    private Payout unpaid(Connection c, Payout payout, PayoutStatus status, String reason) throws SQLException {
        requirePayable(payout, status);
        var now = Sql.truncate(clock.instant());
        sql.update(c, "UPDATE payouts SET status = ?, failure_reason = ?, updated_at = ? WHERE id = ?",
                status.name(), reason, now, payout.id());
        return with(payout, status, payout.attempts(), payout.gatewayReference(), Optional.of(reason),
                payout.ledgerTransactionId(), now);
    }

    /**
     * {@code DECLINED -> FAILED} under {@code newKey}, so the next run pays it again as a new
     * request to the provider, and the time of the reissue kept with its decline; in the caller's
     * transaction ({@link PlanStore#reissuePayout}).
     */
    Payout reissue(Connection c, String id, String newKey, String reason) throws SQLException {
        Limits.require("idempotencyKey", newKey, Limits.KEY);
        Limits.require("reason", reason, Limits.TEXT);
        var payout = requireDeclined(c, id);
        var now = Sql.truncate(clock.instant());
        // The key column is unique: a key another payout holds is refused by the database, and the
        // caller's transaction rolls back whole.
        sql.update(c, "UPDATE payouts SET status = 'FAILED', idempotency_key = ?, failure_reason = ?, updated_at = ? WHERE id = ?",
                newKey, reason, now, id);
        sql.update(c, "UPDATE payout_declines SET reissued_at = ? WHERE payout_id = ? AND reissued_at IS NULL", now, id);
        return new Payout(payout.id(), newKey, payout.planId(), payout.recipientId(), payout.amount(), PayoutStatus.FAILED,
                payout.attempts(), payout.gatewayReference(), Optional.of(reason), payout.ledgerTransactionId(),
                payout.createdAt(), now);
    }

    /**
     * {@code DECLINED -> CANCELLED}: posts {@code entries} (its payable back to the campaign) and
     * records their transaction on the payout; in the caller's transaction ({@link PlanStore#cancelPayout}).
     */
    Payout cancel(Connection c, String id, String reason, String memo, List<Entry> entries) throws SQLException {
        Limits.require("reason", reason, Limits.TEXT);
        var payout = requireDeclined(c, id);
        var transaction = ledger.append(c, memo, entries, OptionalLong.empty());
        var now = Sql.truncate(clock.instant());
        sql.update(c, "UPDATE payouts SET status = 'CANCELLED', failure_reason = ?, ledger_transaction_id = ?, updated_at = ?"
                + " WHERE id = ?", reason, transaction.id(), now, id);
        return with(payout, PayoutStatus.CANCELLED, payout.attempts(), payout.gatewayReference(), Optional.of(reason),
                OptionalLong.of(transaction.id()), now);
    }

    /** How many of a plan's payouts are not settled for good (neither {@code PAID} nor {@code CANCELLED}). */
    long countOpen(Connection c, String planId) throws SQLException {
        return sql.one(c, "SELECT COUNT(*) FROM payouts WHERE plan_id = ? AND status NOT IN ('PAID', 'CANCELLED')",
                rs -> rs.getLong(1), planId).orElse(0L);
    }

    /** The payout with this id, if any. */
    public Optional<Payout> find(String id) {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM payouts WHERE id = ?", this::payout, id));
    }

    /**
     * The payout with this id.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public Payout get(String id) {
        return find(id).orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND, "no payout " + id));
    }

    /** The payout with this key, if any. */
    public Optional<Payout> findByIdempotencyKey(String key) {
        return database.inTransaction(c -> findByKey(c, key));
    }

    /** A plan's payouts, by id. */
    public List<Payout> ofPlan(String planId) {
        return database.inTransaction(c -> sql.list(c,
                "SELECT " + COLUMNS + " FROM payouts WHERE plan_id = ? ORDER BY id", this::payout, planId));
    }

    /** A plan's payouts in one status, by id (e.g. what is left to pay). */
    public List<Payout> ofPlan(String planId, PayoutStatus status) {
        return database.inTransaction(c -> sql.list(c,
                "SELECT " + COLUMNS + " FROM payouts WHERE plan_id = ? AND status = ? ORDER BY id", this::payout, planId, status));
    }

    private Payout create(Connection c, NewPayout payout) throws SQLException {
        var now = Sql.truncate(clock.instant());
        int inserted = sql.update(c, INSERT, row(payout, now));
        return inserted == 1 ? pending(payout, now) : existing(c, payout);
    }

    private static Object[] row(NewPayout payout, Instant now) {
        return new Object[] {payout.id(), payout.idempotencyKey(), payout.planId(), payout.recipientId(),
                payout.amount().minorUnits(), payout.amount().currency().getCurrencyCode(), PayoutStatus.PENDING, 0, null,
                null, null, now, now};
    }

    private static Payout pending(NewPayout payout, Instant now) {
        return new Payout(payout.id(), payout.idempotencyKey(), payout.planId(), payout.recipientId(), payout.amount(),
                PayoutStatus.PENDING, 0, Optional.empty(), Optional.empty(), OptionalLong.empty(), now, now);
    }

    /** The payout stored before under this one's key, if it is the same payout; see {@link #create}. */
    private Payout existing(Connection c, NewPayout payout) throws SQLException {
        var existing = findByKey(c, payout.idempotencyKey()).orElseThrow(() -> new StoreException(
                StoreException.Code.DUPLICATE, "payout id " + payout.id() + " is taken by another key"));
        if (!existing.id().equals(payout.id()) || !existing.planId().equals(payout.planId())
                || !existing.recipientId().equals(payout.recipientId()) || !existing.amount().equals(payout.amount())) {
            throw new StoreException(StoreException.Code.KEY_REUSED,
                    "payout key was used for payout " + existing.id() + " with another id, plan, recipient or amount");
        }
        return existing;
    }

    private static void requirePayable(Payout payout, PayoutStatus target) {
        if (!payout.status().payable()) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "payout " + payout.id() + " is " + payout.status() + "; it cannot become " + target);
        }
    }

    private Payout requireDeclined(Connection c, String id) throws SQLException {
        var payout = locked(c, id);
        if (payout.status() != PayoutStatus.DECLINED) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "payout " + id + " is " + payout.status() + "; only a declined payout is reissued or cancelled");
        }
        return payout;
    }

    private Payout locked(Connection c, String id) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM payouts WHERE id = ?" + sql.dialect().forUpdate(), this::payout, id)
                .orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND, "no payout " + id));
    }

    private Optional<Payout> findByKey(Connection c, String key) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM payouts WHERE idempotency_key = ?", this::payout, key);
    }

    private static Payout with(Payout p, PayoutStatus status, int attempts, Optional<String> reference,
                               Optional<String> reason, OptionalLong ledgerTransactionId, Instant now) {
        return new Payout(p.id(), p.idempotencyKey(), p.planId(), p.recipientId(), p.amount(), status, attempts,
                reference, reason, ledgerTransactionId, p.createdAt(), now);
    }

    private Payout payout(ResultSet rs) throws SQLException {
        long ledgerId = rs.getLong("ledger_transaction_id");
        var ledgerTransactionId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(ledgerId);
        return new Payout(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("plan_id"),
                rs.getString("recipient_id"), Sql.money(rs, "amount_minor", "currency"),
                PayoutStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Sql.optionalString(rs, "gateway_reference"), Sql.optionalString(rs, "failure_reason"),
                ledgerTransactionId, sql.instant(rs, "created_at"), sql.instant(rs, "updated_at"));
    }
}
