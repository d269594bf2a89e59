package dev.amanah.donations.auth;

import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.staff.StaffMember;
import java.util.Objects;
import java.util.Optional;

/**
 * The login page's check of a name and password, and the session it opens, against the two places
 * staff accounts live: the database's ({@code amanah staff add}, {@link StaffAccounts}) and the
 * {@code staff.accounts} configuration's ({@link StaffDirectory}, HTTP Basic's). A name in the
 * database is the database's: the configuration's password for the same name must not open a
 * session that takes its role from the database account. Thread-safe; blocks for one bcrypt check.
 */
public final class StaffLogin {
    /**
     * A member who gave the right password, and the session opened for them.
     *
     * @param member     who, with the role of the account that matched
     * @param token      the session's token, to give the browser
     * @param inDatabase whether that account is the database's (else the configuration's)
     */
    public record LoggedIn(StaffMember member, String token, boolean inDatabase) {
    }

    private final StaffAccounts accounts;
    private final StaffDirectory configured;
    private final StaffSessions sessions;

    public StaffLogin(StaffAccounts accounts, StaffDirectory configured, StaffSessions sessions) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Checks this name and password and opens a session; empty for an unknown name or a wrong
     * password, and for a database account disabled, or given another password, while its
     * password was being checked (its session would outlive the sessions that change ended).
     *
     * <p>A name in neither place is checked by {@link StaffAccounts#authenticate} against its decoy
     * hash, of the cost database accounts are hashed at, so it takes as long as a database
     * account's wrong password. (The configuration's decoy would not do: it has the configured
     * hashes' cost, the lowest of all, 4, when none is configured, and would answer an unknown name
     * in a millisecond where a known one takes a quarter of a second.) A configured name hashed at
     * another cost than the database's can still be told from an unknown name by its time:
     * {@code amanah hash-password} hashes at the database's default, 12.
     */
    public Optional<LoggedIn> logIn(String username, String password) {
        boolean inDatabase = accounts.exists(username);
        if (inDatabase || !configured.has(username)) {
            return accounts.verify(username, password)
                    .flatMap(verified -> sessions.openVerified(verified).map(token -> new LoggedIn(verified.member(), token, true)));
        }
        return configured.authenticate(username, password == null ? "" : password)
                .map(member -> new LoggedIn(member, sessions.openConfigured(member), false));
    }
}
