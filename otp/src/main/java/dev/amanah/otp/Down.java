package dev.amanah.otp;

import java.util.Objects;

/**
 * The message a monitor delivers, exactly once, when the monitored process ends: Erlang's
 * {@code {'DOWN', ref, process, pid, reason}}. A monitor on a process that was already dead
 * delivers it at once with {@link ExitReason#NOPROC}.
 *
 * @param ref    the monitor's reference, as returned by {@link Processes#monitor(Pid)}
 * @param pid    the monitored process
 * @param reason why it ended
 */
public record Down(Ref ref, Pid pid, ExitReason reason) {
    public Down {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(reason, "reason");
    }
}
