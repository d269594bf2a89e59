package dev.amanah.donations.store;

import java.sql.Connection;
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
    /**
     * A {@code FAILED} mail's failure kind. One without a kind was given up on by a binary older
     * than V43 still running after the migration, whose backfill could not see it; it is classed
     * here, when read, by the backfill's rule: those binaries wrote "gave up after N attempts: ..."
     * when transient failures ran out of attempts, and nothing else. That text is theirs, fixed
     * history, so it is matched as it is, whatever today's mailer writes.
     */
    private static final String FAILURE_KIND = "COALESCE(failure_kind, CASE WHEN status = 'FAILED' THEN CASE WHEN last_error"
            + " LIKE 'gave up after %' THEN 'TRANSIENT' ELSE 'PERMANENT' END END)";
    private static final String COLUMNS = "id, receipt_serial, recipient, status, attempts, next_attempt_at, last_error, "
            + FAILURE_KIND + " AS failure_kind, sent_at";

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

    /** {@code PENDING -> FAILED}: refused for good ({@code PERMANENT}), or out of attempts ({@code TRANSIENT}). */
    public void markFailed(long id, int attempts, OutboxMail.FailureKind kind, String error) {
        Objects.requireNonNull(kind, "kind");
        database.useTransaction(c -> sql.update(c, "UPDATE mail_outbox SET status = 'FAILED', attempts = ?, last_error = ?,"
                + " failure_kind = ? WHERE id = ? AND status = 'PENDING'", attempts, clip(error), kind.name(), id));
    }

    /**
     * What {@link #requeueFailed} did.
     *
     * @param transientQueued  mails given up on after transient failures, queued again
     * @param permanentQueued  mails refused for good, queued again (only when asked to)
     * @param permanentSkipped mails refused for good, left {@code FAILED}
     */
    public record Requeued(int transientQueued, int permanentQueued, int permanentSkipped) {
        /** How many mails were queued again, of both kinds. */
        public int queued() {
            return transientQueued + permanentQueued;
        }
    }

    /**
     * {@code FAILED -> PENDING} for the failed mails queued at or after {@code since} (all of them
     * if empty) that failed for transient reasons, and for those refused for good too if
     * {@code includePermanent}: due now, with a fresh count of attempts and the last failure kept
     * until the next one (a mail an older binary failed without a kind is classed by its reason, as
     * {@link OutboxMail#failureKind()} says). For mails given up on during an outage longer than the backoffs; one
     * refused for good (a bad address, a 5xx) would most likely be refused again, and a sender that
     * keeps sending to refused addresses loses standing with the receiving servers, so those are
     * left alone and counted unless asked for. One transaction; running it again changes nothing
     * more (the mails queued are no longer {@code FAILED}), and a sent mail is never queued again.
     */
    public Requeued requeueFailed(Optional<Instant> since, boolean includePermanent) {
        var now = Sql.truncate(clock.instant());
        var from = Sql.truncate(since.orElse(Instant.EPOCH));
        return database.inTransaction(c -> {
            int transientQueued = requeue(c, OutboxMail.FailureKind.TRANSIENT, now, from);
            if (includePermanent) {
                return new Requeued(transientQueued, requeue(c, OutboxMail.FailureKind.PERMANENT, now, from), 0);
            }
            int skipped = sql.one(c, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED' AND " + FAILURE_KIND + " = ?"
                    + " AND created_at >= ?", rs -> rs.getInt(1), OutboxMail.FailureKind.PERMANENT.name(), from).orElseThrow();
            return new Requeued(transientQueued, 0, skipped);
        });
    }

    private int requeue(Connection c, OutboxMail.FailureKind kind, Instant now, Instant from) throws SQLException {
        return sql.update(c, "UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?, failure_kind = NULL"
                + " WHERE status = 'FAILED' AND " + FAILURE_KIND + " = ? AND created_at >= ?", now, kind.name(), from);
    }

    /**
     * {@code FAILED -> PENDING} for mail {@code id}, whatever its failure (a person asked for this
     * one): due now, with a fresh count of attempts.
     *
     * @return whether it was queued again; false if it is not {@code FAILED} (sent, pending, already
     *         queued again) or does not exist
     */
    public boolean requeue(long id) {
        var now = Sql.truncate(clock.instant());
        return database.inTransaction(c -> sql.update(c, "UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
                + " failure_kind = NULL WHERE id = ? AND status = 'FAILED'", now, id) == 1);
    }

    /** The {@code limit} most recently queued of the {@code FAILED} mails, newest first. */
    public List<OutboxMail> failed(int limit) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS + " FROM mail_outbox WHERE status = 'FAILED'"
                + " ORDER BY id DESC LIMIT ?", this::mail, limit));
    }

    /** How many mails are {@code FAILED}. */
    public int failedCount() {
        return database.inTransaction(c -> sql.one(c, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED'",
                rs -> rs.getInt(1)).orElseThrow());
    }

    private static String clip(String error) {
        var text = error == null || error.isEmpty() ? "(no detail)" : error;
        return text.length() <= Limits.TEXT ? text : text.substring(0, Limits.TEXT);
    }

    private OutboxMail mail(ResultSet rs) throws SQLException {
        return new OutboxMail(rs.getLong("id"), rs.getString("receipt_serial"), rs.getString("recipient"),
                OutboxMail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), sql.instant(rs, "next_attempt_at"),
                Sql.optionalString(rs, "last_error"), Sql.optionalString(rs, "failure_kind").map(OutboxMail.FailureKind::valueOf),
                Optional.ofNullable(sql.instant(rs, "sent_at")));
    }
}
