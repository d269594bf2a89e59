package dev.amanah.donations.store;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who gave. Personal data: never put it in an error message or a log line.
 *
 * @param id    a stable donor id (at most 64 characters), used to count distinct donors
 * @param email the donor's e-mail address, if given (at most 320 characters)
 * @param name  the donor's name, if given (at most 200 characters)
 */
public record Donor(String id, Optional<String> email, Optional<String> name) {
    // The local part (at most 64 characters) and the domain are each dot-separated parts, none
    // empty: mail systems refuse "a..b@x.org" and ".a@x.org", and "a@b..c" names no host a
    // receipt could reach. The domain has two parts or more.
    private static final Pattern EMAIL = Pattern.compile(
            "(?=[^@]{1,64}@)[^@.\\s\\p{Cntrl}]+(\\.[^@.\\s\\p{Cntrl}]+)*@[^@.\\s\\p{Cntrl}]+(\\.[^@.\\s\\p{Cntrl}]+)+");

    /** Requires an id; email and name are optional. @throws IllegalArgumentException for a text too long for its column */
    public Donor {
        Limits.require("donor.id", id, Limits.ID);
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        email.ifPresent(e -> Limits.require("donor.email", e, Limits.EMAIL));
        name.ifPresent(n -> Limits.require("donor.name", n, Limits.NAME));
    }

    /**
     * Whether {@code text} passes for an e-mail address: one {@code @}; before it at most 64
     * characters in dot-separated parts, none empty (no leading, trailing or doubled dot); after it
     * a domain of two or more dot-separated labels, none empty; no blanks, and characters
     * {@link FreeText} lets through. The one rule for a donor's address, whatever the door (the
     * API, the donation pipeline, an import file).
     * Deliberately loose: the receipt's e-mail proves the rest.
     */
    public static boolean isPlausibleEmail(String text) {
        return text != null && EMAIL.matcher(text).matches() && FreeText.characterProblem(text).isEmpty();
    }

    /** A donor with e-mail and name (either may be null). */
    public static Donor of(String id, String email, String name) {
        return new Donor(id, Optional.ofNullable(email), Optional.ofNullable(name));
    }

    /** Only the id, to keep personal data out of {@code toString}. */
    @Override
    public String toString() {
        return "Donor[" + id + "]";
    }
}
