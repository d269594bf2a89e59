package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.List;

/**
 * The task of one element of a linked async stream, started by the consumer itself. It links to
 * the stream's monitor before it runs the function, so from then on the monitor hears of its end
 * if it ends without a result (and, being linked, it dies with the monitor); if the monitor is
 * already gone, the link fails with {@code noproc} and the task ends before running anything.
 * When the function returns, the task hands its result straight to the consumer and unlinks
 * first, so that the monitor, which traps exits, gets no message and no wake-up for it.
 */
final class StreamTask implements ProcessBody {
    private final StreamSlot slot;
    private final Pid monitor;
    private final StreamChannel channel;
    private final TaskFunction<Object, ?> fn;
    private final List<Pid> callers;
    private final Duration timeout;

    StreamTask(StreamSlot slot, Pid monitor, StreamChannel channel, TaskFunction<Object, ?> fn, List<Pid> callers,
               Duration timeout) {
        this.slot = slot;
        this.monitor = monitor;
        this.channel = channel;
        this.fn = fn;
        this.callers = callers;
        this.timeout = timeout;
    }

    @Override
    public void run() throws Exception {
        // The pid first: the monitor finds the slot of a task that ended by it, and the link below
        // is what makes it hear of that end.
        slot.pid = Processes.self();
        slot.deadline = Timeouts.deadline(timeout);
        Processes.link(monitor);
        Callers.set(callers);
        var value = fn.apply(slot.input);
        if (slot.finish(StreamSlot.RETURNED)) {
            slot.outcome = new TaskResult.Ok<>(value);
            // Unlinked, this task's normal end sends the trapping monitor nothing. Nothing below
            // can be stopped by a kill (no blocking call), so the slot is always handed over.
            Processes.unlink(monitor);
            channel.inbox.offer(slot);
        }
    }
}
