package dev.amanah.donations.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffAccount;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Staff accounts, sessions and the login throttle on a real (SQLite) database, with a manual clock:
 * hashes are bcrypt and never the password, names and passwords are checked, sessions end at
 * logout and at expiry and follow the account's role, the throttle's window slides.
 */
class AuthTest {
    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;

    private Database database;
    private final ManualClock clock = ManualClock.atNewYear();
    private StaffAccounts accounts;

    @BeforeEach
    void open() {
        database = Database.open(databaseConfig());
        accounts = new StaffAccounts(database, new Passwords(4), clock);
    }

    /** The database these tests run on: SQLite here, PostgreSQL in {@link AuthPostgresTest}. */
    DatabaseConfig databaseConfig() {
        return DatabaseConfig.sqlite(dir.resolve("auth.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void passwordsAreStoredAsSaltedBcryptHashes() {
        var passwords = new Passwords(4);
        var first = passwords.hash(PASSWORD);
        var second = passwords.hash(PASSWORD);
        assertThat(first).startsWith("$2a$04$").doesNotContain(PASSWORD).isNotEqualTo(second);
        assertThat(passwords.matches(PASSWORD, first)).isTrue();
        assertThat(passwords.matches(PASSWORD + "!", first)).isFalse();
        assertThat(passwords.matches(PASSWORD, null)).isFalse();
        assertThatThrownBy(() -> passwords.hash("short")).isInstanceOf(AuthException.class).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> passwords.hash("ü".repeat(37))).isInstanceOf(AuthException.class)
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("PASSWORD_TOO_LONG"));
    }

