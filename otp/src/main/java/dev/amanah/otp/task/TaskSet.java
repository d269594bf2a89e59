package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.Matcher;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The tasks of one {@code awaitMany} or {@code yieldMany} call, collected together.
 *
 * <p>Why one receive for all: awaiting the tasks one by one makes each selective receive skip
 * (and later rescan) the replies of the tasks after it, which is quadratic when the replies
 * arrive out of order. Here one matcher accepts the reply or Down of any task still pending, so
 * every message is taken the first time it is seen. A reply usually arrives just before its
 * task's Down; the Down is then taken by the same matcher when it comes.
 *
 * <p>Costs, for a hundred thousand tasks: each task has one {@link Entry}, found by its ref with
 * one lookup per message (refs compare by identity, so an {@link IdentityHashMap}); the entry
 * carries its state and result, and the results are read back by input position, not looked up.
 * A receive first looks without a timeout, so while replies are queued no wait (and no alarm) is
 * set up for each.
 */
final class TaskSet {
    private enum State { PENDING, DOWN_OWED, DONE }

    /** One distinct task: where it stands and, once it has one, its result. */
    private static final class Entry {
        final Task<?> task;
        State state = State.PENDING;
        TaskResult<?> result;

        Entry(Task<?> task) {
            this.task = task;
        }
    }

    private final IdentityHashMap<Ref, Entry> byRef;
    /** The distinct tasks, in input order. */
    private final List<Entry> distinct;
    /** The entry of each input position (a task listed twice shares one). */
    private final Entry[] byPosition;
    private final Matcher<Object> outcomes = this::matchOutcome;
    private final Matcher<Down> owedDowns = this::matchOwedDown;
    /** The entry of the message the last matcher accepted; saves looking it up again. */
    private Entry matched;
    private int pending;
    private int resolved;
    private int downsOwed;

    TaskSet(List<? extends Task<?>> tasks, String operation) {
        Objects.requireNonNull(tasks, "tasks");
        var self = Processes.self();
        byRef = new IdentityHashMap<>(tasks.size());
        distinct = new ArrayList<>(tasks.size());
        byPosition = new Entry[tasks.size()];
        int position = 0;
        for (var task : tasks) {
            Objects.requireNonNull(task, "task");
            var entry = byRef.get(task.ref());
            if (entry == null) {
                task.checkQuery(operation, self);
                entry = new Entry(task);
                byRef.put(task.ref(), entry);
                distinct.add(entry);
            }
            byPosition[position++] = entry;
        }
        pending = distinct.size();
    }

    boolean hasPending() {
        return pending > 0;
    }

    int resolved() {
        return resolved;
    }

    /** The result of the task at {@code position} in the input list, or null if it has none. */
    TaskResult<?> resultAt(int position) {
        return byPosition[position].result;
    }

    /** Waits until {@code deadline} for one pending task's reply or Down; null on timeout. */
    TaskResult<?> receiveOne(long deadline) {
        for (;;) {
            var message = Processes.receive(Duration.ZERO, outcomes);
            if (message == null) {
                message = Processes.receive(Timeouts.remaining(deadline), outcomes);
                if (message == null) {
                    return null;
                }
            }
            var entry = matched;
            if (entry.state == State.DOWN_OWED) {
                entry.state = State.DONE; // the Down of a task that had replied
                downsOwed--;
                continue;
            }
            pending--;
            resolved++;
            var result = entry.task.settleKeepingDown(message);
            if (result instanceof TaskResult.Ok<?> && entry.task.downWillCome()) {
                entry.state = State.DOWN_OWED;
                downsOwed++;
            } else {
                entry.state = State.DONE;
            }
            entry.result = result;
            return result;
        }
    }

    private Object matchOutcome(Object message) {
        Entry entry;
        if (message instanceof TaskReply<?> reply) {
            entry = byRef.get(reply.ref());
            if (entry == null || entry.state != State.PENDING) {
                return null;
            }
        } else if (message instanceof Down down) {
            entry = byRef.get(down.ref());
            if (entry == null || entry.state == State.DONE) {
                return null;
            }
        } else {
            return null;
        }
        matched = entry;
        return message;
    }

    private Down matchOwedDown(Object message) {
        if (message instanceof Down down) {
            var entry = byRef.get(down.ref());
            if (entry != null && entry.state == State.DOWN_OWED) {
                matched = entry;
                return down;
            }
        }
        return null;
    }

    /** Takes the Downs still owed by tasks that replied; they are sent already, so this is short. */
    void flushDowns() {
        while (downsOwed > 0) {
            Processes.receive(owedDowns);
            matched.state = State.DONE;
            downsOwed--;
        }
    }

    /** Stops tracking every pending task (they keep running) and flushes; for a failed await. */
    void abandonPending() {
        for (var entry : distinct) {
            if (entry.state == State.PENDING) {
                entry.task.detach();
                entry.state = State.DONE;
            }
        }
        pending = 0;
        flushDowns();
    }

    /** Ignores or brutally kills every pending task, recording any result that raced in. */
    void stopPending(boolean kill) {
        for (var entry : distinct) {
            if (entry.state == State.PENDING) {
                var result = kill ? entry.task.shutdown(Shutdown.BRUTAL_KILL) : entry.task.ignore();
                entry.state = State.DONE;
                if (result.isPresent()) {
                    entry.result = result.get();
                    resolved++;
                }
            }
        }
        pending = 0;
    }
}
