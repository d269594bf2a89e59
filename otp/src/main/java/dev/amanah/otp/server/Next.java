package dev.amanah.otp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link GenServer} does after a callback returns, besides waiting for the next message:
 * the optional last element of OTP's callback tuples ({@code timeout | :hibernate |
 * {:continue, arg}}).
 *
 * <ul>
 *   <li>{@link #NONE}: wait for the next message, however long it takes.</li>
 *   <li>{@link Timeout}: if no message arrives within the duration, the server receives
 *       {@link GenServer.Timeout} in {@link GenServer#handleInfo}. A message that is already
 *       queued wins, even over {@link Duration#ZERO}; use {@link Continue} for "immediately".</li>
 *   <li>{@link Hibernate}: accepted for fidelity and treated as {@link #NONE}. A virtual thread
 *       parked in {@code receive} already holds no carrier thread and only its own stack, so
 *       there is nothing to compact.</li>
 *   <li>{@link Continue}: runs {@link GenServer#handleContinue} with the argument before any
 *       message is handled.</li>
 * </ul>
 */
public sealed interface Next {

    /** Wait for the next message without a timeout. */
    None NONE = new None();

    /** Receive {@link GenServer.Timeout} if no message arrives within {@code after}. */
    static Next timeout(Duration after) {
        return new Timeout(after);
    }

    /** Erlang's {@code hibernate}: the same as {@link #NONE} here (see the type's notes). */
    static Next hibernate() {
        return Hibernate.INSTANCE;
    }

    /** Run {@link GenServer#handleContinue} with {@code argument} before the next message. */
    static Next continueWith(Object argument) {
        return new Continue(argument);
    }

    /** Wait for the next message without a timeout. */
    record None() implements Next {
    }

    /**
     * Receive {@link GenServer.Timeout} if no message arrives within {@code after}.
     *
     * @param after how long to wait for a message; {@code Processes.INFINITY} means no timeout
     */
    record Timeout(Duration after) implements Next {
        public Timeout {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("negative timeout: " + after);
            }
        }
    }

    /** Hibernation, a no-op on virtual threads. */
    enum Hibernate implements Next {
        INSTANCE
    }

    /**
     * Run {@link GenServer#handleContinue} with {@code argument} before any message.
     *
     * @param argument passed to {@code handleContinue}; never null
     */
    record Continue(Object argument) implements Next {
        public Continue {
            Objects.requireNonNull(argument, "argument");
        }
    }
}
