package dev.amanah.otp;

import java.util.Objects;

/**
 * The message a process that traps exits receives instead of dying: Erlang's
 * {@code {'EXIT', from, reason}}. It comes from a linked process that ended, or from
 * {@link Processes#exit(Pid, ExitReason)} (then {@code from} is the sender).
 *
 * @param from   the process that ended, or that sent the exit signal
 * @param reason why
 */
public record Exit(Pid from, ExitReason reason) {
    public Exit {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
    }
}
