package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.report.DatabaseReportSource;
import dev.amanah.donations.report.ReportScope;
import dev.amanah.donations.report.Section;
import dev.amanah.finance.money.Money;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * V42 on a database made before it: a payout declined then is counted as declined from the time
 * it was last changed, so the monthly report of the month of its decline shows it DECLINED.
 */
class PayoutDeclinesMigrationTest {
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @BothDatabases
    void a_payout_declined_before_v42_is_declined_from_its_last_change(TestDatabase db) throws Exception {
        var config = db.config();
        if (db.dialect() == Dialect.SQLITE) {
            Files.createDirectories(Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length())).getParent());
        } else {
            // A PostgreSQL test database is a copy of one migrated to the end: emptied first.
            try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                 var statement = c.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }
        }
        // The scripts' own placeholders (Database's), as the database was migrated up to V41.
        var placeholders = db.dialect() == Dialect.SQLITE
                ? Map.of("identity", "INTEGER PRIMARY KEY AUTOINCREMENT", "timestamp", "TEXT", "date", "TEXT")
                : Map.of("identity", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "timestamp", "TIMESTAMPTZ", "date", "DATE");
        Flyway.configure().locations("classpath:db/migration/common", "classpath:db/migration/" + db.dialect().vendorFolder())
                .placeholders(placeholders).dataSource(config.jdbcUrl(), config.user(), config.password()).target("41")
                .load().migrate();
        try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             var insert = c.prepareStatement("INSERT INTO payouts (id, idempotency_key, plan_id, recipient_id, amount_minor,"
                     + " currency, status, attempts, created_at, updated_at) VALUES ('p-old', 'key-p-old', 'plan-old', 'r-old',"
                     + " 1000, 'GBP', 'DECLINED', 1, ?, ?)")) {
            bind(db, insert, 1, Instant.parse("2026-10-20T10:00:00Z"));
            bind(db, insert, 2, Instant.parse("2026-10-25T10:00:00Z"));
            insert.executeUpdate();
        }

        var reports = new DatabaseReportSource(db.store(), ZoneOffset.UTC);
        var declined = new Section.DistributionLine("plan plan-old", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP"));
        assertThat(reports.distributions(ReportScope.organisation(), YearMonth.of(2026, 10)).lines()).containsExactly(declined);
    }

    private static void bind(TestDatabase db, PreparedStatement statement, int index, Instant instant)
            throws SQLException {
        if (db.dialect() == Dialect.SQLITE) {
            statement.setString(index, SQLITE_INSTANT.format(instant));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
