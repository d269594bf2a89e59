package dev.amanah.otp.server;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import java.util.Objects;

/**
 * How starting a process went: OTP's {@code on_start}, {@code {:ok, pid} | :ignore |
 * {:error, reason}}. Returned by {@link GenServer#start}, {@link GenServer#startLink}, by a
 * supervisor child's start function and by {@code startChild}/{@code restartChild}.
 *
 * <pre>{@code
 * switch (GenServer.startLink(new Stats(), StartOptions.named("stats"))) {
 *     case StartResult.Ok(var pid) -> use(pid);
 *     case StartResult.Ignore() -> log("not needed here");
 *     case StartResult.Error(ExitReason.Term(AlreadyStarted(var pid))) -> use(pid);
 *     case StartResult.Error(var reason) -> throw new ExitException(reason);
 * }
 * }</pre>
 */
public sealed interface StartResult {

    /**
     * The started pid.
     *
     * @throws IllegalStateException if the start did not produce a running process; the message
     *                               names the outcome
     */
    default Pid orElseThrow() {
        if (this instanceof Ok(var pid)) {
            return pid;
        }
        throw new IllegalStateException("the process did not start: " + this);
    }

    /** The process started and runs as {@code pid}. */
    record Ok(Pid pid) implements StartResult {
        public Ok {
            Objects.requireNonNull(pid, "pid");
        }
    }

    /**
     * The process decided not to run ({@code init} returned {@code Ignore}); it has ended with
     * {@code normal}. A supervisor keeps the child's spec so it can be restarted by hand.
     */
    record Ignore() implements StartResult {
    }

    /**
     * The start failed; {@code reason} says why: the reason {@code init} stopped or crashed with,
     * {@link ExitReason#TIMEOUT} if {@code init} outran the start timeout,
     * {@code Term(AlreadyStarted(pid))} if the name was taken, or a supervisor's own error
     * ({@code Term(ChildError...)}).
     */
    record Error(ExitReason reason) implements StartResult {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
