package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * V43 on a database made before it: a mail the mailer gave up on after running out of attempts
 * failed for transient reasons, any other failed mail was refused for good, and a mail that did
 * not fail has no failure kind; so queueing the failed mails again after the upgrade leaves the
 * refused ones alone.
 */
class MailFailureKindMigrationTest {
    private static final Instant AT = Instant.parse("2026-10-20T10:00:00Z");

    @BothDatabases
    void mails_failed_before_v43_are_transient_when_given_up_on_and_permanent_otherwise(TestDatabase db) throws Exception {
        EarlierSchema.migrateTo(db, "42");
        var config = db.config();
        try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            campaign(db, c);
            mail(db, c, 1, "FAILED", "gave up after 8 attempts: MailConnectException: Couldn't connect to host");
            mail(db, c, 2, "FAILED", "SMTP 550: 5.1.1 mailbox does not exist");
            mail(db, c, 3, "FAILED", "bad address: Missing final '@domain'");
            mail(db, c, 4, "PENDING", "SMTP 451: try again later");
            mail(db, c, 5, "SENT", null);
        }

        var outbox = new MailOutboxStore(db.store().database(), java.time.Clock.fixed(AT.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(outbox.forReceipt("AMN-2026-000001").orElseThrow().failureKind()).contains(OutboxMail.FailureKind.TRANSIENT);
        assertThat(outbox.forReceipt("AMN-2026-000002").orElseThrow().failureKind()).contains(OutboxMail.FailureKind.PERMANENT);
        assertThat(outbox.forReceipt("AMN-2026-000003").orElseThrow().failureKind()).contains(OutboxMail.FailureKind.PERMANENT);
        assertThat(outbox.forReceipt("AMN-2026-000004").orElseThrow().failureKind()).isEmpty();
        assertThat(outbox.forReceipt("AMN-2026-000005").orElseThrow().failureKind()).isEmpty();
        assertThat(outbox.requeueFailed(Optional.empty(), false)).isEqualTo(new MailOutboxStore.Requeued(1, 0, 2));
    }

    /**
     * An older binary still running after V43 gives mails up without a failure kind, where the
     * backfill cannot see them: they are classed when read by the rule the backfill used, so
     * {@code --retry-failed} and the staff page's "Retry all transient" queue the one given up on
     * after transient failures and count the one refused for good as skipped, never neither.
     */
    @BothDatabases
    void a_mail_an_older_binary_fails_after_v43_is_classed_by_its_reason_when_read(TestDatabase db) throws Exception {
        EarlierSchema.migrateTo(db, "43");
        var config = db.config();
        try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            campaign(db, c);
            mail(db, c, 1, "FAILED", "gave up after 8 attempts: SMTP 451: try again later");
            mail(db, c, 2, "FAILED", "SMTP 550: 5.1.1 mailbox does not exist");
            mail(db, c, 3, "FAILED", null);
        }
        var outbox = new MailOutboxStore(db.store().database(), java.time.Clock.fixed(AT.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(outbox.failed(10)).extracting(OutboxMail::receiptSerial, OutboxMail::failureKind).containsExactly(
                tuple("AMN-2026-000003", Optional.of(OutboxMail.FailureKind.PERMANENT)),
                tuple("AMN-2026-000002", Optional.of(OutboxMail.FailureKind.PERMANENT)),
                tuple("AMN-2026-000001", Optional.of(OutboxMail.FailureKind.TRANSIENT)));
        assertThat(outbox.requeueFailed(Optional.empty(), false)).isEqualTo(new MailOutboxStore.Requeued(1, 0, 2));
        assertThat(outbox.forReceipt("AMN-2026-000001").orElseThrow().status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(outbox.requeueFailed(Optional.empty(), true)).isEqualTo(new MailOutboxStore.Requeued(0, 2, 0));
        assertThat(outbox.failedCount()).isZero();
    }

    /** The campaign the donations of {@link #mail} go to. */
    private static void campaign(TestDatabase db, Connection c) throws SQLException {
        try (var campaign = c.prepareStatement("INSERT INTO campaigns (id, name, fund_type, goal_minor, currency, starts_on,"
                + " ends_on, state, created_at, updated_at) VALUES ('c-1', 'Campaign', 'ZAKAT', 100000, 'GBP', ?, ?, 'ACTIVE', ?, ?)")) {
            bindDay(db, campaign, 1, LocalDate.of(2026, 1, 1));
            bindDay(db, campaign, 2, LocalDate.of(2026, 12, 31));
            EarlierSchema.bind(db, campaign, 3, AT);
            EarlierSchema.bind(db, campaign, 4, AT);
            campaign.executeUpdate();
        }
    }

    /** Donation {@code n}, its receipt AMN-2026-00000n and its mail, {@code status} with {@code lastError}. */
    private static void mail(TestDatabase db, Connection c, int n, String status, String lastError) throws SQLException {
        var donation = "d-" + n;
        var serial = "AMN-2026-00000" + n;
        try (var insert = c.prepareStatement("INSERT INTO donations (id, idempotency_key, campaign_id, donor_id, amount_minor,"
                + " currency, phase, created_at, updated_at) VALUES (?, ?, 'c-1', 'donor-1', 1000, 'GBP', 'CLAIMED', ?, ?)")) {
            insert.setString(1, donation);
            insert.setString(2, "key-" + donation);
            EarlierSchema.bind(db, insert, 3, AT);
            EarlierSchema.bind(db, insert, 4, AT);
            insert.executeUpdate();
        }
        try (var insert = c.prepareStatement("INSERT INTO receipts (serial, year, number, donation_id, organisation_name,"
                + " organisation_address, charity_number, donor_id, amount_minor, currency, fund_type, campaign_id, campaign_name,"
                + " donated_on, donated_on_hijri, payment_reference, issued_at) VALUES (?, 2026, ?, ?, 'Trust', '1 Street', '123',"
                + " 'donor-1', 1000, 'GBP', 'ZAKAT', 'c-1', 'Campaign', ?, '8 Rabi al-Akhir 1448', 'ch-1', ?)")) {
            insert.setString(1, serial);
            insert.setLong(2, n);
            insert.setString(3, donation);
            bindDay(db, insert, 4, LocalDate.of(2026, 10, 20));
            EarlierSchema.bind(db, insert, 5, AT);
            insert.executeUpdate();
        }
        try (var insert = c.prepareStatement("INSERT INTO mail_outbox (receipt_serial, recipient, status, attempts, next_attempt_at,"
                + " last_error, created_at) VALUES (?, 'donor@example.org', ?, 1, ?, ?, ?)")) {
            insert.setString(1, serial);
            insert.setString(2, status);
            EarlierSchema.bind(db, insert, 3, AT);
            insert.setString(4, lastError);
            EarlierSchema.bind(db, insert, 5, AT);
            insert.executeUpdate();
        }
    }

    private static void bindDay(TestDatabase db, PreparedStatement statement, int index, LocalDate day) throws SQLException {
        if (db.dialect() == Dialect.SQLITE) {
            statement.setString(index, day.toString());
        } else {
            statement.setObject(index, day);
        }
    }
}
