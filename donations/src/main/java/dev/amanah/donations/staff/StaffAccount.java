package dev.amanah.donations.staff;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A staff login as configured: a name, a role and the BCrypt hash of the password (never the
 * password itself).
 *
 * @param username     unique login name (1 to 64 of {@code A-Z a-z 0-9 . _ @ -})
 * @param role         what they may do
 * @param passwordHash a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4 to 31)
 */
public record StaffAccount(String username, Role role, String passwordHash) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern BCRYPT =
            Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./0-9A-Za-z]{53}");

    /** @throws IllegalArgumentException for a bad name or something that is not a BCrypt hash */
    public StaffAccount {
        Objects.requireNonNull(role, "role");
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a staff username is 1 to 64 of A-Z a-z 0-9 . _ @ -");
        }
        if (passwordHash == null || !BCRYPT.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("the password of " + username + " must be a BCrypt hash ($2a$/$2b$/$2y$)");
        }
    }

    /**
     * Parses {@code username:ROLE:hash} (the form of the {@code staff.accounts} configuration key).
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the hash)
     */
    public static StaffAccount parse(String entry) {
        var parts = entry.strip().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a staff account is username:ROLE:bcrypt-hash");
        }
        Role role;
        try {
            role = Role.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the role of " + parts[0] + " must be VIEWER, PREPARER or APPROVER");
        }
        return new StaffAccount(parts[0].strip(), role, parts[2].strip());
    }

    /** The member of staff this account logs in as. */
    public StaffMember member() {
        return new StaffMember(username, role);
    }
}
