package dev.amanah.donations.auth;

import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt hashing of staff passwords (Spring Security's {@code BCrypt}, salted per password). A
 * password is 10 to 72 bytes of UTF-8: bcrypt ignores what lies beyond 72 bytes, so a longer one is
 * refused rather than silently cut. Stateless, thread-safe; hashing and checking take tens of
 * milliseconds at the default cost, on purpose.
 */
public final class Passwords {
    /** The default work factor (2^12 rounds). */
    public static final int DEFAULT_COST = 12;
    /** The fewest characters accepted. */
    public static final int MIN_LENGTH = 10;
    private static final int MAX_BYTES = 72;

    private final int cost;
    private final BiPredicate<String, String> check;
    // Checked against when the account does not exist, so an unknown name takes as long as a wrong
    // password. Made on first use, not at start-up: at cost 12 it takes a noticeable moment.
    private volatile String decoy;

    /** A hasher with work factor {@code cost} (4 to 31). */
    public Passwords(int cost) {
        this(cost, BCrypt::checkpw);
    }

    /** With {@code check(password, hash)} in place of bcrypt's, for tests that see which hashes are checked. */
    Passwords(int cost, BiPredicate<String, String> check) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4..31, was " + cost);
        }
        this.cost = cost;
        this.check = check;
    }

    /**
     * The bcrypt hash of {@code password}.
     *
     * @throws AuthException {@code WEAK_PASSWORD} (shorter than {@value #MIN_LENGTH}) or
     *                       {@code PASSWORD_TOO_LONG} (over 72 bytes)
     */
    public String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new AuthException("WEAK_PASSWORD", "A password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new AuthException("PASSWORD_TOO_LONG", "A password may be at most 72 bytes of UTF-8");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /** Whether {@code password} matches {@code hash}; a null hash is checked against a decoy (false). */
    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        boolean ok = check.test(password, hash == null ? decoy() : hash);
        return ok && hash != null;
    }

    private String decoy() {
        var made = decoy;
        if (made == null) {
            made = BCrypt.hashpw("decoy-password-never-used", BCrypt.gensalt(cost)); // two racing callers make two: harmless
            decoy = made;
        }
        return made;
    }
}
