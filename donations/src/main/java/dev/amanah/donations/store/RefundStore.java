package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Side;
import dev.amanah.finance.money.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Refunds: full or partial, several per donation, never more in all than the donation (refunds
 * pending or posted count), each idempotent by its key.
 *
 * <p>{@link #request} locks the donation's row, so concurrent refunds of one donation are checked
 * one after the other against what is left; it books the release transaction, holds the pending
 * transfer and stores the refund in one database transaction. {@link #confirm} posts the held
 * transfer; {@link #fail} voids it and reverses the release, so the money is back where it was.
 * Both are idempotent (confirming a posted refund returns it) and refuse the other outcome.
 * Every method runs in its own transaction or joins the caller's; thread-safe; blocks.
 */
public final class RefundStore {
    private static final String COLUMNS = "id, idempotency_key, donation_id, amount_minor, currency, status, "
            + "release_transaction_id, pending_transfer_id, failure_reason, requested_at, resolved_at";

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    private final LedgerStore ledger;
    private final DonationStore donations;

    /** A store over an open database, booking through {@code ledger}. */
    public RefundStore(Database database, Clock clock, LedgerStore ledger, DonationStore donations) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.donations = Objects.requireNonNull(donations, "donations");
    }

    /**
     * Requests a refund.
     *
     * @return {@code Requested}, or {@code AlreadyRequested} if this key asked for the same
     *         donation and amount before
     * @throws StoreException {@code NOT_FOUND} for an unknown donation, {@code ILLEGAL_TRANSITION}
     *                        if it is not recorded, {@code CURRENCY_MISMATCH},
     *                        {@code REFUND_EXCEEDS_DONATION} (the message says what is left),
     *                        {@code KEY_REUSED} if the key was used for another refund (before,
     *                        or by a concurrent request for another donation that committed
     *                        first), {@code DUPLICATE} if the id is taken by another key,
     *                        {@code INSUFFICIENT_FUNDS} if an account the refund releases from
     *                        (the campaign) no longer holds the amount; nothing
     *                        is written in any of these cases
     * @throws dev.amanah.finance.FinanceException if the ledger lines do not balance
     */
    public RefundResult request(NewRefund refund) {
        Objects.requireNonNull(refund, "refund");
        return database.inTransaction(c -> {
            var donation = donations.locked(c, refund.donationId());
            var previous = findByKey(c, refund.idempotencyKey());
            if (previous.isPresent()) {
                var existing = previous.get();
                if (existing.donationId().equals(refund.donationId()) && existing.amount().equals(refund.amount())) {
                    return new RefundResult.AlreadyRequested(existing);
                }
                throw keyReused(existing);
            }
            if (!donation.phase().isRecorded()) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "donation " + donation.id() + " is " + donation.phase() + "; only a recorded donation is refunded");
            }
            if (!donation.amount().sameCurrencyAs(refund.amount())) {
                throw new StoreException(StoreException.Code.CURRENCY_MISMATCH, "refund " + refund.id() + " is in "
                        + refund.amount().currency() + ", donation " + donation.id() + " in " + donation.amount().currency());
            }
            long taken = sql.one(c, "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE donation_id = ? AND status <> 'VOIDED'",
                    rs -> rs.getLong(1), donation.id()).orElseThrow();
            long left = donation.amount().minorUnits() - taken;
            if (refund.amount().minorUnits() > left) {
                throw new StoreException(StoreException.Code.REFUND_EXCEEDS_DONATION, "refund " + refund.id() + " of "
                        + refund.amount() + " exceeds what is left of donation " + donation.id() + ": "
                        + Money.ofMinor(left, donation.amount().currency()));
            }
            requireHeld(c, donation, refund);
            var release = ledger.append(c, refund.memo(), refund.release(), OptionalLong.empty());
            var transfer = ledger.hold(c, refund.memo(), refund.pending());
            var now = Sql.truncate(clock.instant());
            int inserted = sql.update(c, "INSERT INTO refunds (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    refund.id(), refund.idempotencyKey(), donation.id(), refund.amount().minorUnits(),
                    refund.amount().currency().getCurrencyCode(), RefundStatus.PENDING, release.id(), transfer.id(),
                    null, now, null);
            if (inserted == 0) {
                // The key was free when looked up above, but a request with it for another donation
                // (whose row lock does not hold this one back) has committed its refund since: the
                // unique index found it, and this read sees it (PostgreSQL's ON CONFLICT waited for
                // that commit). A request for the same donation cannot get here: it waited for the
                // donation's row lock and found the key above. So the loser is refused as a later
                // reuse is, not with a 500, and throwing rolls back what this transaction booked.
                var raced = findByKey(c, refund.idempotencyKey()).orElseThrow(() -> new StoreException(
                        StoreException.Code.DUPLICATE, "refund id " + refund.id() + " is taken by another key"));
                throw keyReused(raced);
            }
            return new RefundResult.Requested(new Refund(refund.id(), refund.idempotencyKey(), donation.id(),
                    refund.amount(), RefundStatus.PENDING, release.id(), transfer.id(), Optional.empty(), now,
                    Optional.empty()));
        });
    }

    private static StoreException keyReused(Refund existing) {
        return new StoreException(StoreException.Code.KEY_REUSED,
                "refund key was used for refund " + existing.id() + " of another donation or amount");
    }

    /**
     * The gateway paid the refund: posts its held transfer. Idempotent.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it was voided
     */
    public Refund confirm(String refundId) {
        return confirmOnce(refundId).refund();
    }

    /**
     * What {@link #confirmOnce} did.
     *
     * @param refund the refund, {@code POSTED}
     * @param posted true for the one call that moved it from {@code PENDING}; false if it was
     *               posted already (by another settlement of it, concurrent or earlier)
     */
    public record Confirmation(Refund refund, boolean posted) {
    }

    /**
     * {@link #confirm}, telling whether this call is the one that posted the refund: under the
     * refund's row lock, so of two settlements racing on one pending refund exactly one is told
     * {@code posted}, and only it announces the refund.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it was voided
     */
    public Confirmation confirmOnce(String refundId) {
        return database.inTransaction(c -> {
            var refund = locked(c, refundId);
            return switch (refund.status()) {
                case POSTED -> new Confirmation(refund, false);
                case VOIDED -> throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "refund " + refundId + " was voided; it cannot be confirmed");
                case PENDING -> {
                    ledger.postPending(c, refund.pendingTransferId());
                    yield new Confirmation(resolve(c, refund, RefundStatus.POSTED, null), true);
                }
            };
        });
    }

    /**
     * The refund failed: voids its held transfer and reverses its release, so the donation's
     * money is back where it was. Idempotent.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it was posted
     */
    public Refund fail(String refundId, String reason) {
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> {
            var refund = locked(c, refundId);
            return switch (refund.status()) {
                case VOIDED -> refund;
                case POSTED -> throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "refund " + refundId + " was posted; it cannot fail");
                case PENDING -> {
                    ledger.voidPending(c, refund.pendingTransferId());
                    ledger.reverse(c, refund.releaseTransactionId(), "refund " + refundId + " failed");
                    yield resolve(c, refund, RefundStatus.VOIDED, reason);
                }
            };
        });
    }

    /** The refund with this id, if any. */
    public Optional<Refund> find(String refundId) {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM refunds WHERE id = ?", this::refund, refundId));
    }

    /** The refund requested with this key, if any. */
    public Optional<Refund> findByIdempotencyKey(String key) {
        return database.inTransaction(c -> findByKey(c, key));
    }

    /** A donation's refunds, oldest first. */
    public List<Refund> ofDonation(String donationId) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS
                + " FROM refunds WHERE donation_id = ? ORDER BY requested_at, id", this::refund, donationId));
    }

    /** Refunds still waiting for the gateway, oldest first: what recovery must settle. */
    public List<Refund> pending() {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS
                + " FROM refunds WHERE status = 'PENDING' ORDER BY requested_at, id", this::refund));
    }

    /**
     * What can still be refunded of a donation: its amount less refunds pending or posted.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public Money refundable(String donationId) {
        return database.inTransaction(c -> {
            var donation = donations.locked(c, donationId);
            long taken = sql.one(c, "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE donation_id = ? AND status <> 'VOIDED'",
                    rs -> rs.getLong(1), donationId).orElseThrow();
            return Money.ofMinor(donation.amount().minorUnits() - taken, donation.amount().currency());
        });
    }

    /**
     * Refuses a refund whose release would take an account below zero: money a distribution paid
     * out of the campaign is no longer there to give back. The campaign's row lock serialises this
     * check with other refunds and with distributions drawing on the same campaign
     * ({@link PlanStore#startExecution} takes the same lock).
     */
    private void requireHeld(Connection c, Donation donation, NewRefund refund) throws SQLException {
        sql.one(c, "SELECT id FROM campaigns WHERE id = ?" + sql.dialect().forUpdate(), rs -> rs.getString(1),
                donation.campaignId());
        for (var entry : refund.release()) {
            if (entry.side() != Side.DEBIT) {
                continue;
            }
            var held = ledger.creditBalance(entry.account(), entry.amount().currency());
            if (held.compareTo(entry.amount()) < 0) {
                throw new StoreException(StoreException.Code.INSUFFICIENT_FUNDS, "refund " + refund.id() + " of "
                        + entry.amount() + " needs " + entry.account() + ", which holds " + held
                        + " (the rest was distributed)");
            }
        }
    }

    private Refund resolve(Connection c, Refund refund, RefundStatus status, String reason) throws SQLException {
        var now = Sql.truncate(clock.instant());
        sql.update(c, "UPDATE refunds SET status = ?, failure_reason = ?, resolved_at = ? WHERE id = ?",
                status, reason, now, refund.id());
        return new Refund(refund.id(), refund.idempotencyKey(), refund.donationId(), refund.amount(), status,
                refund.releaseTransactionId(), refund.pendingTransferId(), Optional.ofNullable(reason),
                refund.requestedAt(), Optional.of(now));
    }

    private Refund locked(Connection c, String refundId) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM refunds WHERE id = ?" + sql.dialect().forUpdate(), this::refund, refundId)
                .orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND, "no refund " + refundId));
    }

    private Optional<Refund> findByKey(Connection c, String key) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM refunds WHERE idempotency_key = ?", this::refund, key);
    }

    private Refund refund(ResultSet rs) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("donation_id"),
                Sql.money(rs, "amount_minor", "currency"), RefundStatus.valueOf(rs.getString("status")),
                rs.getLong("release_transaction_id"), rs.getLong("pending_transfer_id"),
                Sql.optionalString(rs, "failure_reason"), sql.instant(rs, "requested_at"),
                Optional.ofNullable(sql.instant(rs, "resolved_at")));
    }
}
