package dev.amanah.donations.report;

import dev.amanah.donations.store.AccountBalance;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Dialect;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads a report's sections from the store with one read-only query (or two) each, in its own
 * database transaction; sums are computed by the database in whole minor units. A month is
 * {@code [first day 00:00, first day of the next month 00:00)} in the organisation's zone (the
 * one its receipts are dated in, {@code receipts.zone}), so a month's receipts and its report
 * count the same donations; a donation belongs to the month its ledger transaction was posted in,
 * and a refund to the month its release was posted in and, if voided, to the month its release
 * was reversed in, so a month's donation and refund figures are the ledger's movements in it and
 * do not change once it is over; refunds and payouts are shown with their status at the month's
 * end (read from the ledger, and for a payout's declines from {@code payout_declines}), a payout
 * still owed at a month's end in that month whichever month its plan was run in. On SQLite
 * (one pooled connection) concurrent sections take turns; on PostgreSQL they run in parallel. Thread-safe; blocks on the database.
 */
public final class DatabaseReportSource implements ReportSource {
    private static final String RECORDED = "d.phase IN ('RECORDED', 'RECEIPTED')";
    /** The same fixed-width text the store writes, so SQLite compares instants as text in time order. */
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Store store;
    private final Database database;
    private final ZoneId zone;

    /** Reads from {@code store}'s database, with months in {@code zone} ({@code receipts.zone}). */
    public DatabaseReportSource(Store store, ZoneId zone) {
        this.store = Objects.requireNonNull(store, "store");
        this.database = store.database();
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String title(ReportScope scope) {
        return scope.campaignId().map(id -> store.campaigns().find(id).orElseThrow(() ->
                new StoreException(StoreException.Code.NOT_FOUND, "no campaign " + id)).name()).orElse("All campaigns");
    }

    @Override
    public Section.Totals totals(ReportScope scope, YearMonth month) {
        record Key(FundType fund, Currency currency) {
        }
        final class Sums {
            long count;
            long gross;
            long refunded;
            long voided;
        }
        return database.inTransaction(c -> {
            var sums = new TreeMap<Key, Sums>(Comparator.comparing(Key::fund).thenComparing(k -> k.currency().getCurrencyCode()));
            query(c, "SELECT cp.fund_type, d.currency, COUNT(*), SUM(d.amount_minor) FROM donations d"
                            + " JOIN campaigns cp ON cp.id = d.campaign_id JOIN ledger_transactions t ON t.id = d.ledger_transaction_id"
                            + " WHERE " + RECORDED + " AND t.posted_at >= ? AND t.posted_at < ?" + campaignFilter(scope, "d")
                            + " GROUP BY cp.fund_type, d.currency",
                    rs -> {
                        var line = sums.computeIfAbsent(new Key(FundType.valueOf(rs.getString(1)), currency(rs, 2)), k -> new Sums());
                        line.count = rs.getLong(3);
                        line.gross = rs.getLong(4);
                    },
                    withCampaign(scope, start(month), end(month)));
            // A refund leaves the campaign when its release is posted (it is requested) and, if the
            // gateway refuses it, comes back when the release is reversed (it is voided): each
            // counts in the month of its own ledger transaction, whatever became of the refund later.
            query(c, "SELECT cp.fund_type, r.currency, SUM(r.amount_minor) FROM refunds r"
                            + " JOIN donations d ON d.id = r.donation_id JOIN campaigns cp ON cp.id = d.campaign_id"
                            + " JOIN ledger_transactions t ON t.id = r.release_transaction_id"
                            + " WHERE t.posted_at >= ? AND t.posted_at < ?" + campaignFilter(scope, "d")
                            + " GROUP BY cp.fund_type, r.currency",
                    rs -> sums.computeIfAbsent(new Key(FundType.valueOf(rs.getString(1)), currency(rs, 2)), k -> new Sums())
                            .refunded = rs.getLong(3),
                    withCampaign(scope, start(month), end(month)));
            query(c, "SELECT cp.fund_type, r.currency, SUM(r.amount_minor) FROM refunds r"
                            + " JOIN donations d ON d.id = r.donation_id JOIN campaigns cp ON cp.id = d.campaign_id"
                            + " JOIN ledger_transactions v ON v.reversal_of = r.release_transaction_id"
                            + " WHERE v.posted_at >= ? AND v.posted_at < ?" + campaignFilter(scope, "d")
                            + " GROUP BY cp.fund_type, r.currency",
                    rs -> sums.computeIfAbsent(new Key(FundType.valueOf(rs.getString(1)), currency(rs, 2)), k -> new Sums())
                            .voided = rs.getLong(3),
                    withCampaign(scope, start(month), end(month)));
            var lines = new ArrayList<Section.FundLine>();
            sums.forEach((key, line) -> {
                var in = Money.ofMinor(line.gross, key.currency());
                var out = Money.ofMinor(line.refunded, key.currency());
                var back = Money.ofMinor(line.voided, key.currency());
                lines.add(new Section.FundLine(key.fund(), line.count, in, out, back, in.minus(out).plus(back)));
            });
            return new Section.Totals(lines);
        });
    }

    @Override
    public Section.Donors donors(ReportScope scope, YearMonth month) {
        return database.inTransaction(c -> {
            var args = new ArrayList<Object>();
            args.add(start(month));
            scope.campaignId().ifPresent(args::add);
            args.addAll(withCampaign(scope, start(month), end(month)));
            var counts = new long[3];
            query(c, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM donations p"
                            + " JOIN ledger_transactions pt ON pt.id = p.ledger_transaction_id"
                            + " WHERE p.donor_id = m.donor_id AND p.phase IN ('RECORDED', 'RECEIPTED') AND pt.posted_at < ?"
                            + campaignFilter(scope, "p") + ") THEN 1 ELSE 0 END), 0)"
                            + " FROM (SELECT DISTINCT d.donor_id FROM donations d JOIN ledger_transactions t ON t.id = d.ledger_transaction_id"
                            + " WHERE " + RECORDED + " AND t.posted_at >= ? AND t.posted_at < ?" + campaignFilter(scope, "d") + ") m",
                    rs -> {
                        counts[0] = rs.getLong(1);
                        counts[1] = rs.getLong(2);
                    }, args);
            query(c, "SELECT COUNT(*) FROM donations d JOIN ledger_transactions t ON t.id = d.ledger_transaction_id"
                            + " WHERE " + RECORDED + " AND t.posted_at >= ? AND t.posted_at < ?" + campaignFilter(scope, "d"),
                    rs -> counts[2] = rs.getLong(1), withCampaign(scope, start(month), end(month)));
            return new Section.Donors(counts[0], counts[0] - counts[1], counts[1], counts[2]);
        });
    }

    @Override
    public Section.Refunds refunds(ReportScope scope, YearMonth month) {
        return database.inTransaction(c -> {
            var lines = new ArrayList<Section.RefundLine>();
            // A refund's status at the month's end is read from the ledger, as the totals are: posted
            // if its held transfer was posted by then, voided if its release was reversed by then,
            // else still pending; so the report of a month that is over does not change.
            query(c, "SELECT CASE WHEN pt.posted_at < ? THEN 'POSTED' WHEN v.posted_at < ? THEN 'VOIDED' ELSE 'PENDING' END,"
                            + " r.currency, COUNT(*), SUM(r.amount_minor) FROM refunds r JOIN donations d ON d.id = r.donation_id"
                            + " JOIN ledger_transactions t ON t.id = r.release_transaction_id"
                            + " JOIN ledger_pending_transfers p ON p.id = r.pending_transfer_id"
                            + " LEFT JOIN ledger_transactions pt ON pt.id = p.transaction_id"
                            + " LEFT JOIN ledger_transactions v ON v.reversal_of = r.release_transaction_id"
                            + " WHERE t.posted_at >= ? AND t.posted_at < ?" + campaignFilter(scope, "d")
                            + " GROUP BY 1, r.currency ORDER BY 1, r.currency",
                    rs -> lines.add(new Section.RefundLine(RefundStatus.valueOf(rs.getString(1)), rs.getLong(3),
                            Money.ofMinor(rs.getLong(4), currency(rs, 2)))),
                    withCampaign(scope, end(month), end(month), start(month), end(month)));
            return new Section.Refunds(lines);
        });
    }

    @Override
    public Section.Distributions distributions(ReportScope scope, YearMonth month) {
        return database.inTransaction(c -> {
            var lines = new ArrayList<Section.DistributionLine>();
            // Settled in the month (paid or cancelled: its ledger transaction posted then), or
            // still owed at its end (funded by then and not settled), DECLINED if a decline not yet
            // reissued was recorded by then, else PENDING: each read as it stood at the month's end,
            // so a month that is over does not change when its payouts are settled later.
            query(c, "SELECT x.payout_group, CASE WHEN x.settled_at < ? THEN x.status WHEN EXISTS (SELECT 1 FROM payout_declines pd"
                            + " WHERE pd.payout_id = x.id AND pd.declined_at < ? AND (pd.reissued_at IS NULL OR pd.reissued_at >= ?))"
                            + " THEN 'DECLINED' ELSE 'PENDING' END,"
                            + " x.currency, COUNT(*), SUM(x.amount_minor) FROM (" + payouts(scope) + ") x"
                            + " WHERE (x.settled_at >= ? AND x.settled_at < ?)"
                            + " OR (x.funded_at < ? AND (x.settled_at IS NULL OR x.settled_at >= ?))"
                            + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                    rs -> lines.add(new Section.DistributionLine(rs.getString(1), PayoutStatus.valueOf(rs.getString(2)),
                            rs.getLong(4), Money.ofMinor(rs.getLong(5), currency(rs, 3)))),
                    inOrder(List.of(end(month), end(month), end(month)), scope, start(month), end(month), end(month), end(month)));
            var payables = new ArrayList<Section.PayableLine>();
            // Each payout counts in the columns its funding and settlement times put it in: owed at
            // the start if funded before it and not settled before it, owed at the end likewise.
            query(c, "SELECT x.currency,"
                            + " SUM(CASE WHEN x.funded_at < ? AND (x.settled_at IS NULL OR x.settled_at >= ?) THEN x.amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN x.funded_at >= ? THEN x.amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN x.settled_at < ? AND x.status = 'PAID' THEN x.amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN x.settled_at < ? AND x.status = 'CANCELLED' THEN x.amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN x.settled_at IS NULL OR x.settled_at >= ? THEN x.amount_minor ELSE 0 END)"
                            + " FROM (" + payouts(scope) + ") x WHERE x.funded_at < ? AND (x.settled_at IS NULL OR x.settled_at >= ?)"
                            + " GROUP BY x.currency ORDER BY x.currency",
                    rs -> {
                        var currency = currency(rs, 1);
                        payables.add(new Section.PayableLine(Money.ofMinor(rs.getLong(2), currency),
                                Money.ofMinor(rs.getLong(3), currency), Money.ofMinor(rs.getLong(4), currency),
                                Money.ofMinor(rs.getLong(5), currency), Money.ofMinor(rs.getLong(6), currency)));
                    },
                    inOrder(List.of(start(month), start(month), start(month), end(month), end(month), end(month)), scope,
                            end(month), start(month)));
            return new Section.Distributions(lines, payables, "Payouts by the recipient category of their zakat plan line"
                    + " (another fund's plans by fund): PAID and CANCELLED, those whose ledger transaction (paid out, or"
                    + " given back to the campaign) was posted in the month; DECLINED and PENDING, those still owed at the"
                    + " month's end whenever their plan was run (DECLINED if declined then and not reissued, else PENDING:"
                    + " to be paid, a failed attempt included); a campaign's report shows the plans drawn on it.");
        });
    }

    /**
     * Every payout of the scope with its group, the time its money went into the payable (its
     * plan's funding transaction; the payout's own time for one without a funded plan) and the
     * time it was settled (its own ledger transaction: paid or cancelled), if it was. Takes the
     * campaign, if any, as its one parameter.
     */
    private static String payouts(ReportScope scope) {
        // A payout's group: its recipient's zakat category, else its plan's fund (sadaqah and the
        // like have no categories), else its plan (a payout booked without a plan line).
        return "SELECT p.id, p.status, p.currency, p.amount_minor,"
                + " CASE WHEN l.zakat_category IS NOT NULL THEN l.zakat_category"
                + " WHEN dp.fund_type IS NOT NULL THEN dp.fund_type ELSE 'plan ' || p.plan_id END AS payout_group,"
                + " COALESCE(f.posted_at, p.created_at) AS funded_at, t.posted_at AS settled_at FROM payouts p"
                + " LEFT JOIN distribution_plans dp ON dp.id = p.plan_id"
                + " LEFT JOIN distribution_plan_lines l ON l.plan_id = p.plan_id AND l.recipient_id = p.recipient_id"
                + " LEFT JOIN ledger_transactions f ON f.id = dp.ledger_transaction_id"
                + " LEFT JOIN ledger_transactions t ON t.id = p.ledger_transaction_id"
                + (scope.campaignId().isPresent() ? " WHERE dp.campaign_id = ?" : "");
    }

    @Override
    public Section.Ledger ledger(ReportScope scope, YearMonth month) {
        return database.inTransaction(c -> {
            var trial = new ArrayList<Section.TrialLine>();
            query(c, "SELECT e.currency, SUM(CASE WHEN e.side = 'DEBIT' THEN e.amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN e.side = 'CREDIT' THEN e.amount_minor ELSE 0 END)"
                            + " FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.posted_at < ?"
                            + " GROUP BY e.currency ORDER BY e.currency",
                    rs -> trial.add(new Section.TrialLine(Money.ofMinor(rs.getLong(2), currency(rs, 1)),
                            Money.ofMinor(rs.getLong(3), currency(rs, 1)))),
                    List.of(end(month)));
            var balances = new ArrayList<AccountBalance>();
            var args = new ArrayList<Object>(List.of(end(month)));
            scope.campaignId().ifPresent(args::add);
            query(c, "SELECT e.account_type, e.account_id, e.currency,"
                            + " SUM(CASE WHEN e.side = 'DEBIT' THEN e.amount_minor ELSE -e.amount_minor END)"
                            + " FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.posted_at < ?"
                            + (scope.campaignId().isPresent() ? " AND e.account_type = 'CAMPAIGN' AND e.account_id = ?" : "")
                            + " GROUP BY e.account_type, e.account_id, e.currency ORDER BY e.account_type, e.account_id, e.currency",
                    rs -> balances.add(new AccountBalance(new Account(AccountType.valueOf(rs.getString(1)), rs.getString(2)),
                            Money.ofMinor(rs.getLong(4), currency(rs, 3)))),
                    args);
            return new Section.Ledger(balances, trial);
        });
    }

    // ---- JDBC ----

    @FunctionalInterface
    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(Connection c, String sql, RowAction row, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                bind(ps, i + 1, args.get(i));
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case String s -> ps.setString(index, s);
            case Instant t when database.dialect() == Dialect.SQLITE -> ps.setString(index, SQLITE_INSTANT.format(t));
            case Instant t -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            default -> throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
        }
    }

    private static List<Object> withCampaign(ReportScope scope, Object... args) {
        var out = new ArrayList<>(List.of(args));
        scope.campaignId().ifPresent(out::add);
        return out;
    }

    /** The parameters of a query over {@link #payouts}: {@code before} it, its campaign if any, {@code after} it. */
    private static List<Object> inOrder(List<Object> before, ReportScope scope, Object... after) {
        var out = new ArrayList<>(before);
        scope.campaignId().ifPresent(out::add);
        out.addAll(List.of(after));
        return out;
    }

    private static String campaignFilter(ReportScope scope, String alias) {
        return scope.campaignId().isPresent() ? " AND " + alias + ".campaign_id = ?" : "";
    }

    private static Currency currency(ResultSet rs, int column) throws SQLException {
        return Currencies.paymentCurrency(rs.getString(column).trim(), "currency");
    }

    /** The first instant of the month in the zone (the day's first, where a gap skips midnight). */
    private Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    private Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }
}
