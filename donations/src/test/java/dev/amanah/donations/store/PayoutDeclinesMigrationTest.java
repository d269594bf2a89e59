package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.report.DatabaseReportSource;
import dev.amanah.donations.report.ReportScope;
import dev.amanah.donations.report.Section;
import dev.amanah.finance.money.Money;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * V42 on a database made before it: a payout declined then is counted as declined from the time
 * it was last changed, so the monthly report of the month of its decline shows it DECLINED.
 */
class PayoutDeclinesMigrationTest {

    @BothDatabases
    void a_payout_declined_before_v42_is_declined_from_its_last_change(TestDatabase db) throws Exception {
        EarlierSchema.migrateTo(db, "41");
        var config = db.config();
        try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             var insert = c.prepareStatement("INSERT INTO payouts (id, idempotency_key, plan_id, recipient_id, amount_minor,"
                     + " currency, status, attempts, created_at, updated_at) VALUES ('p-old', 'key-p-old', 'plan-old', 'r-old',"
                     + " 1000, 'GBP', 'DECLINED', 1, ?, ?)")) {
            EarlierSchema.bind(db, insert, 1, Instant.parse("2026-10-20T10:00:00Z"));
            EarlierSchema.bind(db, insert, 2, Instant.parse("2026-10-25T10:00:00Z"));
            insert.executeUpdate();
        }

        var reports = new DatabaseReportSource(db.store(), ZoneOffset.UTC);
        var declined = new Section.DistributionLine("plan plan-old", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP"));
        assertThat(reports.distributions(ReportScope.organisation(), YearMonth.of(2026, 10)).lines()).containsExactly(declined);
    }

}
