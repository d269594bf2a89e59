package dev.amanah.donations.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox of receipt e-mails: a mail is written in the transaction that issues its receipt, and
 * leaves {@code PENDING} only when the SMTP server accepted it ({@code SENT}) or the mailer gave up
 * ({@code FAILED}). Nothing is lost to a restart; a crash between the server's acceptance and
 * {@link #markSent} sends that mail again (at least once; its Message-ID lets a mail client
 * recognise the copy). Every method runs in its own transaction or joins the caller's;
 * thread-safe; blocks on the database.
 */
public final class MailOutboxStore {
    private static final String COLUMNS = "id, receipt_serial, recipient, status, attempts, next_attempt_at, last_error, sent_at";

    private final Database database;
    private final Sql sql;
    private final Clock clock;

    /** An outbox over an open database. */
    public MailOutboxStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Queues the mail of a receipt, due now; a receipt already queued is left as it is.
     *
     * @return whether a mail was queued
     */
    public boolean enqueue(String receiptSerial, String recipient) {
        Limits.require("recipient", recipient, Limits.EMAIL);
        var now = Sql.truncate(clock.instant());
        return database.inTransaction(c -> sql.update(c, "INSERT INTO mail_outbox (receipt_serial, recipient, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING",
                receiptSerial, recipient, now, now) == 1);
    }

    /** Pending mails due at {@code now}, oldest due first, at most {@code limit}. */
    public List<OutboxMail> due(Instant now, int limit) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS + " FROM mail_outbox"
                + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?", this::mail, now, limit));
    }

    /** When the earliest pending mail is due, if any is pending. */
    public Optional<Instant> nextDue() {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM mail_outbox WHERE status = 'PENDING'"
                + " ORDER BY next_attempt_at, id LIMIT 1", this::mail).map(OutboxMail::nextAttemptAt));
    }

    /** How many mails are pending. */
    public int pendingCount() {
        return database.inTransaction(c -> sql.one(c, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'",
                rs -> rs.getInt(1)).orElseThrow());
    }

    /** The mail of a receipt, if one was queued. */
    public Optional<OutboxMail> forReceipt(String receiptSerial) {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM mail_outbox WHERE receipt_serial = ?",
                this::mail, receiptSerial));
    }

    /** {@code PENDING -> SENT} after attempt number {@code attempts}; a mail no longer pending is left as it is. */
    public void markSent(long id, int attempts) {
        var now = Sql.truncate(clock.instant());
        database.useTransaction(c -> sql.update(c, "UPDATE mail_outbox SET status = 'SENT', attempts = ?, sent_at = ?"
                + " WHERE id = ? AND status = 'PENDING'", attempts, now, id));
    }

    /** Records failed attempt number {@code attempts} and when to try again. */
    public void retryAt(long id, int attempts, Instant next, String error) {
        database.useTransaction(c -> sql.update(c, "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?"
                + " WHERE id = ? AND status = 'PENDING'", attempts, Sql.truncate(next), clip(error), id));
    }

    /** {@code PENDING -> FAILED}: refused for good, or out of attempts. */
    public void markFailed(long id, int attempts, String error) {
        database.useTransaction(c -> sql.update(c, "UPDATE mail_outbox SET status = 'FAILED', attempts = ?, last_error = ?"
                + " WHERE id = ? AND status = 'PENDING'", attempts, clip(error), id));
    }

    /**
     * {@code FAILED -> PENDING} for every failed mail queued at or after {@code since} (all of them
     * if empty): due now, with a fresh count of attempts and the last failure kept until the next
     * one. For mails given up on during an outage longer than the backoffs; one refused for good
     * (a bad address, a 5xx) fails again on its first attempt. Running it again changes nothing
     * more (no mail is {@code FAILED} any longer), and a sent mail is never queued again.
     *
     * @return how many mails were queued again
     */
    public int requeueFailed(Optional<Instant> since) {
        var now = Sql.truncate(clock.instant());
        var from = Sql.truncate(since.orElse(Instant.EPOCH));
        return database.inTransaction(c -> sql.update(c, "UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?"
                + " WHERE status = 'FAILED' AND created_at >= ?", now, from));
    }

    private static String clip(String error) {
        var text = error == null || error.isEmpty() ? "(no detail)" : error;
        return text.length() <= Limits.TEXT ? text : text.substring(0, Limits.TEXT);
    }

    private OutboxMail mail(ResultSet rs) throws SQLException {
        return new OutboxMail(rs.getLong("id"), rs.getString("receipt_serial"), rs.getString("recipient"),
                OutboxMail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), sql.instant(rs, "next_attempt_at"),
                Sql.optionalString(rs, "last_error"), Optional.ofNullable(sql.instant(rs, "sent_at")));
    }
}
