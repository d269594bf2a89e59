package dev.amanah.otp.server;

import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link GenServer#start} and {@link GenServer#startLink}: Elixir's {@code name:} and
 * {@code timeout:}.
 *
 * @param name    the name to register before {@code init} runs; empty for none
 * @param timeout how long {@code init} may take before the start gives up, kills the process and
 *                returns {@code Error(TIMEOUT)}; default {@link Processes#INFINITY}, as in OTP
 */
public record StartOptions(Optional<Name> name, Duration timeout) {

    /** No name, no init timeout. */
    public static final StartOptions DEFAULT = new StartOptions(Optional.empty(), Processes.INFINITY);

    public StartOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
    }

    /** Options that register a local name. */
    public static StartOptions named(String name) {
        return DEFAULT.withName(Name.local(name));
    }

    /** Options that register {@code name}. */
    public static StartOptions named(Name name) {
        return DEFAULT.withName(name);
    }

    /** These options with {@code name}. */
    public StartOptions withName(Name name) {
        return new StartOptions(Optional.of(name), timeout);
    }

    /** These options with an init timeout. */
    public StartOptions withTimeout(Duration timeout) {
        return new StartOptions(name, timeout);
    }
}
