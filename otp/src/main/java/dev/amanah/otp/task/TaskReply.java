package dev.amanah.otp.task;

import dev.amanah.otp.Ref;
import java.util.Objects;

/**
 * The message a task sends its owner when its function returns: Elixir's {@code {ref, result}}.
 * {@code ref} is the task's {@link Task#ref()}, the same ref as the monitor's
 * {@link dev.amanah.otp.Down}, so a process that handles task messages itself (a server that
 * started the task with {@link TaskSupervisor#asyncNolink}) matches both by the task's ref:
 * <pre>{@code
 * switch (message) {
 *     case TaskReply<?>(var ref, var result) when ref == task.ref() -> {
 *         Processes.demonitor(ref, true);         // the DOWN is of no interest now
 *         handle(result);
 *     }
 *     case Down(var ref, var pid, var reason) when ref == task.ref() -> retry(reason);
 *     default -> { }
 * }
 * }</pre>
 * A task sends at most one reply, and none once its owner stopped waiting for it (an await that
 * timed out, {@link Task#shutdown}, {@link Task#ignore}): such late replies are dropped at the
 * source, as OTP drops them with process aliases.
 *
 * @param ref    the task's ref
 * @param result what the task's function returned (may be null)
 * @param <T>    the result type
 */
public record TaskReply<T>(Ref ref, T result) {
    public TaskReply {
        Objects.requireNonNull(ref, "ref");
    }
}
