package dev.amanah.donations.auth;

import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Database;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions in the database (table {@code staff_sessions}), so they survive a restart. The
 * browser holds a random token; the table holds only its SHA-256, so reading the table opens no
 * session. Each session has its own CSRF token. A session ends at logout, after its lifetime, or
 * when its account is disabled or its password set ({@link StaffAccounts}, e.g. by
 * {@code amanah staff} in another process); the account is read on every lookup (by primary key),
 * so a changed role applies at once and a disabled account's session is refused at its next request.
 *
 * <p>The members of the {@code staff.accounts} configuration have no account row, which the
 * table's sessions refer to: their sessions ({@link #openConfigured}) are kept in memory, by the
 * same token hash, with the configuration's role, and also end when the service stops, since the
 * configuration is read afresh at the next start. Thread-safe.
 */
public final class StaffSessions {
    private final Database database;
    private final Clock clock;
    private final Duration lifetime;
    /** The sessions of configured members, by the SHA-256 of their token. */
    private final ConcurrentHashMap<String, Session> configured = new ConcurrentHashMap<>();

    public StaffSessions(Database database, Clock clock, Duration lifetime) {
        this.database = database;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Opens a session for {@code member}, an account of the database, without a password: for a
     * session its own caller vouches for (the demo's). A login opens its session with
     * {@link StaffLogin#logIn}, which refuses it if the password changed meanwhile.
     *
     * @return the token to give the browser (never stored as is)
     */
    public String open(StaffMember member) {
        return insert(member, "INSERT INTO staff_sessions (token_sha256, username, csrf_token, created_at_ms, expires_at_ms)"
                + " VALUES (?, ?, ?, ?, ?)", ps -> { }).orElseThrow();
    }

    /**
     * Opens a session for the member of {@code verified} only if the account is still enabled and
     * still has the hash the password was checked against, in the one statement that inserts it:
     * a login whose bcrypt check was under way while {@code amanah staff disable} or
     * {@code amanah staff password} ended the account's sessions must not open one after them.
     *
     * @return the token to give the browser; empty if the account changed since the check
     */
    Optional<String> openVerified(StaffAccounts.Verified verified) {
        return insert(verified.member(), "INSERT INTO staff_sessions (token_sha256, username, csrf_token, created_at_ms, expires_at_ms)"
                + " SELECT ?, ?, ?, ?, ? FROM staff_accounts WHERE username = ? AND disabled_at_ms IS NULL AND password_hash = ?", ps -> {
                    ps.setString(6, verified.member().username());
                    ps.setString(7, verified.hash());
                });
    }

    /** Purges expired sessions and runs {@code insert}: token hash, username, CSRF token, created, expires, then {@code more}'s. */
    private Optional<String> insert(StaffMember member, String insert, Parameters more) {
        var token = Tokens.random();
        var now = clock.millis();
        int inserted = database.inTransaction(c -> {
            try (var purge = c.prepareStatement("DELETE FROM staff_sessions WHERE expires_at_ms <= ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
            try (var ps = c.prepareStatement(insert)) {
                ps.setString(1, Tokens.sha256(token));
                ps.setString(2, member.username());
                ps.setString(3, Tokens.random());
                ps.setLong(4, now);
                ps.setLong(5, now + lifetime.toMillis());
                more.set(ps);
                return ps.executeUpdate();
            }
        });
        return inserted == 1 ? Optional.of(token) : Optional.empty();
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    /**
     * Opens a session for {@code member}, a member of the {@code staff.accounts} configuration,
     * with the configuration's role, held in memory.
     *
     * @return the token to give the browser (never stored as is)
     */
    public String openConfigured(StaffMember member) {
        var token = Tokens.random();
        var now = clock.millis();
        configured.values().removeIf(session -> session.expiresAt().toEpochMilli() <= now);
        configured.put(Tokens.sha256(token), new Session(member, Tokens.random(), Instant.ofEpochMilli(now + lifetime.toMillis())));
        return token;
    }

    /** The live session of {@code token}; empty if unknown, ended or expired. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        var held = configured.get(Tokens.sha256(token));
        if (held != null) {
            return held.expiresAt().toEpochMilli() > clock.millis() ? Optional.of(held) : Optional.empty();
        }
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT s.username, a.role, s.csrf_token, s.expires_at_ms FROM staff_sessions s"
                    + " JOIN staff_accounts a ON a.username = s.username WHERE s.token_sha256 = ? AND s.expires_at_ms > ?"
                    // its sessions are deleted when it is disabled; this also refuses one a login opened meanwhile
                    + " AND a.disabled_at_ms IS NULL")) {
                ps.setString(1, Tokens.sha256(token));
                ps.setLong(2, clock.millis());
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Session(new StaffMember(rs.getString(1), Role.valueOf(rs.getString(2))), rs.getString(3),
                                    Instant.ofEpochMilli(rs.getLong(4))))
                            : Optional.empty();
                }
            }
        });
    }

    /** Ends the session of {@code token} (logout); nothing if there is none. */
    public void close(String token) {
        if (token == null) {
            return;
        }
        configured.remove(Tokens.sha256(token));
        database.useTransaction(c -> {
            try (var ps = c.prepareStatement("DELETE FROM staff_sessions WHERE token_sha256 = ?")) {
                ps.setString(1, Tokens.sha256(token));
                ps.executeUpdate();
            }
        });
    }
}