    @Test
    void accountsAreUniqueAndAuthenticateOnlyWithTheirPassword() {
        accounts.add("amina", PASSWORD, Role.APPROVER);
        assertThatThrownBy(() -> accounts.add("amina", PASSWORD, Role.VIEWER))
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("USERNAME_TAKEN"));
        assertThatThrownBy(() -> accounts.add("Amina Khan", PASSWORD, Role.VIEWER))
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("INVALID_USERNAME"));
        assertThat(accounts.authenticate("amina", PASSWORD)).hasValue(new StaffMember("amina", Role.APPROVER));
        assertThat(accounts.authenticate("amina", "not the passphrase")).isEmpty();
        assertThat(accounts.authenticate("nobody", PASSWORD)).isEmpty();
        assertThat(accounts.all()).containsExactly(new StaffMember("amina", Role.APPROVER));
        var stored = database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT password_hash FROM staff_accounts")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).startsWith("$2a$").doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownNameIsCheckedAgainstADecoyOfTheDatabaseAccountsCost() {
        // No staff.accounts configured (the configured directory's decoy would be cost 4): an unknown
        // name must cost the bcrypt check a database account's wrong password costs (cost 5 here).
        var checked = new ArrayList<String>();
        var passwords = new Passwords(5, (password, hash) -> {
            checked.add(hash);
            return BCrypt.checkpw(password, hash);
        });
        var login = new StaffLogin(new StaffAccounts(database, passwords, clock), new StaffDirectory(List.of()), sessions());
        new StaffAccounts(database, passwords, clock).add("amina", PASSWORD, Role.APPROVER);
        checked.clear();

        assertThat(login.logIn("amina", "not the passphrase")).isEmpty();
        assertThat(login.logIn("nobody", "not the passphrase")).isEmpty();
        assertThat(checked).hasSize(2).allSatisfy(hash -> assertThat(hash).startsWith("$2a$05$"));
        var amina = login.logIn("amina", PASSWORD).orElseThrow();
        assertThat(amina.member()).isEqualTo(new StaffMember("amina", Role.APPROVER));
        assertThat(amina.inDatabase()).isTrue();
        assertThat(sessions().find(amina.token())).isPresent();
    }

    @Test
    void aConfiguredNameIsCheckedAgainstTheConfigurationOnly() {
        var checked = new ArrayList<String>();
        var passwords = new Passwords(5, (password, hash) -> {
            checked.add(hash);
            return BCrypt.checkpw(password, hash);
        });
        var bilal = new StaffAccount("bilal", Role.PREPARER, StaffDirectory.hash("bilal-configured", 4));
        var sessions = sessions();
        var login = new StaffLogin(new StaffAccounts(database, passwords, clock), new StaffDirectory(List.of(bilal)), sessions);

        assertThat(login.logIn("bilal", "not the passphrase")).isEmpty();
        var loggedIn = login.logIn("bilal", "bilal-configured").orElseThrow();
        assertThat(loggedIn.member()).isEqualTo(bilal.member());
        assertThat(loggedIn.inDatabase()).isFalse();
        assertThat(sessions.find(loggedIn.token()).map(Session::member)).hasValue(bilal.member());
        assertThat(sessionRows()).as("a configured member's session is held in memory").isZero();
        assertThat(checked).isEmpty();
    }

    @Test
    void sessionsEndAtLogoutAndExpiryAndStoreNoUsableToken() {
        var member = accounts.add("yusuf", PASSWORD, Role.PREPARER);
        var sessions = new StaffSessions(database, clock, Duration.ofHours(8));
        var token = sessions.open(member);
        var session = sessions.find(token).orElseThrow();
        assertThat(session.member()).isEqualTo(member);
        assertThat(session.csrfToken()).hasSize(43).isNotEqualTo(token);
        var stored = database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT token_sha256 FROM staff_sessions")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).isEqualTo(Tokens.sha256(token));
        assertThat(sessions.find(stored)).isEmpty(); // the stored digest opens nothing

        clock.advance(Duration.ofHours(8));
        assertThat(sessions.find(token)).isEmpty();

        var second = sessions.open(member);
        assertThat(sessions.find(second)).isPresent();
        sessions.close(second);
        assertThat(sessions.find(second)).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }

    /** There was no way to revoke an account: a member who left, or whose password leaked, kept logging in. */
    @Test
    void aDisabledAccountCannotLogInItsSessionsEndAndTheAuditStillNamesIt() {
        var member = accounts.add("yusuf", PASSWORD, Role.PREPARER);
        var sessions = new StaffSessions(database, clock, Duration.ofHours(8));
        var open = sessions.open(member);
        var audit = new StaffAudit(database, clock);
        audit.record(member, "refund", "donation d-1", "refunded");

        accounts.disable("yusuf");

        assertThat(accounts.authenticate("yusuf", PASSWORD)).isEmpty();
        assertThat(new StaffLogin(accounts, new StaffDirectory(List.of()), sessions).logIn("yusuf", PASSWORD)).isEmpty();
        assertThat(sessions.find(open)).as("a session open before").isEmpty();
        // a login that checked the password before the disable, and opens its session after it
        assertThat(sessions.find(sessions.open(member))).as("a session opened after").isEmpty();
        assertThat(audit.recent(10)).extracting(StaffAudit.Entry::username).containsExactly("yusuf");
        assertThatThrownBy(() -> accounts.add("yusuf", PASSWORD, Role.VIEWER)).as("the name stays taken")
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("USERNAME_TAKEN"));
        assertThat(accounts.disabled()).containsExactly("yusuf");
        accounts.disable("yusuf"); // again: nothing more to do
        assertThatThrownBy(() -> accounts.disable("nobody"))
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("UNKNOWN_ACCOUNT"));
    }

    /** A leaked password could not be changed, and the sessions opened with it could not be ended. */
    @Test
    void settingAPasswordEndsTheAccountsSessionsAndOnlyTheNewOneLogsIn() {
        var member = accounts.add("yusuf", PASSWORD, Role.PREPARER);
        var other = accounts.add("amina", PASSWORD, Role.APPROVER);
        var sessions = new StaffSessions(database, clock, Duration.ofHours(8));
        var leaked = sessions.open(member);
        var untouched = sessions.open(other);

        accounts.setPassword("yusuf", "a brand new passphrase");

        assertThat(accounts.authenticate("yusuf", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate("yusuf", "a brand new passphrase")).hasValue(member);
        assertThat(sessions.find(leaked)).isEmpty();
        assertThat(sessions.find(untouched)).isPresent();
        assertThatThrownBy(() -> accounts.setPassword("yusuf", "short"))
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("WEAK_PASSWORD"));
        assertThatThrownBy(() -> accounts.setPassword("nobody", "a brand new passphrase"))
                .satisfies(e -> assertThat(((AuthException) e).code()).isEqualTo("UNKNOWN_ACCOUNT"));
        assertThat(accounts.authenticate("yusuf", "a brand new passphrase")).as("a refused password changes nothing").hasValue(member);
    }

    /**
     * A login that read the account's hash before {@code amanah staff password} set a new one, and
     * was still in its bcrypt check when that change ended the account's sessions, opened its
     * session after them: the old password's session lived on.
     */
    @Test
    void aLoginWhosePasswordIsSetDuringItsCheckOpensNoSession() throws Exception {
        accounts.add("yusuf", PASSWORD, Role.PREPARER);
        var refused = loginInterruptedBy(() -> accounts.setPassword("yusuf", "a brand new passphrase"));
        assertThat(refused).isEmpty();
        assertThat(sessionRows()).isZero();
        assertThat(new StaffLogin(accounts, new StaffDirectory(List.of()), sessions()).logIn("yusuf", "a brand new passphrase"))
                .as("the new password logs in").isPresent();
    }

    /** As above, with {@code amanah staff disable} during the check. */
    @Test
    void aLoginWhoseAccountIsDisabledDuringItsCheckOpensNoSession() throws Exception {
        accounts.add("yusuf", PASSWORD, Role.PREPARER);
        var refused = loginInterruptedBy(() -> accounts.disable("yusuf"));
        assertThat(refused).isEmpty();
        assertThat(sessionRows()).isZero();
    }

    /**
     * Logs yusuf in with {@link #PASSWORD} on another thread whose password check waits, once it
     * has the stored hash, until {@code meanwhile} has run; the login's result.
     */
    private Optional<StaffLogin.LoggedIn> loginInterruptedBy(Runnable meanwhile) throws Exception {
        var checking = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var passwords = new Passwords(4, (password, hash) -> {
            checking.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the password check");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return BCrypt.checkpw(password, hash);
        });
        var login = new StaffLogin(new StaffAccounts(database, passwords, clock), new StaffDirectory(List.of()), sessions());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var result = executor.submit(() -> login.logIn("yusuf", PASSWORD));
            try {
                assertThat(checking.await(10, TimeUnit.SECONDS)).as("the login reached its password check").isTrue();
                meanwhile.run();
            } finally {
                release.countDown();
            }
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    private StaffSessions sessions() {
        return new StaffSessions(database, clock, Duration.ofHours(8));
    }

    private long sessionRows() {
        return database.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM staff_sessions")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void theThrottleRefusesAfterFiveFailuresUntilTheyLeaveTheWindow() {
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 0; i < 4; i++) {
            throttle.failed("amina", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.allowed("amina", "10.0.0.2")).isTrue();
        throttle.failed("amina", "10.0.0.1"); // the fifth, at minute 4
        assertThat(throttle.allowed("amina", "10.0.0.2")).isFalse();
        assertThat(throttle.allowed("omar", "10.0.0.3")).isTrue();
        clock.advance(Duration.ofMinutes(11)); // minute 15: the first failure (minute 0) has left the window
        assertThat(throttle.allowed("amina", "10.0.0.2")).isTrue();
        throttle.succeeded("amina");
        throttle.failed("amina", "10.0.0.1");
        assertThat(throttle.allowed("amina", "10.0.0.2")).isTrue();
    }

    @Test
    void oneAddressIsRefusedAfterTwentyFailuresWhateverTheNames() {
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 0; i < 20; i++) {
            throttle.failed("name" + i, "10.0.0.9");
        }
        assertThat(throttle.allowed("fresh-name", "10.0.0.9")).isFalse();
        assertThat(throttle.allowed("fresh-name", "10.0.0.10")).isTrue();
    }

    @Test
    void theAddressesOfOneIpv6Slash64CountAsOneAddress() {
        // One host holds a whole /64 and can fail from a fresh address each time.
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 1; i <= 20; i++) {
            throttle.failed("name" + i, "2001:db8:1:2::" + Integer.toHexString(i));
        }
        assertThat(throttle.allowed("fresh-name", "2001:db8:1:2:ffff:ffff:ffff:ffff")).isFalse();
        assertThat(throttle.allowed("fresh-name", "2001:DB8:1:2:0:0:0:99")).isFalse(); // the same /64, written otherwise
        assertThat(throttle.allowed("fresh-name", "2001:db8:1:3::1")).isTrue(); // the next /64
    }

    @Test
    void anIpv4MappedIpv6AddressCountsAsItsIpv4Address() {
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 0; i < 10; i++) {
            throttle.failed("name" + i, "::ffff:192.0.2.7");
            throttle.failed("other" + i, "192.0.2.7");
        }
        assertThat(throttle.allowed("fresh-name", "192.0.2.7")).isFalse();
        assertThat(throttle.allowed("fresh-name", "::ffff:192.0.2.7")).isFalse();
        assertThat(throttle.allowed("fresh-name", "192.0.2.8")).isTrue(); // IPv4 still counts address by address
        assertThat(throttle.allowed("fresh-name", "::ffff:192.0.2.8")).isTrue();
    }

    @Test
    void aFloodOfOtherNamesDoesNotResetARefusedName() {
        // The attacker guesses amina's password five times, then fails once for each of 12,000 made-up
        // names, each from an address of its own (a botnet, or IPv6 /64s of its own): more keys than the
        // throttle keeps. Amina must stay refused until her failures leave the window.
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 0; i < 5; i++) {
            throttle.failed("amina", "10.0.0.1");
        }
        assertThat(throttle.allowed("amina", "10.0.0.2")).isFalse();
        flood(throttle, 12_000, 1);
        assertThat(throttle.allowed("amina", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.allowed("amina", "10.0.0.2")).isTrue();
    }

    @Test
    void aFloodDropsNamesFailedOnceBeforeANameFailedMoreOften() {
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        for (int i = 0; i < 4; i++) {
            throttle.failed("amina", "10.0.0.1");
        }
        flood(throttle, 12_000, 1);
        assertThat(throttle.keys()).isEqualTo(LoginThrottle.MAX_KEYS);
        throttle.failed("amina", "10.0.0.1"); // her fifth: her four earlier failures were kept
        assertThat(throttle.allowed("amina", "10.0.0.2")).isFalse();
    }

    @Test
    void aTableFullOfRefusedNamesRefusesNamesItCannotCount() {
        // One failure refuses a name here, so 10,000 made-up names fill the table with refused names
        // (their addresses' keys, one failure of four, are dropped to make room for them).
        var throttle = new LoginThrottle(clock, Duration.ofMinutes(15), 1);
        flood(throttle, LoginThrottle.MAX_KEYS, 1);
        assertThat(throttle.keys()).isEqualTo(LoginThrottle.MAX_KEYS);
        assertThat(throttle.allowed("omar", "10.0.0.3")).isFalse(); // not counted, so not let through
        throttle.failed("omar", "10.0.0.3");
        assertThat(throttle.keys()).isEqualTo(LoginThrottle.MAX_KEYS);
        clock.advance(Duration.ofMinutes(15)); // the failures leave the window: room again
        assertThat(throttle.allowed("omar", "10.0.0.3")).isTrue();
        throttle.failed("omar", "10.0.0.3");
        assertThat(throttle.keys()).isLessThanOrEqualTo(LoginThrottle.MAX_KEYS);
    }

    /** {@code names} made-up names, each failing {@code times} times from an address of its own, as a login would (allowed, then failed). */
    private static void flood(LoginThrottle throttle, int names, int times) {
        for (int i = 0; i < names; i++) {
            var name = "made-up-" + i;
            var address = "2001:db8:" + Integer.toHexString(i) + "::1"; // a /64 of its own: one /64 counts as one address
            for (int t = 0; t < times && throttle.allowed(name, address); t++) {
                throttle.failed(name, address);
            }
        }
    }
}
