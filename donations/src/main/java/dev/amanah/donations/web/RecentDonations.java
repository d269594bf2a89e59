package dev.amanah.donations.web;

import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Dialect;
import dev.amanah.finance.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The newest accepted (recorded) donations, for the dashboard's first feed lines and chart: a
 * read-only query; the live figures never come from here. A donation is dated when it was booked
 * in the ledger, when it was given, not when its row last changed: a receipt issued hours later
 * (by {@code amanah receipts}, or recovery after a failed one) moves the row's {@code updated_at},
 * and the feed showed that old gift as one made just now. Thread-safe.
 */
final class RecentDonations {
    /**
     * A stored donation as the public may see it: no donor.
     *
     * @param campaignId its campaign
     * @param amount     how much
     * @param at         when it was booked in the ledger (given)
     */
    record Row(String campaignId, Money amount, Instant at) {
    }

    // SQLite stores instants as fixed-width text (microseconds, Z), which compares in time order.
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Database database;

    RecentDonations(Database database) {
        this.database = database;
    }

    /** At most {@code limit} donations booked at or after {@code since}, newest first. */
    List<Row> since(Instant since, int limit) {
        var sqlite = database.dialect() == Dialect.SQLITE;
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT d.campaign_id, d.amount_minor, d.currency, t.posted_at FROM donations d"
                    + " JOIN ledger_transactions t ON t.id = d.ledger_transaction_id"
                    + " WHERE d.phase IN ('RECORDED', 'RECEIPTED') AND t.posted_at >= ? ORDER BY t.posted_at DESC, t.id DESC LIMIT ?")) {
                if (sqlite) {
                    ps.setString(1, SQLITE_INSTANT.format(since));
                } else {
                    ps.setObject(1, since.atOffset(ZoneOffset.UTC));
                }
                ps.setInt(2, limit);
                try (var rs = ps.executeQuery()) {
                    var rows = new ArrayList<Row>();
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), Money.ofMinor(rs.getLong(2), Currency.getInstance(rs.getString(3).strip())),
                                instant(rs, sqlite)));
                    }
                    return rows;
                }
            }
        });
    }

    private static Instant instant(ResultSet rs, boolean sqlite) throws SQLException {
        return sqlite ? Instant.parse(rs.getString(4)) : rs.getObject(4, OffsetDateTime.class).toInstant();
    }
}
