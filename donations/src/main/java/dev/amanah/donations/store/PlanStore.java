package dev.amanah.donations.store;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.ledger.Side;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Distribution plans, their approval and the start and end of their payment runs.
 *
 * <p>Every status change locks the plan's row and checks the move ({@link PlanStatus}) in one
 * transaction, so two members of staff approving at once, or two runs started at once, leave
 * exactly one winner; the other gets {@code ILLEGAL_TRANSITION}. {@link #startExecution} commits
 * the plan's money (campaign to recipients' payables), creates its payouts and marks it
 * {@code EXECUTING} in ONE transaction, under the campaign's row lock, refusing if the campaign's
 * ledger balance is below the total: a campaign's balance never goes negative through
 * distributions. Every method runs in its own transaction or joins the caller's; thread-safe;
 * blocks on the database.
 */
public final class PlanStore {
    private static final String COLUMNS = "id, campaign_id, fund_type, total_minor, currency, status, prepared_by, "
            + "prepared_at, approved_by, approved_at, rejected_by, rejected_at, rejection_reason, executed_by, "
            + "ledger_transaction_id, updated_at";
    private static final String LINE_COLUMNS = "plan_id, line, recipient_id, recipient_name, zakat_category, account_ref, "
            + "ratio, amount_minor";

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    private final LedgerStore ledger;
    private final PayoutStore payouts;

