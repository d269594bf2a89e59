package dev.amanah.examples;

import dev.amanah.otp.ExitReason;
import java.util.Objects;

/**
 * Elixir's {@code {:ok, value} | {:error, reason}}, the shape most of the seed's functions return.
 * Match it with a pattern-matching switch:
 * <pre>{@code
 * switch (ZakatServer.calculate(wealth, nisab)) {
 *     case Result.Ok<Money>(var zakat) -> pay(zakat);
 *     case Result.Error<Money>(var reason) -> retryLater(reason);
 * }
 * }</pre>
 *
 * @param <T> the value's type
 */
public sealed interface Result<T> {

    /** {@code {:ok, value}}. */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /** {@code {:error, reason}}. */
    static <T> Result<T> error(ExitReason reason) {
        return new Error<>(reason);
    }

    /**
     * It worked.
     *
     * @param value the result
     */
    record Ok<T>(T value) implements Result<T> {
    }

    /**
     * It did not; {@code reason} says why, as an exit reason ({@link ExitReason#TIMEOUT},
     * {@link ExitReason#NOPROC}, a crash, or a term of the example's own).
     *
     * @param reason why
     */
    record Error<T>(ExitReason reason) implements Result<T> {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
