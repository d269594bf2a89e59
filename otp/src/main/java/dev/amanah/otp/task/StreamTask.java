package dev.amanah.otp.task;

import dev.amanah.otp.ExitHook;
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
 *
 * <p>When the function returns, the task marks its slot returned and simply ends; its result is
 * handed to the consumer by this object as the task's {@link ExitHook}, which runs once the task
 * is dead for everyone and before its links are told. So the consumer gets the slot of a task
 * that is already dead, and may start another in its place at once: no wait for the end of a
 * task that has handed its result over but is still alive. The hook also removes the link first,
 * so that the monitor, which traps exits, gets no message and no wake-up for a normal end.
 */
final class StreamTask extends ExitHook implements ProcessBody {
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
        var self = Processes.self();
        slot.pid = self;
        Processes.link(monitor);
        // The deadline only after the link: until then the slot reads as not started, which is
        // how the monitor's look through the ring finds a task killed before its link formed (no
        // exit signal tells of it). Set before, such a task would wait for its timeout and end
        // its element as overrun, or, with no timeout, never end it.
        slot.deadline = Timeouts.deadline(timeout);
        if (!attach()) {
            return; // killed since it linked: the link tells the monitor
        }
        Callers.set(callers);
        slot.value = fn.apply(slot.input);
        // A task killed while its function ran may have run its hook already, and found the slot
        // still running; then nobody else hands the result over (the monitor, whose finish fails
        // now, ignores the end), so the task does it itself, dead as it is.
        if (slot.finish(StreamSlot.RETURNED) && !self.isAlive()) {
            handOver();
        }
    }

    @Override
    protected void exited(Pid pid) {
        if (slot.isReturned()) {
            unlinkDead(pid, monitor);
            handOver();
        }
    }

    /** Hands the result of a task that returned and is dead to the consumer; once, whoever calls first. */
    private void handOver() {
        if (slot.claimHandOver()) {
            slot.outcome = new TaskResult.Ok<>(slot.value);
            channel.inbox.offer(slot);
        }
    }
}
