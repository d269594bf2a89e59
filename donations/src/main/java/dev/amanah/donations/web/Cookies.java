package dev.amanah.donations.web;

import java.time.Duration;

/**
 * The {@code Set-Cookie} values of the pages' cookies (the staff session's, the CSRF token's):
 * always {@code Path=/; HttpOnly; SameSite=Strict}, and {@code Secure} when
 * {@code http.secureCookies} is on (browsers then send them over HTTPS only). Immutable.
 *
 * @param secure whether every cookie carries {@code Secure}
 */
record Cookies(boolean secure) {
    /** A cookie that lasts as long as the browser's session. */
    String set(String name, String value) {
        return name + "=" + value + attributes();
    }

    /** A cookie that lasts {@code maxAge}. */
    String set(String name, String value, Duration maxAge) {
        return set(name, value) + "; Max-Age=" + maxAge.toSeconds();
    }

    /** Deletes the cookie (with the attributes it was set with, as browsers match on them). */
    String delete(String name) {
        return name + "=" + attributes() + "; Max-Age=0";
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