    /** A store over an open database, booking through {@code ledger} and creating payouts in {@code payouts}. */
    public PlanStore(Database database, Clock clock, LedgerStore ledger, PayoutStore payouts) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.payouts = Objects.requireNonNull(payouts, "payouts");
    }

    /**
     * Stores a plan in {@code PREPARED}, with its lines (all or nothing).
     *
     * @throws StoreException {@code DUPLICATE} if the id is taken, {@code NOT_FOUND} for an unknown
     *                        campaign, {@code CURRENCY_MISMATCH} if the total is not in the campaign's currency
     */
    public StoredPlan create(NewPlan plan) {
        Objects.requireNonNull(plan, "plan");
        return database.inTransaction(c -> {
            var campaign = sql.one(c, "SELECT currency FROM campaigns WHERE id = ?", rs -> rs.getString(1).trim(),
                    plan.campaignId()).orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND,
                    "no campaign " + plan.campaignId()));
            if (!campaign.equals(plan.total().currency().getCurrencyCode())) {
                throw new StoreException(StoreException.Code.CURRENCY_MISMATCH, "plan " + plan.id() + " is in "
                        + plan.total().currency() + ", campaign " + plan.campaignId() + " in " + campaign);
            }
            var now = Sql.truncate(clock.instant());
            int inserted = sql.update(c, "INSERT INTO distribution_plans (id, campaign_id, fund_type, total_minor, currency, "
                            + "status, prepared_by, prepared_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    plan.id(), plan.campaignId(), plan.fundType(), plan.total().minorUnits(),
                    plan.total().currency().getCurrencyCode(), PlanStatus.PREPARED, plan.preparedBy(), now, now);
            if (inserted == 0) {
                throw new StoreException(StoreException.Code.DUPLICATE, "a plan with id " + plan.id() + " exists already");
            }
            // One batched statement: a plan may have 100,000 lines.
            sql.batch(c, "INSERT INTO distribution_plan_lines (" + LINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    plan.lines().stream().map(line -> new Object[] {plan.id(), line.line(), line.recipientId(),
                            line.recipientName(), line.zakatCategory().map(Enum::name).orElse(null), line.accountRef(),
                            line.ratio().toPlainString(), line.amount().minorUnits()}).toList());
            return get(c, plan.id());
        });
    }

    /** The plan with this id, with its lines, if any. */
    public Optional<StoredPlan> find(String id) {
        return database.inTransaction(c -> find(c, id, ""));
    }

    /**
     * The plan with this id.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public StoredPlan get(String id) {
        return database.inTransaction(c -> get(c, id));
    }

    /** The most recently prepared plans first, at most {@code limit}, with their lines. */
    public List<StoredPlan> recent(int limit) {
        return database.inTransaction(c -> {
            var ids = sql.list(c, "SELECT id FROM distribution_plans ORDER BY prepared_at DESC, id LIMIT ?",
                    rs -> rs.getString(1), limit);
            var out = new ArrayList<StoredPlan>(ids.size());
            for (var id : ids) {
                out.add(get(c, id));
            }
            return out;
        });
    }

    /** The plans in one status, oldest first (e.g. {@code EXECUTING} for recovery). */
    public List<StoredPlan> inStatus(PlanStatus status) {
        return database.inTransaction(c -> {
            var ids = sql.list(c, "SELECT id FROM distribution_plans WHERE status = ? ORDER BY prepared_at, id",
                    rs -> rs.getString(1), status);
            var out = new ArrayList<StoredPlan>(ids.size());
            for (var id : ids) {
                out.add(get(c, id));
            }
            return out;
        });
    }

    /**
     * {@code PREPARED -> APPROVED} by {@code approvedBy}. The caller checks the four-eyes rule
     * first (with the domain's {@link dev.amanah.finance.fund.ApprovedDistribution}); the database
     * refuses an approver equal to the preparer too.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other status
     */
    public StoredPlan approve(String id, String approvedBy) {
        Limits.require("approvedBy", approvedBy, Limits.ID);
        return database.inTransaction(c -> {
            move(c, id, EnumSet.of(PlanStatus.PREPARED), PlanStatus.APPROVED);
            var now = Sql.truncate(clock.instant());
            sql.update(c, "UPDATE distribution_plans SET status = ?, approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ?",
                    PlanStatus.APPROVED, approvedBy, now, now, id);
            return get(c, id);
        });
    }

    /**
     * {@code PREPARED -> REJECTED} by {@code rejectedBy}, with a reason.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} from any other status
     */
    public StoredPlan reject(String id, String rejectedBy, String reason) {
        Limits.require("rejectedBy", rejectedBy, Limits.ID);
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> {
            move(c, id, EnumSet.of(PlanStatus.PREPARED), PlanStatus.REJECTED);
            var now = Sql.truncate(clock.instant());
            sql.update(c, "UPDATE distribution_plans SET status = ?, rejected_by = ?, rejected_at = ?, rejection_reason = ?, "
                    + "updated_at = ? WHERE id = ?", PlanStatus.REJECTED, rejectedBy, now, reason, now, id);
            return get(c, id);
        });
    }

    /**
     * Starts a payment run: {@code APPROVED -> EXECUTING} or {@code INCOMPLETE -> EXECUTING}. The
     * first time (from {@code APPROVED}) it also, in the same transaction and under the campaign's
     * row lock, posts {@code funding} (the campaign debited by the total, each recipient's payable
     * credited) and creates {@code newPayouts}; a later run only changes the status. The posting,
     * the payouts and the plan's update carry one instant, read once from the clock.
     *
     * @param funding    the ledger lines committing the plan's money; the campaign's account must be debited by the total
     * @param newPayouts one per line with a positive amount, keys derived from plan and recipient
     * @throws StoreException   {@code NOT_FOUND}, {@code ILLEGAL_TRANSITION} from any other status
     * @throws FinanceException {@code INSUFFICIENT_FUNDS} (field {@code total}) if the campaign's
     *                          ledger balance is below the total; nothing is written
     */
    public StoredPlan startExecution(String id, String executedBy, List<Entry> funding, List<NewPayout> newPayouts) {
        Limits.require("executedBy", executedBy, Limits.ID);
        return database.inTransaction(c -> {
            var plan = move(c, id, EnumSet.of(PlanStatus.APPROVED, PlanStatus.INCOMPLETE), PlanStatus.EXECUTING);
            // One reading for the posting, the payouts and the plan: read again, a run started just
            // before midnight could book its funding in one month and its payouts in the next.
            var now = Sql.truncate(clock.instant());
            if (plan.status() == PlanStatus.INCOMPLETE) {
                sql.update(c, "UPDATE distribution_plans SET status = ?, executed_by = ?, updated_at = ? WHERE id = ?",
                        PlanStatus.EXECUTING, executedBy, now, id);
                return get(c, id);
            }
            // Serialises the distributions of one campaign (SQLite's BEGIN IMMEDIATE already does).
            sql.one(c, "SELECT id FROM campaigns WHERE id = ?" + sql.dialect().forUpdate(), rs -> rs.getString(1),
                    plan.campaignId());
            var source = Account.campaign(plan.campaignId());
            var held = ledger.creditBalance(source, plan.total().currency());
            if (held.compareTo(plan.total()) < 0) {
                throw new FinanceException(ErrorCode.INSUFFICIENT_FUNDS, "total",
                        "campaign " + plan.campaignId() + " holds " + held + ", less than the plan's " + plan.total());
            }
            var transaction = ledger.append(c, "distribution " + id + " prepared by " + plan.preparedBy() + ", approved by "
                    + plan.approvedBy().orElseThrow(), funding, OptionalLong.empty(), now);
            var debited = transaction.entries().stream()
                    .filter(e -> e.account().equals(source) && e.side() == Side.DEBIT)
                    .map(Entry::amount).reduce(Money.zero(plan.total().currency()), Money::plus);
            if (!debited.equals(plan.total())) {
                throw new IllegalArgumentException("the funding must debit " + source + " by " + plan.total() + ", not " + debited);
            }
            payouts.createAll(newPayouts, now);
            sql.update(c, "UPDATE distribution_plans SET status = ?, executed_by = ?, ledger_transaction_id = ?, updated_at = ? "
                    + "WHERE id = ?", PlanStatus.EXECUTING, executedBy, transaction.id(), now, id);
            return get(c, id);
        });
    }

    /**
     * Ends a payment run: {@code EXECUTING -> PAID} or {@code EXECUTING -> INCOMPLETE}.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} unless it is executing
     */
    public StoredPlan finishExecution(String id, PlanStatus outcome) {
        if (outcome != PlanStatus.PAID && outcome != PlanStatus.INCOMPLETE) {
            throw new IllegalArgumentException("a run ends PAID or INCOMPLETE, not " + outcome);
        }
        return database.inTransaction(c -> {
            move(c, id, EnumSet.of(PlanStatus.EXECUTING), outcome);
            sql.update(c, "UPDATE distribution_plans SET status = ?, updated_at = ? WHERE id = ?",
                    outcome, Sql.truncate(clock.instant()), id);
            return get(c, id);
        });
    }

    /**
     * Reissues a {@code DECLINED} payout of an {@code INCOMPLETE} plan under {@code newKey}: it
     * becomes {@code FAILED}, so the next run pays it as a new request (the old key would only be
     * declined again). Its money stays in the payable. Under the plan's row lock, so no run starts
     * meanwhile.
     *
     * @throws StoreException {@code NOT_FOUND}; {@code ILLEGAL_TRANSITION} if the plan is not
     *                        {@code INCOMPLETE}, or the payout is not one of its declined ones;
     *                        {@code DUPLICATE} if another payout holds {@code newKey}
     */
    public Payout reissuePayout(String planId, String payoutId, String newKey, String reason) {
        return database.inTransaction(c -> {
            move(c, planId, EnumSet.of(PlanStatus.INCOMPLETE), PlanStatus.INCOMPLETE);
            requireOfPlan(planId, payoutId);
            return payouts.reissue(c, payoutId, newKey, reason);
        });
    }

    /**
     * Cancels a {@code DECLINED} payout of an {@code INCOMPLETE} plan, in one transaction: posts
     * {@code entries} (the recipient's payable debited, the campaign credited: the money is the
     * campaign's again, for another plan), marks the payout {@code CANCELLED}, and, when no payout
     * of the plan is left open, moves the plan to {@code PAID}.
     *
     * @return the plan as it is now
     * @throws StoreException   as {@link #reissuePayout} (but {@code DUPLICATE})
     * @throws FinanceException if the entries do not balance; nothing is written
     */
    public StoredPlan cancelPayout(String planId, String payoutId, String reason, String memo, List<Entry> entries) {
        return database.inTransaction(c -> {
            move(c, planId, EnumSet.of(PlanStatus.INCOMPLETE), PlanStatus.PAID);
            requireOfPlan(planId, payoutId);
            payouts.cancel(c, payoutId, reason, memo, entries);
            if (payouts.countOpen(c, planId) == 0) {
                sql.update(c, "UPDATE distribution_plans SET status = ?, updated_at = ? WHERE id = ?",
                        PlanStatus.PAID, Sql.truncate(clock.instant()), planId);
            }
            return get(c, planId);
        });
    }

    private void requireOfPlan(String planId, String payoutId) {
        if (!payouts.find(payoutId).map(p -> p.planId().equals(planId)).orElse(false)) {
            throw new StoreException(StoreException.Code.NOT_FOUND, "plan " + planId + " has no payout " + payoutId);
        }
    }

    /**
     * Locks the plan's row and checks that it may move from its status to {@code target}; returns
     * it as it was, without its lines (none of the moves needs them, and a plan may have 100,000).
     */
    private StoredPlan move(Connection c, String id, Set<PlanStatus> from, PlanStatus target) throws SQLException {
        var plan = header(c, id, sql.dialect().forUpdate()).orElseThrow(() -> notFound(id));
        if (!from.contains(plan.status())) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "plan " + id + " is " + plan.status() + "; it cannot become " + target);
        }
        return plan;
    }

    private StoredPlan get(Connection c, String id) throws SQLException {
        return find(c, id, "").orElseThrow(() -> notFound(id));
    }

    private Optional<StoredPlan> find(Connection c, String id, String lock) throws SQLException {
        var header = header(c, id, lock);
        if (header.isEmpty()) {
            return header;
        }
        var lines = sql.list(c, "SELECT l.line, l.recipient_id, l.recipient_name, l.zakat_category, l.account_ref, l.ratio, "
                + "l.amount_minor, p.currency FROM distribution_plan_lines l JOIN distribution_plans p ON p.id = l.plan_id "
                + "WHERE l.plan_id = ? ORDER BY l.line", PlanStore::line, id);
        return Optional.of(withLines(header.get(), lines));
    }

    /** The plan's row alone, its lines left empty. */
    private Optional<StoredPlan> header(Connection c, String id, String lock) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM distribution_plans WHERE id = ?" + lock, rs -> plan(rs, List.of()), id);
    }

    private static StoredPlan withLines(StoredPlan p, List<PlanLine> lines) {
        return new StoredPlan(p.id(), p.campaignId(), p.fundType(), p.total(), p.status(), p.preparedBy(), p.preparedAt(),
                p.approvedBy(), p.approvedAt(), p.rejectedBy(), p.rejectedAt(), p.rejectionReason(), p.executedBy(),
                p.ledgerTransactionId(), p.updatedAt(), lines);
    }

    private static StoreException notFound(String id) {
        return new StoreException(StoreException.Code.NOT_FOUND, "no distribution plan " + id);
    }

    private StoredPlan plan(ResultSet rs, List<PlanLine> lines) throws SQLException {
        var total = Sql.money(rs, "total_minor", "currency");
        long ledgerId = rs.getLong("ledger_transaction_id");
        var ledgerTransactionId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(ledgerId);
        return new StoredPlan(rs.getString("id"), rs.getString("campaign_id"), FundType.valueOf(rs.getString("fund_type")),
                total, PlanStatus.valueOf(rs.getString("status")), rs.getString("prepared_by"),
                sql.instant(rs, "prepared_at"), Sql.optionalString(rs, "approved_by"),
                Optional.ofNullable(sql.instant(rs, "approved_at")), Sql.optionalString(rs, "rejected_by"),
                Optional.ofNullable(sql.instant(rs, "rejected_at")), Sql.optionalString(rs, "rejection_reason"),
                Sql.optionalString(rs, "executed_by"), ledgerTransactionId, sql.instant(rs, "updated_at"), lines);
    }

    private static PlanLine line(ResultSet rs) throws SQLException {
        return new PlanLine(rs.getInt("line"), rs.getString("recipient_id"), rs.getString("recipient_name"),
                Optional.ofNullable(rs.getString("zakat_category")).map(ZakatCategory::valueOf),
                rs.getString("account_ref"), new BigDecimal(rs.getString("ratio")), Sql.money(rs, "amount_minor", "currency"));
    }
}
