package dev.amanah.donations.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Idempotency keys: claimed atomically, answered once, replayed forever after.
 *
 * <p>{@link #claim} is one {@code INSERT ... ON CONFLICT DO NOTHING} followed by a read of the row,
 * never a check then an insert: the database's primary key decides which of any number of
 * concurrent claims (threads, pools or processes) wins. Every method runs in its own transaction,
 * or joins the caller's (see {@link Database#inTransaction}); all are thread-safe and block on the
 * database.
 */
public final class IdempotencyStore {
    private final Database database;
    private final Sql sql;
    private final Clock clock;

    /** A store over an open database, stamping rows with the clock's time. */
    public IdempotencyStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Claims a key for a request.
     *
     * @param key         the client's idempotency key (at most 255 characters)
     * @param fingerprint a digest of the request (method, path, canonical body; at most 255 characters)
     * @return {@code Claimed} if the key was new, {@code InFlight} if the same request holds it,
     *         {@code Completed} with the stored response if it was answered, {@code Mismatch} if
     *         the key was used with another fingerprint
     * @throws IllegalArgumentException for an empty key or fingerprint, or one over 255 characters
     */
    public ClaimResult claim(String key, String fingerprint) {
        Limits.require("key", key, Limits.KEY);
        Limits.require("fingerprint", fingerprint, Limits.KEY);
        return database.inTransaction(c -> {
            int inserted = sql.update(c, """
                    INSERT INTO idempotency_keys (idem_key, fingerprint, state, claimed_at)
                    VALUES (?, ?, 'IN_FLIGHT', ?) ON CONFLICT (idem_key) DO NOTHING""",
                    key, fingerprint, clock.instant());
            if (inserted == 1) {
                return new ClaimResult.Claimed(key);
            }
            return sql.one(c, "SELECT fingerprint, state, response_status, response_body FROM idempotency_keys WHERE idem_key = ?",
                    rs -> {
                        if (!rs.getString("fingerprint").equals(fingerprint)) {
                            return (ClaimResult) new ClaimResult.Mismatch(key);
                        }
                        if (rs.getString("state").equals("IN_FLIGHT")) {
                            return new ClaimResult.InFlight(key);
                        }
                        return new ClaimResult.Completed(key, rs.getInt("response_status"), rs.getString("response_body"));
                    }, key).orElseThrow(() -> new SQLException("idempotency key vanished after a conflicting insert"));
        });
    }

    /**
     * Stores the response of a claimed key; later claims replay it. Completing a key again with
     * the same status and body is a no-op (a recovery may finish what a request had finished).
     *
     * @throws StoreException {@code NOT_FOUND} for a key never claimed, {@code ILLEGAL_TRANSITION}
     *                        if it was completed with another response
     */
    public void complete(String key, int status, String responseBody) {
        Objects.requireNonNull(responseBody, "responseBody");
        database.useTransaction(c -> {
            int updated = sql.update(c, """
                    UPDATE idempotency_keys SET state = 'COMPLETED', response_status = ?, response_body = ?, completed_at = ?
                    WHERE idem_key = ? AND state = 'IN_FLIGHT'""", status, responseBody, clock.instant(), key);
            if (updated == 1) {
                return;
            }
            var existing = sql.one(c, "SELECT response_status, response_body FROM idempotency_keys WHERE idem_key = ?",
                    rs -> new ClaimResult.Completed(key, rs.getInt("response_status"), rs.getString("response_body")), key);
            if (existing.isEmpty()) {
                throw new StoreException(StoreException.Code.NOT_FOUND, "idempotency key was never claimed");
            }
            if (existing.get().status() != status || !existing.get().body().equals(responseBody)) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "idempotency key was already completed with another response (status "
                                + existing.get().status() + ")");
            }
        });
    }

    /**
     * Gives up a claimed key that was never answered, so that a retry of the request is processed
     * afresh (for a request that failed before it changed anything). A completed key is kept.
     *
     * @return whether an in-flight claim was released
     */
    public boolean release(String key) {
        return database.inTransaction(c ->
                sql.update(c, "DELETE FROM idempotency_keys WHERE idem_key = ? AND state = 'IN_FLIGHT'", key) == 1);
    }

    /** Every key claimed but not answered, oldest first: what recovery must finish. */
    public List<InFlightKey> inFlight() {
        return database.inTransaction(c -> sql.list(c, """
                SELECT idem_key, fingerprint, claimed_at FROM idempotency_keys
                WHERE state = 'IN_FLIGHT' ORDER BY claimed_at, idem_key""",
                rs -> new InFlightKey(rs.getString("idem_key"), rs.getString("fingerprint"), sql.instant(rs, "claimed_at"))));
    }
}
