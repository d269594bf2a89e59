package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tasks of one {@code awaitMany} or {@code yieldMany} call, collected together.
 *
 * <p>Why one receive for all: awaiting the tasks one by one makes each selective receive skip
 * (and later rescan) the replies of the tasks after it, which is quadratic when the replies
 * arrive out of order. Here one matcher accepts the reply or Down of any task still pending, so
 * every message is taken the first time it is seen. A reply usually arrives just before its
 * task's Down; the Down is then taken by the same matcher when it comes ({@link #downsToFlush}).
 */
final class TaskSet {
    private final Map<Ref, Task<?>> pending = new LinkedHashMap<>();
    private final Map<Ref, TaskResult<?>> results = new HashMap<>();
    private final Set<Ref> downsToFlush = new HashSet<>();

    TaskSet(List<? extends Task<?>> tasks, String operation) {
        Objects.requireNonNull(tasks, "tasks");
        for (var task : tasks) {
            Objects.requireNonNull(task, "task");
            if (pending.putIfAbsent(task.ref(), task) == null) {
                task.checkQuery(operation);
            }
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    int resolved() {
        return results.size();
    }

    /** The result of {@code task}, or null if it has none. */
    TaskResult<?> resultOf(Task<?> task) {
        return results.get(task.ref());
    }

    /** Waits until {@code deadline} for one pending task's reply or Down; null on timeout. */
    TaskResult<?> receiveOne(long deadline) {
        for (;;) {
            var message = Processes.receive(Timeouts.remaining(deadline), this::match);
            if (message == null) {
                return null;
            }
            if (message instanceof Down down && downsToFlush.remove(down.ref())) {
                continue;
            }
            var ref = message instanceof TaskReply<?> reply ? reply.ref() : ((Down) message).ref();
            var task = pending.remove(ref);
            var result = task.settleKeepingDown(message);
            if (result instanceof TaskResult.Ok<?> && task.downWillCome()) {
                downsToFlush.add(ref);
            }
            results.put(ref, result);
            return result;
        }
    }

    private Object match(Object message) {
        if (message instanceof TaskReply<?> reply) {
            return pending.containsKey(reply.ref()) ? message : null;
        }
        if (message instanceof Down down) {
            return pending.containsKey(down.ref()) || downsToFlush.contains(down.ref()) ? message : null;
        }
        return null;
    }

    /** Takes the Downs still owed by tasks that replied; they are sent already, so this is short. */
    void flushDowns() {
        while (!downsToFlush.isEmpty()) {
            var down = Processes.receive(m -> m instanceof Down d && downsToFlush.contains(d.ref()) ? d : null);
            downsToFlush.remove(down.ref());
        }
    }

    /** Stops tracking every pending task (they keep running) and flushes; for a failed await. */
    void abandonPending() {
        for (var task : pending.values()) {
            task.detach();
        }
        pending.clear();
        flushDowns();
    }

    /** Ignores or brutally kills every pending task, recording any result that raced in. */
    void stopPending(boolean kill) {
        for (var entry : pending.entrySet()) {
            var task = entry.getValue();
            var result = kill ? task.shutdown(Shutdown.BRUTAL_KILL) : task.ignore();
            result.ifPresent(r -> results.put(entry.getKey(), r));
        }
        pending.clear();
    }
}
