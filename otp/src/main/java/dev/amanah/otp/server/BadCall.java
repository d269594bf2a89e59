package dev.amanah.otp.server;

/**
 * The exit reason of a server that got a call it has no clause for: OTP's
 * {@code {:bad_call, request}} (the default {@link GenServer#handleCall}).
 *
 * @param request the unexpected request
 */
public record BadCall(Object request) {
    @Override
    public String toString() {
        return "{bad_call, " + request + "}";
    }
}
