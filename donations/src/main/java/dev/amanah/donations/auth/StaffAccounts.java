package dev.amanah.donations.auth;

import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.FreeText;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Staff accounts in the database (table {@code staff_accounts}): a username, a bcrypt hash and a
 * {@link Role}. An account is never deleted but disabled ({@link #disable}): its name stays taken,
 * so the audit trail's entries under it keep naming one person. Disabling an account or setting
 * its password ends its sessions in the same transaction. Thread-safe (every call is its own
 * transaction).
 */
public final class StaffAccounts {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    private final Database database;
    private final Passwords passwords;
    private final Clock clock;

    public StaffAccounts(Database database, Passwords passwords, Clock clock) {
        this.database = database;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates an account.
     *
     * @throws AuthException {@code INVALID_USERNAME} (2-64 of a-z 0-9 . _ -, starting with a letter
     *                       or digit), {@code USERNAME_TAKEN}, or a password refusal from {@link Passwords#hash}
     */
    public StaffMember add(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AuthException("INVALID_USERNAME", "A username is 2 to 64 of a-z 0-9 . _ - (lower case), starting with a letter or digit");
        }
        var hash = passwords.hash(password);
        int inserted = database.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO staff_accounts (username, password_hash, role, created_at_ms)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                ps.setString(1, username);
                ps.setString(2, hash);
                ps.setString(3, role.name());
                ps.setLong(4, clock.millis());
                return ps.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new AuthException("USERNAME_TAKEN", "There is already an account named " + username);
        }
        return new StaffMember(username, role);
    }

    /**
     * The member whose name and password these are; empty for an unknown name or a wrong password
     * (the two take the same time and are not told apart).
     */
    public Optional<StaffMember> authenticate(String username, String password) {
        return verify(username, password).map(Verified::member);
    }

    /**
     * A member whose password was checked, with the hash it was checked against, so that a session
     * is opened only if that hash is still the account's ({@link StaffSessions#openVerified}).
     */
    record Verified(StaffMember member, String hash) {
    }

    /** {@link #authenticate}, keeping the hash that matched. */
    Optional<Verified> verify(String username, String password) {
        record Row(String hash, Role role, boolean disabled) {
        }
        Optional<Row> row = !couldBeStored(username) ? Optional.empty() : database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT password_hash, role, disabled_at_ms FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, username);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    var hash = rs.getString(1);
                    var role = Role.valueOf(rs.getString(2));
                    rs.getLong(3);
                    return Optional.of(new Row(hash, role, !rs.wasNull()));
                }
            }
        });
        // a disabled account's password is still checked, so its answer takes as long as any other refusal
        boolean ok = passwords.matches(password, row.map(Row::hash).orElse(null));
        return ok ? row.filter(r -> !r.disabled()).map(r -> new Verified(new StaffMember(username, r.role()), r.hash())) : Optional.empty();
    }

    /**
     * Disables the account: it can no longer log in, and its sessions end now (deleted with it in
     * one transaction, and refused by {@link StaffSessions#find} besides). The row stays, so the
     * name cannot be given to anyone else. Disabling a disabled account changes nothing.
     *
     * @throws AuthException {@code UNKNOWN_ACCOUNT} if there is no account of this name (nothing changed)
     */
    public void disable(String username) {
        if (!updateEndingSessions(username, "UPDATE staff_accounts SET disabled_at_ms = COALESCE(disabled_at_ms, ?) WHERE username = ?",
                clock.millis())) {
            throw unknown(username);
        }
    }

    /**
     * Sets a new password and ends the account's sessions in the same transaction, so a session
     * opened with a leaked password does not outlive its reset.
     *
     * @throws AuthException {@code UNKNOWN_ACCOUNT} if there is no account of this name, or a
     *                       password refusal from {@link Passwords#hash}; either way nothing changed
     */
    public void setPassword(String username, String password) {
        // before the hash, so an unknown name is told as such and not as a weak password
        requireAccount(username);
        var hash = passwords.hash(password);
        if (!updateEndingSessions(username, "UPDATE staff_accounts SET password_hash = ? WHERE username = ?", hash)) {
            throw unknown(username);
        }
    }

    /**
     * Runs {@code update} (its first parameter {@code value}, its second the username) and, if it
     * found the account, deletes the account's sessions in the same transaction; false if not found.
     */
    private boolean updateEndingSessions(String username, String update, Object value) {
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement(update)) {
                ps.setObject(1, value);
                ps.setString(2, username);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            endSessions(c, username);
            return true;
        });
    }

    private static void endSessions(Connection c, String username) throws SQLException {
        try (var ps = c.prepareStatement("DELETE FROM staff_sessions WHERE username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static AuthException unknown(String username) {
        return new AuthException("UNKNOWN_ACCOUNT", "There is no staff account named " + username + " in the database");
    }

    /** The names of the disabled accounts, in order. */
    public List<String> disabled() {
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT username FROM staff_accounts WHERE disabled_at_ms IS NOT NULL ORDER BY username");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<String>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /**
     * Returns if an account of this name exists (disabled or not), for a command to ask before it
     * asks for anything else.
     *
     * @throws AuthException {@code UNKNOWN_ACCOUNT} otherwise
     */
    public void requireAccount(String username) {
        if (!exists(username)) {
            throw unknown(username);
        }
    }

    /** Whether an account of this name exists (disabled or not: its name is the database's either way). */
    public boolean exists(String username) {
        return couldBeStored(username) && database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT 1 FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, username);
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Whether {@code username}, typed at a login, could be a stored name at all: one with a zero
     * character cannot even be looked up on PostgreSQL (an error, the login page's 500), and no
     * account's name holds what {@link FreeText} refuses.
     */
    private static boolean couldBeStored(String username) {
        return username != null && FreeText.characterProblem(username).isEmpty();
    }

    /** Every account, disabled ones included ({@link #disabled} names them), by name. */
    public List<StaffMember> all() {
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT username, role FROM staff_accounts ORDER BY username");
                 var rs = ps.executeQuery()) {
                var out = new ArrayList<StaffMember>();
                while (rs.next()) {
                    out.add(member(rs.getString(1), rs.getString(2)));
                }
                return out;
            }
        });
    }

    private static StaffMember member(String username, String role) {
        return new StaffMember(username, Role.valueOf(role));
    }
}
