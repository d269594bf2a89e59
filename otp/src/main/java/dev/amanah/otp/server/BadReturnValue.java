package dev.amanah.otp.server;

/**
 * The exit reason of a server whose callback returned something it cannot act on (in Java,
 * only {@code null}): OTP's {@code {:bad_return_value, value}}. {@code terminate} runs first.
 *
 * @param callback the callback that returned it, such as {@code "handleCall"}
 * @param value    what it returned
 */
public record BadReturnValue(String callback, Object value) {
    @Override
    public String toString() {
        return "{bad_return_value, " + callback + " returned " + value + "}";
    }
}
