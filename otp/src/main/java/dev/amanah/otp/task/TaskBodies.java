package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.util.List;
import java.util.concurrent.Callable;

/** The code that task processes run around the user's function. */
final class TaskBodies {
    private TaskBodies() {
    }

    /**
     * A task linked to and monitored by its owner under {@code ref} ({@link Task#async}): both were
     * set up at spawn, as were its callers, so it runs at once; if the owner dies, the link takes
     * the task down.
     */
    static <T> ProcessBody linked(Pid owner, ReplyAlias alias, Ref ref, Callable<T> fn) {
        return () -> reply(owner, ref, alias, fn.call());
    }

    /**
     * A task started by a supervisor for {@code owner} ({@link TaskSupervisor#async},
     * {@link TaskSupervisor#asyncNolink}): nothing links it to the owner before the {@link Go},
     * so it watches the owner meanwhile and ends if the owner dies first.
     */
    static <T> ProcessBody supervised(Pid owner, List<Pid> callers, ReplyAlias alias, Callable<T> fn) {
        return () -> {
            Callers.set(callers);
            var go = awaitGo(owner);
            reply(owner, go.ref(), alias, fn.call());
        };
    }

    /** A fire-and-forget task ({@link Task#start}, {@link TaskSupervisor#startChild}). */
    static ProcessBody fireAndForget(List<Pid> callers, ProcessBody fn) {
        return () -> {
            Callers.set(callers);
            fn.run();
        };
    }

    /**
     * Waits for the {@link Go} from {@code owner}; ends the calling process with
     * {@code {shutdown, reason}} (not logged as a crash) if the owner dies first.
     */
    static Go awaitGo(Pid owner) {
        var watch = Processes.monitor(owner);
        var message = Processes.receive(m ->
                m instanceof Go || m instanceof Down down && down.ref() == watch ? m : null);
        if (message instanceof Down down) {
            Processes.exit(ExitReason.shutdown(down.reason()));
        }
        Processes.demonitor(watch, true);
        return (Go) message;
    }

    /**
     * Leaves the reply to be sent as the task ends, which is at once: the reply is a task's last
     * act. The owner links to and monitors a task started by {@link Task#async}, so the reply
     * reaches its mailbox with the {@code Down}, in one enqueue (see {@link Processes#sendOnExit}).
     */
    private static <T> void reply(Pid owner, Ref ref, ReplyAlias alias, T value) {
        if (alias.commit()) {
            Processes.sendOnExit(owner, new TaskReply<>(ref, value));
        }
    }
}
