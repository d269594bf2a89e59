package dev.amanah.otp.task;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import java.util.Objects;

/**
 * How a task ended, as Elixir's {@code {:ok, value}} and {@code {:exit, reason}}: returned by
 * {@link Task#yield(java.time.Duration)}, {@link Task#shutdown()}, {@link Task#ignore()},
 * {@link Task#yieldMany} and emitted by {@link Task#asyncStream} streams.
 *
 * <p>Match it with a pattern-matching switch:
 * <pre>{@code
 * switch (result) {
 *     case TaskResult.Ok<Receipt>(var receipt) -> store(receipt);
 *     case TaskResult.Exit<Receipt>(var reason) -> log.warn("receipt failed: " + reason);
 * }
 * }</pre>
 *
 * @param <T> the task's value type
 */
public sealed interface TaskResult<T> {

    /**
     * The value, or an {@link ExitException} carrying the exit reason: the same failure an
     * {@code await} would have raised, without the call context.
     */
    T orElseThrow();

    /**
     * The task replied.
     *
     * @param value what the task's function returned (may be null)
     */
    record Ok<T>(T value) implements TaskResult<T> {
        @Override
        public T orElseThrow() {
            return value;
        }
    }

    /**
     * The task ended without replying (or the stream element failed).
     *
     * @param reason why: the task's exit reason, {@link ExitReason#TIMEOUT} for a stream element
     *               killed by {@code onTimeout(KILL_TASK)}, or a {@link ZippedExit} term when
     *               {@code zipInputOnExit} is set
     */
    record Exit<T>(ExitReason reason) implements TaskResult<T> {
        public Exit {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public T orElseThrow() {
            throw new ExitException(reason);
        }
    }
}
