package dev.amanah.otp.server;

/**
 * The exit reason of a server that got a cast it has no clause for: OTP's
 * {@code {:bad_cast, request}} (the default {@link GenServer#handleCast}).
 *
 * @param request the unexpected request
 */
public record BadCast(Object request) {
    @Override
    public String toString() {
        return "{bad_cast, " + request + "}";
    }
}
