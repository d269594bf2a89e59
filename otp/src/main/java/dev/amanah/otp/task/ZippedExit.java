package dev.amanah.otp.task;

import dev.amanah.otp.ExitReason;
import java.util.Objects;

/**
 * The reason of a failed {@link Task#asyncStream} element when
 * {@link StreamOptions#zipInputOnExit()} is set: Elixir's {@code {input, reason}}. It arrives
 * wrapped as {@code TaskResult.Exit(ExitReason.Term(ZippedExit(input, reason)))}.
 *
 * @param input  the input element whose task failed (may be null)
 * @param reason why the task failed
 */
public record ZippedExit(Object input, ExitReason reason) {
    public ZippedExit {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "{" + input + ", " + reason + "}";
    }
}
