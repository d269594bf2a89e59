package dev.amanah.donations.staff;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The staff accounts and the check of a password against them: BCrypt (Spring Security's
 * implementation), whose cost is in the hash, so it can be raised without a change here.
 *
 * <p>An unknown name costs as much as a wrong password (a BCrypt check against a fixed hash of
 * the same cost), so response times do not tell which names exist. Immutable and thread-safe;
 * {@link #authenticate} blocks for one BCrypt check (tens of milliseconds at cost 10 to 12).
 */
public final class StaffDirectory {
    private final Map<String, StaffAccount> accounts = new HashMap<>();
    private final String decoy;

    /**
     * A directory of these accounts.
     *
     * @throws IllegalArgumentException if a username appears twice
     */
    public StaffDirectory(Collection<StaffAccount> accounts) {
        for (var account : accounts) {
            if (this.accounts.put(account.username(), account) != null) {
                throw new IllegalArgumentException("staff account " + account.username() + " appears twice");
            }
        }
        int cost = accounts.stream().mapToInt(a -> Integer.parseInt(a.passwordHash().substring(4, 6))).max().orElse(4);
        this.decoy = BCrypt.hashpw("not a password of anyone", BCrypt.gensalt(cost));
    }

    /** The member of staff whose name and password these are, if any. */
    public Optional<StaffMember> authenticate(String username, String password) {
        var account = accounts.get(username);
        boolean matches;
        try {
            matches = BCrypt.checkpw(password, account != null ? account.passwordHash() : decoy);
        } catch (IllegalArgumentException tooLong) {
            matches = false;   // BCrypt takes at most 72 bytes; no configured password is longer
        }
        return matches && account != null ? Optional.of(account.member()) : Optional.empty();
    }

    /** Whether {@code username} is one of the accounts. */
    public boolean has(String username) {
        return accounts.containsKey(username);
    }

    /** Whether there are no accounts at all (then nobody can use the staff API). */
    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    /** A BCrypt hash of {@code password} at {@code cost} (4 to 31; 12 is a good default), for the configuration. */
    public static String hash(String password, int cost) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }
}
