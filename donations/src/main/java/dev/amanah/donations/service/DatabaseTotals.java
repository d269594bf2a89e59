package dev.amanah.donations.service;

import dev.amanah.donations.campaign.CampaignTotals;
import dev.amanah.donations.campaign.CampaignTotalsSource;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Dialect;
import dev.amanah.donations.store.DonationStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A campaign's statistics as the database holds them, for its statistics server to (re)start
 * from: sums and counts of the recorded donations and posted refunds, the distinct donors, and the
 * donations recorded and refunds posted within {@code horizon} (so the server ignores an event for
 * a donation or a refund this load already counted: both are committed before their events are
 * sent). A donation is recent by when it was booked in the ledger, not when its row last changed
 * (a late receipt). One read transaction; thread-safe; blocks on the database.
 */
final class DatabaseTotals implements CampaignTotalsSource {
    private static final int MAX_RECENT = 100_000;

    private final Database database;
    private final CampaignStore campaigns;
    private final DonationStore donations;
    private final Duration horizon;
    private final Clock clock;

    DatabaseTotals(Database database, CampaignStore campaigns, DonationStore donations, Duration horizon, Clock clock) {
        this.database = database;
        this.campaigns = campaigns;
        this.donations = donations;
        this.horizon = horizon;
        this.clock = clock;
    }

    @Override
    public CampaignTotals load(String campaignId) {
        return database.inTransaction(connection -> {
            if (database.dialect() == Dialect.POSTGRESQL) {
                // One snapshot for every query below. Under PostgreSQL's default READ COMMITTED each
                // statement sees the commits made since the last: a donation committed between the
                // sums and the list of recent ids would be in the list but not in the sums, and its
                // event, taken for one already counted, would be dropped for good (seen in a test).
                // SQLite needs nothing: BEGIN IMMEDIATE holds the one writer out until we are done.
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            var campaign = campaigns.get(campaignId);
            var totals = donations.totals(campaignId);
            var donors = new HashSet<String>();
            var recent = new ArrayList<CampaignTotals.Recent>();
            var since = clock.instant().minus(horizon);
            // A donation is dated when it was booked in the ledger (as its event is), not by its
            // row's updated_at: a receipt issued hours later (amanah receipts, or recovery) moves
            // that, and the rate window counted the old gift as one made just now.
            try (var statement = connection.prepareStatement("""
                    SELECT d.id, d.donor_id, t.posted_at FROM donations d
                    JOIN ledger_transactions t ON t.id = d.ledger_transaction_id
                    WHERE d.campaign_id = ? AND d.phase IN ('RECORDED', 'RECEIPTED') ORDER BY t.posted_at DESC, t.id DESC""")) {
                statement.setString(1, campaignId);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        donors.add(rows.getString("donor_id"));
                        var at = instant(rows, "posted_at");
                        if (recent.size() < MAX_RECENT && !at.isBefore(since)) {
                            recent.add(new CampaignTotals.Recent(rows.getString("id"), at, false));
                        }
                    }
                }
            }
            addRecentRefunds(connection, campaignId, since, recent);
            return new CampaignTotals(campaignId, campaign.goal(), totals.raised(), totals.refunded(),
                    totals.donationCount(), refundCount(connection, campaignId), donors, recent);
        });
    }

    /**
     * Adds the refunds posted since {@code since}, newest first, to {@code recent} (up to
     * {@link #MAX_RECENT} in all). A refund is committed POSTED before its event is sent, so a load
     * between the two has subtracted it already; remembered here, its late event is ignored.
     */
    private void addRecentRefunds(Connection connection, String campaignId, Instant since, List<CampaignTotals.Recent> recent)
            throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT r.id, r.resolved_at FROM refunds r JOIN donations d ON d.id = r.donation_id
                WHERE d.campaign_id = ? AND r.status = 'POSTED' ORDER BY r.resolved_at DESC""")) {
            statement.setString(1, campaignId);
            try (var rows = statement.executeQuery()) {
                while (rows.next() && recent.size() < MAX_RECENT) {
                    var at = instant(rows, "resolved_at");
                    if (at.isBefore(since)) {
                        break; // newest first: every further one is older still
                    }
                    recent.add(new CampaignTotals.Recent(rows.getString("id"), at, true));
                }
            }
        }
    }

    private static long refundCount(Connection connection, String campaignId) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT COUNT(*) FROM refunds r JOIN donations d ON d.id = r.donation_id
                WHERE d.campaign_id = ? AND r.status = 'POSTED'""")) {
            statement.setString(1, campaignId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Instant instant(ResultSet rows, String column) throws SQLException {
        // SQLite keeps instants as ISO-8601 text in UTC; PostgreSQL as TIMESTAMPTZ.
        return database.dialect() == Dialect.SQLITE
                ? Instant.parse(rows.getString(column))
                : rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
