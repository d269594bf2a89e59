package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The floor of {@link ServiceThroughput}: the rows of accepted donations written by one plain JDBC
 * loop, one transaction per donation (its idempotency key with the stored answer, the donation
 * receipted, the ledger transaction and its two entries, the year's receipt serial and the
 * receipt: every row the service writes for an accepted donation, receipt mail being off by
 * default), on the same schema and connection settings as the service (opened through its
 * {@link Database}, which migrates it). What a service that did nothing but record donations, one
 * at a time, would cost.
 */
final class JdbcFloor implements Workload {
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final BenchDatabase.Kind kind;

    JdbcFloor(BenchDatabase.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int donations = ServiceThroughput.donations(scale);
        try (var benchDatabase = BenchDatabase.create(kind);
             var database = Database.open(benchDatabase.config());
             var connection = database.dataSource().getConnection()) {
            var dialect = database.dialect();
            connection.setAutoCommit(false);
            createCampaign(connection, dialect);
            long start = System.nanoTime();
            insertAll(connection, dialect, donations);
            long nanos = System.nanoTime() - start;
            check(connection, donations);
            return List.of(Sample.rate(ServiceThroughput.rate(kind, donations), donations, nanos));
        }
    }

    private static void createCampaign(Connection c, Dialect dialect) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO campaigns (id, name, fund_type, goal_minor, currency, starts_on,"
                + " ends_on, state, created_at, updated_at) VALUES (?, 'Benchmark', 'SADAQAH', 100000000000, 'GBP', ?, ?,"
                + " 'ACTIVE', ?, ?)")) {
            ps.setString(1, BenchService.CAMPAIGN);
            date(ps, 2, dialect, LocalDate.of(2020, 1, 1));
            date(ps, 3, dialect, LocalDate.of(2099, 12, 31));
            instant(ps, 4, dialect, Instant.now());
            instant(ps, 5, dialect, Instant.now());
            ps.executeUpdate();
        }
        c.commit();
    }

    private static void insertAll(Connection c, Dialect dialect, int donations) throws SQLException {
        try (var key = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, fingerprint, state, response_status,"
                + " response_body, claimed_at, completed_at) VALUES (?, ?, 'COMPLETED', 201, ?, ?, ?)");
             var transaction = c.prepareStatement(
                     "INSERT INTO ledger_transactions (memo, posted_at) VALUES (?, ?) RETURNING id");
             var entry = c.prepareStatement("INSERT INTO ledger_entries (transaction_id, line, account_type, account_id,"
                     + " side, amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?, 'GBP')");
             var donation = c.prepareStatement("INSERT INTO donations (id, idempotency_key, campaign_id, donor_id,"
                     + " donor_email, donor_name, amount_minor, currency, phase, gateway_charge_id, ledger_transaction_id,"
                     + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'GBP', 'RECEIPTED', ?, ?, ?, ?)");
             var serial = c.prepareStatement("INSERT INTO receipt_serials (year, last_number) VALUES (?, 1)"
                     + " ON CONFLICT (year) DO UPDATE SET last_number = receipt_serials.last_number + 1 RETURNING last_number");
             var receipt = c.prepareStatement("INSERT INTO receipts (serial, year, number, donation_id, organisation_name,"
                     + " organisation_address, charity_number, donor_id, donor_name, donor_email, amount_minor, currency,"
                     + " fund_type, campaign_id, campaign_name, donated_on, donated_on_hijri, payment_reference, issued_at)"
                     + " VALUES (?, ?, ?, ?, 'Benchmark Charity', '1 Bench Street', '000000', ?, ?, ?, ?, 'GBP', 'SADAQAH', ?,"
                     + " 'Benchmark', ?, '1 Rajab 1448', ?, ?)")) {
            for (int i = 0; i < donations; i++) {
                var now = Instant.now();
                var id = "don_floor_" + i;
                long amount = HttpDonations.amount(i);
                key.setString(1, "bench-" + i);
                key.setString(2, "fingerprint-" + i);
                key.setString(3, "{\"donationId\":\"" + id + "\",\"status\":\"ACCEPTED\",\"amountMinor\":" + amount + "}");
                instant(key, 4, dialect, now);
                instant(key, 5, dialect, now);
                key.executeUpdate();
                transaction.setString(1, "donation " + id);
                instant(transaction, 2, dialect, now);
                long transactionId;
                try (var rs = transaction.executeQuery()) {
                    rs.next();
                    transactionId = rs.getLong(1);
                }
                entry(entry, transactionId, 1, "CLEARING", "sandbox", "DEBIT", amount);
                entry(entry, transactionId, 2, "CAMPAIGN", BenchService.CAMPAIGN, "CREDIT", amount);
                donation.setString(1, id);
                donation.setString(2, "bench-" + i);
                donation.setString(3, BenchService.CAMPAIGN);
                donation.setString(4, "donor_" + i);
                donation.setString(5, "donor" + i + "@example.org");
                donation.setString(6, "Donor " + i);
                donation.setLong(7, amount);
                donation.setString(8, "ch_" + i);
                donation.setLong(9, transactionId);
                instant(donation, 10, dialect, now);
                instant(donation, 11, dialect, now);
                donation.executeUpdate();
                int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
                serial.setInt(1, year);
                long number;
                try (var rs = serial.executeQuery()) {
                    rs.next();
                    number = rs.getLong(1);
                }
                receipt.setString(1, "AMN-" + year + "-" + number);
                receipt.setInt(2, year);
                receipt.setLong(3, number);
                receipt.setString(4, id);
                receipt.setString(5, "donor_" + i);
                receipt.setString(6, "Donor " + i);
                receipt.setString(7, "donor" + i + "@example.org");
                receipt.setLong(8, amount);
                receipt.setString(9, BenchService.CAMPAIGN);
                date(receipt, 10, dialect, LocalDate.ofInstant(now, ZoneOffset.UTC));
                receipt.setString(11, "ch_" + i);
                instant(receipt, 12, dialect, now);
                receipt.executeUpdate();
                c.commit();
            }
        }
    }

    private static void entry(PreparedStatement ps, long transactionId, int line, String type, String account,
                              String side, long amount) throws SQLException {
        ps.setLong(1, transactionId);
        ps.setInt(2, line);
        ps.setString(3, type);
        ps.setString(4, account);
        ps.setString(5, side);
        ps.setLong(6, amount);
        ps.executeUpdate();
    }

    private static void check(Connection c, int donations) throws SQLException {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM donations d JOIN receipts r ON r.donation_id = d.id"
                + " WHERE d.phase = 'RECEIPTED'");
             var rs = ps.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            BenchmarkFailure.check(count == donations, () -> "the JDBC floor wrote " + count + " receipted donations, not " + donations);
        }
    }

    private static void instant(PreparedStatement ps, int index, Dialect dialect, Instant instant) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            ps.setString(index, SQLITE_INSTANT.format(instant));
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }

    private static void date(PreparedStatement ps, int index, Dialect dialect, LocalDate date) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            ps.setString(index, date.toString());
        } else {
            ps.setObject(index, date);
        }
    }
}
