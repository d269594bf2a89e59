package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Donations and their recoverable phases ({@link DonationPhase}).
 *
 * <p>Each phase change locks the donation's row, checks the move against the state machine and
 * writes the new phase in one transaction, so a phase is never skipped or entered twice, even by
 * a recovery racing a live request. {@link #record} writes the phase and the donation's ledger
 * transaction in ONE transaction: a donation is RECORDED exactly when its money is in the
 * ledger. Every method runs in its own transaction or joins the caller's (claim the key, create
 * the donation and answer in one, if wanted); thread-safe; blocks on the database.
 */
public final class DonationStore {
    /** Every column, in the order {@link #donation(ResultSet)} reads them by position. */
    private static final String COLUMNS = "id, idempotency_key, campaign_id, donor_id, donor_email, donor_name, "
            + "amount_minor, currency, phase, failure_reason, gateway_charge_id, ledger_transaction_id, created_at, updated_at";

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    private final LedgerStore ledger;
    private final CampaignStore campaigns;

    /** A store over an open database, writing ledger transactions through {@code ledger}. */
    public DonationStore(Database database, Clock clock, LedgerStore ledger, CampaignStore campaigns) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    }

    /**
     * Stores a new donation in {@code CLAIMED}.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown campaign, {@code CURRENCY_MISMATCH}
     *                        if the amount is not in the campaign's currency, {@code DUPLICATE} if
     *                        the id or the idempotency key is taken
     */
    public Donation create(NewDonation donation) {
        Objects.requireNonNull(donation, "donation");
        return database.inTransaction(c -> {
            var currency = campaigns.facts(c, donation.campaignId()).orElseThrow(() -> new StoreException(
                    StoreException.Code.NOT_FOUND, "no campaign " + donation.campaignId())).currency();
            if (!currency.equals(donation.amount().currency())) {
                throw new StoreException(StoreException.Code.CURRENCY_MISMATCH, "donation " + donation.id() + " is in "
                        + donation.amount().currency() + ", campaign " + donation.campaignId() + " in " + currency);
            }
            var now = Sql.truncate(clock.instant());
            int inserted = sql.update(c, "INSERT INTO donations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    donation.id(), donation.idempotencyKey(), donation.campaignId(), donation.donor().id(),
                    donation.donor().email().orElse(null), donation.donor().name().orElse(null),
                    donation.amount().minorUnits(), donation.amount().currency().getCurrencyCode(),
                    DonationPhase.CLAIMED, null, null, null, now, now);
            if (inserted == 0) {
                throw new StoreException(StoreException.Code.DUPLICATE,
                        "a donation with id " + donation.id() + " or its idempotency key exists already");
            }
            return new Donation(donation.id(), donation.idempotencyKey(), donation.campaignId(), donation.donor(),
                    donation.amount(), DonationPhase.CLAIMED, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                    now, now);
        });
    }

    /** The donation with this id, if any; none for an id holding what {@link FreeText} refuses (no stored id does). */
    public Optional<Donation> find(String id) {
        if (FreeText.characterProblem(id).isPresent()) {
            // No stored id holds one, and PostgreSQL cannot even look a zero character up (an
            // error): the staff page's refund form passes on what was typed.
            return Optional.empty();
        }
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM donations WHERE id = ?", this::donation, id));
    }

    /**
     * The donation with this id.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public Donation get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The donation created by the request with this idempotency key, if any. */
    public Optional<Donation> findByIdempotencyKey(String key) {
        return database.inTransaction(c -> sql.one(c,
                "SELECT " + COLUMNS + " FROM donations WHERE idempotency_key = ?", this::donation, key));
    }

    /**
     * {@code CLAIMED -> VALIDATED}.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other phase
     */
    public Donation markValidated(String id) {
        return database.inTransaction(c -> advance(c, id, DonationPhase.VALIDATED, null, null, null));
    }

    /**
     * {@code VALIDATED -> CHARGED}, storing the gateway's charge id.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other phase
     */
    public Donation markCharged(String id, String gatewayChargeId) {
        Limits.require("gatewayChargeId", gatewayChargeId, Limits.REFERENCE);
        return database.inTransaction(c -> advance(c, id, DonationPhase.CHARGED, gatewayChargeId, null, null));
    }

    /**
     * {@code CHARGED -> RECORDED}: posts the donation's ledger transaction and records it on the
     * donation, in one database transaction (both or neither).
     *
     * @param entries the ledger lines (e.g. from {@link dev.amanah.finance.ledger.DonationBook}'s
     *                rules: clearing and fees debited, the campaign credited), balanced per currency
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any phase but
     *                        {@code CHARGED}; nothing is written
     * @throws dev.amanah.finance.FinanceException if the entries do not balance; nothing is written
     */
    public Donation record(String id, String memo, List<Entry> entries) {
        return database.inTransaction(c -> {
            var donation = locked(c, id);
            check(donation, DonationPhase.RECORDED);
            var transaction = ledger.append(c, memo, entries, OptionalLong.empty());
            return advance(c, id, DonationPhase.RECORDED, null, null, transaction.id());
        });
    }

    /**
     * {@code VALIDATED -> CHARGED -> RECORDED} in one database transaction: the gateway's charge
     * id, the donation's ledger transaction and the phase {@code RECORDED}, all or nothing. The
     * intermediate {@code CHARGED} is never committed on its own, and need not be: until this
     * commits the donation is {@code VALIDATED}, whose recovery asks the provider by key and finds
     * the charge. Three statements (the ledger's two inserts and one update of the donation), no
     * read: the update moves the row only from {@code VALIDATED}, and the row it returns is built
     * from {@code validated} (what it holds besides the phase never changes before recording).
     *
     * @param validated the donation, as read in any phase up to {@code VALIDATED}
     * @param entries   the ledger lines, balanced per currency (see {@link #record})
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any phase but
     *                        {@code VALIDATED}; then the caller's transaction must roll back (the
     *                        ledger lines were written before the phase was checked), which
     *                        {@link Database#inTransaction} does when this propagates
     * @throws dev.amanah.finance.FinanceException if the entries do not balance; nothing is written
     */
    public Donation recordCharged(Donation validated, String gatewayChargeId, String memo, List<Entry> entries) {
        Limits.require("gatewayChargeId", gatewayChargeId, Limits.REFERENCE);
        return database.inTransaction(c -> {
            var transaction = ledger.append(c, memo, entries, OptionalLong.empty());
            var now = moveKnown(c, validated.id(), DonationPhase.VALIDATED, DonationPhase.RECORDED,
                    "gateway_charge_id = ?, ledger_transaction_id = ?, ", gatewayChargeId, transaction.id());
            return new Donation(validated.id(), validated.idempotencyKey(), validated.campaignId(), validated.donor(),
                    validated.amount(), DonationPhase.RECORDED, Optional.empty(), Optional.of(gatewayChargeId),
                    OptionalLong.of(transaction.id()), validated.createdAt(), now);
        });
    }

    /**
     * {@code RECORDED -> RECEIPTED} for {@code recorded} in one update, nothing read back: the row
     * returned is built from {@code recorded} (what a recorded donation holds besides its phase
     * never changes). For the pipeline, which has just recorded it in the same transaction.
     *
     * @param recorded the donation as read (or written) in {@code RECORDED}
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} unless it is
     *                        {@code RECORDED}; then nothing is changed
     */
    public Donation receiptedFrom(Donation recorded) {
        return database.inTransaction(c -> {
            var now = moveKnown(c, recorded.id(), DonationPhase.RECORDED, DonationPhase.RECEIPTED, "");
            return new Donation(recorded.id(), recorded.idempotencyKey(), recorded.campaignId(), recorded.donor(),
                    recorded.amount(), DonationPhase.RECEIPTED, recorded.failureReason(), recorded.gatewayChargeId(),
                    recorded.ledgerTransactionId(), recorded.createdAt(), now);
        });
    }

    /**
     * {@code RECORDED -> RECEIPTED}.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other phase
     */
    public Donation markReceipted(String id) {
        return database.inTransaction(c -> advance(c, id, DonationPhase.RECEIPTED, null, null, null));
    }

    /**
     * {@code RECORDED -> RECEIPTED}, or the donation as it is if it is {@code RECEIPTED} already
     * (a racing issuer moved it): one statement in the usual case.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other phase
     */
    public Donation ensureReceipted(String id) {
        return database.inTransaction(c -> {
            var now = Sql.truncate(clock.instant());
            var moved = sql.one(c, "UPDATE donations SET phase = 'RECEIPTED', updated_at = ? WHERE id = ? AND phase = 'RECORDED'"
                    + " RETURNING " + COLUMNS, this::donation, now, id);
            if (moved.isPresent()) {
                return moved.get();
            }
            var current = locked(c, id);
            if (current.phase() != DonationPhase.RECEIPTED) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "donation " + id + " cannot go from " + current.phase() + " to RECEIPTED");
            }
            return current;
        });
    }

    /**
     * Any phase before {@code RECORDED} {@code -> FAILED}, with a reason (no personal data in it).
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from
     *                        {@code RECORDED}, {@code RECEIPTED} or {@code FAILED}
     */
    public Donation fail(String id, String reason) {
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> advance(c, id, DonationPhase.FAILED, null, reason, null));
    }

    /**
     * Donations not yet in a final phase (CLAIMED, VALIDATED, CHARGED, RECORDED), oldest first:
     * what recovery must finish or fail after a crash. A donation held for review (see
     * {@link ReviewStore}) is not among them: it waits for a member of staff, not for recovery.
     */
    public List<Donation> unfinished() {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS
                + " FROM donations WHERE phase IN ('CLAIMED', 'VALIDATED', 'CHARGED', 'RECORDED')"
                + " AND NOT EXISTS (SELECT 1 FROM donation_reviews r WHERE r.donation_id = donations.id AND r.status = 'HELD')"
                + " ORDER BY created_at, id",
                this::donation));
    }

    /** The donations of a campaign in one phase, oldest first, at most {@code limit}. */
    public List<Donation> byCampaign(String campaignId, DonationPhase phase, int limit) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS
                        + " FROM donations WHERE campaign_id = ? AND phase = ? ORDER BY created_at, id LIMIT ?",
                this::donation, campaignId, phase, limit));
    }

    /**
     * A campaign's totals from its recorded donations and their posted refunds.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown campaign
     */
    public CampaignTotals totals(String campaignId) {
        return database.inTransaction(c -> {
            var campaign = campaigns.find(c, campaignId).orElseThrow(() -> new StoreException(
                    StoreException.Code.NOT_FOUND, "no campaign " + campaignId));
            var currency = campaign.currency();
            var raised = sql.one(c, """
                    SELECT COALESCE(SUM(amount_minor), 0) AS raised, COUNT(*) AS donations, COUNT(DISTINCT donor_id) AS donors
                    FROM donations WHERE campaign_id = ? AND phase IN ('RECORDED', 'RECEIPTED')""",
                    rs -> new long[] {rs.getLong("raised"), rs.getLong("donations"), rs.getLong("donors")}, campaignId)
                    .orElseThrow();
            long refunded = sql.one(c, """
                    SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r JOIN donations d ON d.id = r.donation_id
                    WHERE d.campaign_id = ? AND r.status = 'POSTED'""", rs -> rs.getLong(1), campaignId).orElseThrow();
            return new CampaignTotals(campaignId, Money.ofMinor(raised[0], currency), Money.ofMinor(refunded, currency),
                    raised[1], raised[2]);
        });
    }

    /** Reads a donation and locks its row until the caller's transaction ends. */
    Donation locked(Connection c, String id) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM donations WHERE id = ?" + sql.dialect().forUpdate(), this::donation, id)
                .orElseThrow(() -> notFound(id));
    }

    /**
     * Moves the donation to {@code target} from any phase allowed to go there, in ONE statement
     * (an update that names the allowed phases and returns the row): on PostgreSQL the update
     * takes the row lock and re-checks the phase after any wait, on SQLite the single writer
     * serialises it, so a phase is never skipped or entered twice.
     */
    private Donation advance(Connection c, String id, DonationPhase target, String chargeId, String reason,
                             Long ledgerTransactionId) throws SQLException {
        return move(c, id, null, target, chargeId, reason, ledgerTransactionId);
    }

    /** {@link #advance}, but only from {@code from} when it is given (a move through phases never committed on their own). */
    private Donation move(Connection c, String id, DonationPhase from, DonationPhase target, String chargeId, String reason,
                          Long ledgerTransactionId) throws SQLException {
        var now = Sql.truncate(clock.instant());
        var moved = sql.one(c, """
                UPDATE donations SET phase = ?, updated_at = ?,
                    gateway_charge_id = COALESCE(?, gateway_charge_id),
                    failure_reason = COALESCE(?, failure_reason),
                    ledger_transaction_id = COALESCE(?, ledger_transaction_id)
                WHERE id = ? AND phase IN (""" + sourcesOf(from, target) + ") RETURNING " + COLUMNS,
                this::donation, target, now, chargeId, reason, ledgerTransactionId, id);
        if (moved.isPresent()) {
            return moved.get();
        }
        var current = locked(c, id);
        throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                "donation " + id + " cannot go from " + current.phase() + " to " + target);
    }

    /**
     * Moves the row from {@code from} to {@code target} in ONE update that reads nothing back,
     * also setting {@code assignments} (each {@code "column = ?, "}, bound to {@code values} in
     * order); returns the {@code updated_at} it wrote. The caller knows the rest of the row.
     */
    private Instant moveKnown(Connection c, String id, DonationPhase from, DonationPhase target, String assignments,
                              Object... values) throws SQLException {
        var now = Sql.truncate(clock.instant());
        var args = Arrays.copyOf(values, values.length + 2);
        args[values.length] = now;
        args[values.length + 1] = id;
        // The phases are constants of the code, written as literals: one statement text per move.
        int moved = sql.update(c, "UPDATE donations SET " + assignments + "phase = '" + target.name() + "', updated_at = ?"
                + " WHERE id = ? AND phase = '" + from.name() + "'", args);
        if (moved == 1) {
            return now;
        }
        var current = locked(c, id);
        throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                "donation " + id + " cannot go from " + current.phase() + " to " + target);
    }

    /** The phases a move to {@code target} may start from (only {@code from} if given), as an SQL list of literals. */
    private static String sourcesOf(DonationPhase from, DonationPhase target) {
        var sources = new StringJoiner(", ");
        for (var phase : DonationPhase.values()) {
            if (from == null ? phase.canMoveTo(target) : phase == from) {
                sources.add("'" + phase.name() + "'");
            }
        }
        return sources.toString();
    }

    private static void check(Donation donation, DonationPhase target) {
        if (!donation.phase().canMoveTo(target)) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "donation " + donation.id() + " cannot go from " + donation.phase() + " to " + target);
        }
    }

    /** A row of {@link #COLUMNS}, read by position (in that order). */
    private Donation donation(ResultSet rs) throws SQLException {
        long ledgerId = rs.getLong(12);
        var ledgerTransactionId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(ledgerId);
        return new Donation(rs.getString(1), rs.getString(2), rs.getString(3),
                new Donor(rs.getString(4), Sql.optionalString(rs, 5), Sql.optionalString(rs, 6)),
                Sql.money(rs, 7, 8), DonationPhase.valueOf(rs.getString(9)),
                Sql.optionalString(rs, 10), Sql.optionalString(rs, 11), ledgerTransactionId,
                sql.instant(rs, 13), sql.instant(rs, 14));
    }

    private static StoreException notFound(String id) {
        return new StoreException(StoreException.Code.NOT_FOUND, "no donation " + id);
    }
}
