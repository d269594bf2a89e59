package dev.amanah.donations.auth;

/**
 * A refused staff operation with a stable code: {@code USERNAME_TAKEN}, {@code INVALID_USERNAME},
 * {@code WEAK_PASSWORD}, {@code PASSWORD_TOO_LONG}.
 */
public final class AuthException extends RuntimeException {
    private final String code;

    /** A refusal with {@code code} and a message a person can act on. */
    public AuthException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable code. */
    public String code() {
        return code;
    }
}
