package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Matcher;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.Arrays;
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
 * <p>Finding a message's task without hashing: tasks mostly end in the order they were started,
 * so the matcher first compares the message's ref with the refs of the few tasks after the one
 * whose message of the same kind (reply or Down) came last, then with those of the next few tasks
 * still waiting for one, in input order; only the tasks that a message from further ahead skips
 * over go into a map from ref to task. With a hundred thousand tasks a hash lookup or insertion
 * costs a cache miss or two, which made the map cost more than everything else in
 * {@code awaitMany}. The first window alone was not enough: one task that replies late (its
 * thread ran last) holds the waiting cursor back, and every reply after the window's end then went
 * through the map. For the same reason duplicates in the input are recognised by a mark on the
 * task, not by a map.
 *
 * <p>Touching each task once: with a hundred thousand tasks, every visit to a {@link Task} object
 * after the set was built missed the cache again. So the constructor, which must check each task
 * anyway, also marks it settled at once ({@link Task#takeIn()}), and what comes in is recorded in
 * arrays of the set, not in the tasks; the tasks that get no result are given back at the end
 * ({@link #givePendingBack()}), tracked again, as {@code yieldMany} leaves them.
 */
final class TaskSet {
    private static final byte PENDING = 0;
    private static final byte DOWN_OWED = 1;
    private static final byte DONE = 2;
    /** What {@link #receiveOne} got, and what a task has: nothing (the deadline passed), a value, an exit. */
    static final byte NO_RESULT = 0;
    static final byte OK = 1;
    static final byte EXITED = 2;
    /** How many tasks ahead of the first waiting one the matcher compares before using the map. */
    private static final int WINDOW = 32;

    /** The distinct tasks, in input order; the arrays below are indexed like it. */
    private final Task<?>[] tasks;
    private final Ref[] refs;
    /** Whether the task has a process, so a Down (not a {@link Task#completed} one). */
    private final boolean[] withProcess;
    private final byte[] states;
    /** {@link #NO_RESULT}, {@link #OK} or {@link #EXITED}: what {@link #values} holds for the task. */
    private final byte[] kinds;
    /** The task's value ({@link #OK}) or its exit reason ({@link #EXITED}). */
    private final Object[] values;
    /** The index in {@link #tasks} of each input position (a task listed twice is there once). */
    private final int[] byPosition;
    private final Matcher<Object> outcomes = this::matchOutcome;
    private final Matcher<Down> owedDowns = this::matchOwedDown;
    /** Ref to index of the tasks {@link #indexOf} passed over, for messages outside its window. */
    private IdentityHashMap<Ref, Integer> far;
    /** Every task before this one is in {@link #far}. */
    private int frontier;
    /** No task before this one still waits for its reply. */
    private int replyCursor;
    /** No task before this one may still get a Down. */
    private int downCursor;
    /** The index of the task whose message the last matcher accepted. */
    private int matched;
    /** Just after the task whose reply, and whose Down, was matched last: where the next is likely. */
    private int nextReply;
    private int nextDown;
    private int pending;
    private int resolved;
    private int downsOwed;

    /**
     * Takes in {@code input}'s tasks for {@code operation}.
     *
     * @throws IllegalArgumentException if the caller does not own every task
     * @throws IllegalStateException    if a task's result was already taken; then no task is taken in
     */
    TaskSet(List<? extends Task<?>> input, String operation) {
        Objects.requireNonNull(input, "tasks");
        var self = Processes.self();
        var mark = new Object();
        int size = input.size();
        var distinct = new Task<?>[size];
        var distinctRefs = new Ref[size];
        var processes = new boolean[size];
        byPosition = new int[size];
        int count = 0;
        int position = 0;
        try {
            for (var task : input) {
                Objects.requireNonNull(task, "task");
                if (task.collectedBy != mark) {
                    task.checkQuery(operation, self);
                    task.takeIn();
                    task.collectedBy = mark;
                    task.collectedAt = count;
                    distinctRefs[count] = task.ref();
                    processes[count] = task.hasProcess();
                    distinct[count++] = task;
                }
                byPosition[position++] = task.collectedAt;
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < count; i++) {
                distinct[i].giveBack();
            }
            throw e;
        }
        boolean allDistinct = count == size;
        tasks = allDistinct ? distinct : Arrays.copyOf(distinct, count);
        refs = allDistinct ? distinctRefs : Arrays.copyOf(distinctRefs, count);
        withProcess = allDistinct ? processes : Arrays.copyOf(processes, count);
        states = new byte[count];
        kinds = new byte[count];
        values = new Object[count];
        pending = count;
    }

    boolean hasPending() {
        return pending > 0;
    }

    int resolved() {
        return resolved;
    }

    /** What the task at {@code position} in the input list has: {@link #NO_RESULT}, {@link #OK} or {@link #EXITED}. */
    byte kindAt(int position) {
        return kinds[byPosition[position]];
    }

    /** The value ({@link #OK}) or exit reason ({@link #EXITED}) of the task at {@code position} in the input list. */
    Object valueAt(int position) {
        return values[byPosition[position]];
    }

    /** The result of the task at {@code position} in the input list, or null if it has none. */
    TaskResult<?> resultAt(int position) {
        int index = byPosition[position];
        return switch (kinds[index]) {
            case OK -> new TaskResult.Ok<>(values[index]);
            case EXITED -> new TaskResult.Exit<>((ExitReason) values[index]);
            default -> null;
        };
    }

    /** The exit reason of the task whose outcome {@link #receiveOne} returned last, if it was {@link #EXITED}. */
    ExitReason lastExit() {
        return (ExitReason) values[matched];
    }

    /**
     * Waits until {@code deadline} for one pending task's reply or Down: {@link #OK} or
     * {@link #EXITED} for the task that got it, {@link #NO_RESULT} if the deadline passed.
     */
    byte receiveOne(long deadline) {
        for (;;) {
            var message = Processes.receive(Duration.ZERO, outcomes);
            if (message == null) {
                message = Processes.receive(Timeouts.remaining(deadline), outcomes);
                if (message == null) {
                    return NO_RESULT;
                }
            }
            int index = matched;
            if (states[index] == DOWN_OWED) {
                settle(index, DONE); // the Down of a task that had replied
                downsOwed--;
                continue;
            }
            pending--;
            resolved++;
            if (message instanceof TaskReply<?> reply) {
                values[index] = reply.result();
                kinds[index] = OK;
                if (withProcess[index]) {
                    // Its Down follows: taken by this matcher when it comes, or by flushDowns.
                    settle(index, DOWN_OWED);
                    downsOwed++;
                } else {
                    settle(index, DONE);
                }
            } else {
                values[index] = ((Down) message).reason();
                kinds[index] = EXITED;
                settle(index, DONE);
            }
            return kinds[index];
        }
    }

    private void settle(int index, byte state) {
        states[index] = state;
        while (replyCursor < states.length && states[replyCursor] != PENDING) {
            replyCursor++;
        }
        while (downCursor < states.length && states[downCursor] == DONE) {
            downCursor++;
        }
    }

    /**
     * The index of the task with {@code ref}, or -1: first the few tasks from {@code hint} on,
     * then the few from {@code cursor} on, then the map of the tasks passed over so far, then
     * onwards from the furthest task reached, adding each task passed to the map. So a ref is
     * hashed only if a message from further ahead came first (or a message of none of the tasks),
     * and at most once.
     */
    private int indexOf(Ref ref, int hint, int cursor) {
        int found = scan(ref, hint);
        if (found < 0 && cursor != hint) {
            found = scan(ref, cursor);
        }
        return found >= 0 ? found : lookUpFar(ref);
    }

    /** The index of the task with {@code ref} among the {@link #WINDOW} tasks from {@code from}, or -1. */
    private int scan(Ref ref, int from) {
        int end = Math.min(refs.length, from + WINDOW);
        for (int i = from; i < end; i++) {
            if (refs[i] == ref) {
                return i;
            }
        }
        return -1;
    }

    private int lookUpFar(Ref ref) {
        if (far != null) {
            var index = far.get(ref);
            if (index != null) {
                return index;
            }
        } else if (frontier < refs.length) {
            far = new IdentityHashMap<>(refs.length - frontier);
        }
        for (int i = frontier; i < refs.length; i++) {
            far.put(refs[i], i);
            if (refs[i] == ref) {
                frontier = i + 1;
                return i;
            }
        }
        frontier = refs.length;
        return -1;
    }

    private Object matchOutcome(Object message) {
        int index;
        if (message instanceof TaskReply<?> reply) {
            index = indexOf(reply.ref(), nextReply, replyCursor);
            if (index < 0 || states[index] != PENDING) {
                return null;
            }
            nextReply = index + 1;
        } else if (message instanceof Down down) {
            index = indexOf(down.ref(), nextDown, downCursor);
            if (index < 0 || states[index] == DONE) {
                return null;
            }
            nextDown = index + 1;
        } else {
            return null;
        }
        matched = index;
        return message;
    }

    private Down matchOwedDown(Object message) {
        if (message instanceof Down down) {
            int index = indexOf(down.ref(), nextDown, downCursor);
            if (index >= 0 && states[index] == DOWN_OWED) {
                nextDown = index + 1;
                matched = index;
                return down;
            }
        }
        return null;
    }

    /**
     * Takes the Downs still owed by tasks that replied, so that none is left behind. Those already
     * queued are taken; each task whose Down is not there yet is demonitored, and only if it died
     * meanwhile (its Down then is queued, or being queued) is the Down awaited.
     *
     * <p>Why not demonitor each task as its reply comes, as a single {@code await} does: most
     * tasks have ended by the time their reply is read, so the demonitor fails and the Down must
     * be taken anyway, and each demonitor costs the owner a lock and a visit to the monitor (with
     * a hundred thousand tasks, a sixth of {@code awaitMany}'s time went there). A task that
     * replied runs no user code any more (see {@link ReplyAlias}), so its Down comes at once.
     */
    void flushDowns() {
        while (downsOwed > 0 && Processes.receive(Duration.ZERO, owedDowns) != null) {
            settle(matched, DONE);
            downsOwed--;
        }
        if (downsOwed == 0) {
            return;
        }
        for (int i = downCursor; i < tasks.length; i++) {
            if (states[i] == DOWN_OWED && !tasks[i].downWillCome()) {
                states[i] = DONE;
                downsOwed--;
            }
        }
        while (downsOwed > 0) {
            Processes.receive(owedDowns);
            settle(matched, DONE);
            downsOwed--;
        }
    }

    /** Stops tracking every pending task (they keep running) and flushes; for a failed await. */
    void abandonPending() {
        for (int i = 0; i < tasks.length; i++) {
            if (states[i] == PENDING) {
                tasks[i].abandon();
                settle(i, DONE);
            }
        }
        pending = 0;
        flushDowns();
    }

    /** Ignores or brutally kills every pending task, recording any result that raced in. */
    void stopPending(boolean kill) {
        for (int i = 0; i < tasks.length; i++) {
            if (states[i] == PENDING) {
                var task = tasks[i];
                task.giveBack(); // shutdown and ignore work on a task still tracked
                var result = kill ? task.shutdown(Shutdown.BRUTAL_KILL) : task.ignore();
                settle(i, DONE);
                switch (result.orElse(null)) {
                    case null -> { }
                    case TaskResult.Ok<?>(var value) -> record(i, OK, value);
                    case TaskResult.Exit<?>(var reason) -> record(i, EXITED, reason);
                }
            }
        }
        pending = 0;
    }

    private void record(int index, byte kind, Object value) {
        kinds[index] = kind;
        values[index] = value;
        resolved++;
    }

    /**
     * Gives back the tasks still pending, which were taken in but got no result: they are tracked
     * again, to be yielded, awaited or shut down later. Call last.
     */
    void givePendingBack() {
        for (int i = replyCursor; i < tasks.length; i++) {
            if (states[i] == PENDING) {
                tasks[i].giveBack();
            }
        }
    }
}
