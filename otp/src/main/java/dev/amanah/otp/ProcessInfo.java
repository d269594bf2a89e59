package dev.amanah.otp;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one live process, as Erlang's {@code Process.info/1}; returned by
 * {@link Processes#info(Pid)}, which is empty for a dead process.
 *
 * <p>Each field is read without stopping the process, so two fields may describe slightly
 * different instants; each is exact at the instant it was read.
 *
 * @param pid             the process
 * @param status          whether it is running or waiting
 * @param messageQueueLen messages in its mailbox
 * @param reductions      messages it has taken from its mailbox so far (the BEAM counts work in
 *                        reductions; a message handled is our unit)
 * @param links           the processes linked to it
 * @param monitors        the processes it monitors
 * @param monitoredBy     the processes that monitor it
 * @param registeredName  its registered name, if any
 * @param trapExit        whether it traps exits
 * @param currentFrame    the innermost frame of its stack outside the runtime, if it has one
 * @param memory          approximate bytes held by its mailbox and bookkeeping, not counting its
 *                        thread's stack (which the JDK does not expose per thread)
 */
public record ProcessInfo(
        Pid pid,
        Status status,
        int messageQueueLen,
        long reductions,
        List<Pid> links,
        List<Pid> monitors,
        List<Pid> monitoredBy,
        Optional<String> registeredName,
        boolean trapExit,
        Optional<StackTraceElement> currentFrame,
        long memory) {

    /** What a process is doing at the instant of the snapshot. */
    public enum Status {
        /** On a CPU, or ready to be. */
        RUNNING,
        /** Blocked: in a receive, a call, a sleep or any other blocking operation. */
        WAITING
    }
}
