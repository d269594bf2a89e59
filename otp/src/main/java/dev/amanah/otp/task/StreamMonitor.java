package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intermediate process of an async stream (Elixir's stream monitor): it enforces the
 * per-task timeouts, learns of tasks that end without a result, and stops every task when the
 * stream ends. In a supervised stream it also starts the element tasks the consumer asks for,
 * learns when each one ends, and hands each finished element to the consumer through the
 * {@link StreamChannel}; in a linked stream the consumer starts them and each {@link StreamTask}
 * hands its result over itself, and the monitor watches them through the {@link StreamRing}.
 *
 * <p>It traps exits and, in linked mode, is linked to the consumer and to every task. So:
 * <ul>
 *   <li>a task that crashes (and the consumer does not trap exits) makes it exit with the
 *       task's reason, which the links carry to the consumer and to the other tasks;</li>
 *   <li>a consumer that ends, for any reason, makes it kill every task and end;</li>
 *   <li>a stream that is closed, or garbage-collected, sends it {@link Stop}: it kills every task
 *       and ends.</li>
 * </ul>
 * In nolink mode (tasks under a {@link TaskSupervisor}) it monitors the consumer and the tasks
 * instead, and no failure of a task reaches the consumer except as an {@code Exit} element.
 * Whenever it ends, its last act is to post {@link Ended}, which the consumer waits for when it
 * closes the stream.
 */
final class StreamMonitor implements ProcessBody {
    /** Consumer to monitor: start a task for this element. */
    record SpawnItem(StreamSlot slot) {
    }

    /** Consumer (or the stream's cleaner) to monitor: kill every task and end. */
    record Stop() {
    }

    /** Monitor to consumer: a task overran its timeout and the policy is to exit. */
    record TimedOut(StreamSlot slot) {
    }

    /** Monitor to consumer: the monitor has ended, with {@code reason}; no task is left alive. */
    record Ended(ExitReason reason) {
    }

    /**
     * Monitor to consumer, linked streams: the monitor traps exits now, so tasks may link to it.
     * A task that linked and ended before would have sent an untrapped normal exit, which is lost,
     * or a crash that would end the monitor even for an owner that traps exits.
     */
    record Ready() {
    }

    static final Ready READY = new Ready();

    static final Stop STOP = new Stop();

    /** The longest time between two looks through a linked stream's ring; see {@link #nextLook}. */
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final Pid owner;
    private final boolean ownerTraps;
    private final List<Pid> callers;
    private final StreamOptions options;
    private final TaskFunction<Object, ?> fn;
    private final TaskSpawner spawner;
    private final StreamChannel channel;
    /** Tasks alive, in start order, hence in deadline order. */
    private final LinkedHashMap<Pid, StreamSlot> running = new LinkedHashMap<>();
    /** Tasks killed for overrunning, whose end has not been seen yet. */
    private final Map<Pid, StreamSlot> overrun = new HashMap<>();
    private Ref ownerWatch;
    /** Linked streams: when to look through the ring for overrunning tasks next. */
    private long nextScan;

    @SuppressWarnings("unchecked")
    StreamMonitor(Pid owner, boolean ownerTraps, List<Pid> callers, StreamOptions options,
                  TaskFunction<?, ?> fn, TaskSpawner spawner, StreamChannel channel) {
        this.owner = owner;
        this.ownerTraps = ownerTraps;
        this.callers = callers;
        this.options = options;
        this.fn = (TaskFunction<Object, ?>) fn;
        this.spawner = spawner;
        this.channel = channel;
    }

    @Override
    public void run() {
        ExitReason ended = ExitReason.NORMAL;
        try {
            Processes.trapExits(true);
            if (!spawner.linked()) {
                ownerWatch = Processes.monitor(owner);
            }
            nextScan = spawner.linked() ? nextLook() : Timeouts.NEVER;
            if (spawner.linked()) {
                channel.inbox.offer(READY);
            }
            loop();
        } catch (Throwable t) {
            ended = ExitReason.from(t);
            throw t;
        } finally {
            channel.inbox.offer(new Ended(ended));
        }
    }

    private void loop() {
        for (;;) {
            expireOverdue();
            scanRing();
            var message = Processes.receive(untilNextDeadline());
            switch (message) {
                case null -> { }
                case SpawnItem(var slot) -> {
                    if (!channel.closed) {
                        spawn(slot);
                    }
                }
                case Stop stop -> {
                    if (spawner.linked()) {
                        Processes.unlink(owner);
                    }
                    killAll();
                    endLinkedTasks();
                    return;
                }
                case Exit(var from, var reason) when from == owner -> {
                    killAll();
                    endLinkedTasks();
                    return;
                }
                case Down(var ref, var pid, var reason) when ref == ownerWatch -> {
                    killAll();
                    return;
                }
                case Exit(var from, var reason) when spawner.linked() -> linkedTaskEnded(from, reason);
                case Exit(var from, var reason) -> taskEnded(from, reason);
                case Down(var ref, var pid, var reason) -> taskEnded(pid, reason);
                default -> { } // nobody else has any business here
            }
        }
    }

    private void spawn(StreamSlot slot) {
        var pid = spawner.spawn(() -> {
            Callers.set(callers);
            slot.value = fn.apply(slot.input);
        });
        if (pid == null) {
            slot.outcome = new TaskResult.Exit<>(ExitReason.of("max_children"));
            channel.inbox.offer(slot);
            return;
        }
        slot.pid = pid;
        slot.deadline = Timeouts.deadline(options.timeout());
        running.put(pid, slot);
    }

    private void taskEnded(Pid pid, ExitReason reason) {
        var slot = running.remove(pid);
        if (slot == null && (slot = overrun.remove(pid)) == null) {
            return;
        }
        var value = slot.value;
        if (value != StreamSlot.NONE) {
            // It returned; whatever ended it afterwards does not undo the result.
            slot.outcome = new TaskResult.Ok<>(value);
        } else if (slot.timedOut) {
            if (options.onTimeout() == StreamOptions.OnTimeout.EXIT) {
                channel.inbox.offer(new TimedOut(slot));
                return;
            }
            slot.outcome = new TaskResult.Exit<>(ExitReason.TIMEOUT);
        } else if (spawner.linked() && !ownerTraps && !reason.isNormal()) {
            // Die of it like a linked process that does not trap exits: silently (the task's
            // crash is reported already), taking the owner and the other tasks along.
            Processes.trapExits(false);
            Processes.exit(Processes.self(), reason);
        } else {
            slot.outcome = new TaskResult.Exit<>(reason);
        }
        channel.inbox.offer(slot);
    }

    /**
     * A linked task ended while still linked: without a result (it crashed, was killed, or exited
     * normal early), or just after returning (then it hands its result over itself, or has done
     * so), or after it overran (handled already).
     */
    private void linkedTaskEnded(Pid pid, ExitReason reason) {
        var slot = channel.ring.find(pid);
        if (slot != null && slot.finish(StreamSlot.ENDED)) {
            endedWithoutResult(slot, reason);
        }
    }

    private void endedWithoutResult(StreamSlot slot, ExitReason reason) {
        if (!ownerTraps && !reason.isNormal()) {
            // Die of it like a linked process that does not trap exits (see taskEnded).
            Processes.trapExits(false);
            Processes.exit(Processes.self(), reason);
        }
        slot.outcome = new TaskResult.Exit<>(reason);
        channel.inbox.offer(slot);
    }

    /**
     * Linked streams: kills the tasks past their deadline and plans the next look. A task that
     * starts after this look has a deadline at least a timeout from now, so with no task running
     * the next look is a timeout away.
     */
    private void scanRing() {
        if (nextScan == Timeouts.NEVER || nextScan - System.nanoTime() > 0) {
            return;
        }
        long now = System.nanoTime();
        long next = nextLook();
        var overdue = new ArrayList<StreamSlot>();
        var killedUnstarted = new ArrayList<StreamSlot>();
        channel.ring.forEach(slot -> {
            long deadline = slot.deadline;
            var pid = slot.pid;
            if (deadline == StreamSlot.UNSTARTED && pid != null && !pid.isAlive() && slot.isRunning()) {
                killedUnstarted.add(slot); // killed by someone before it could link: nothing else tells
            }
            if (deadline == StreamSlot.UNSTARTED || deadline == Timeouts.NEVER || !slot.isRunning()) {
                return;
            }
            if (deadline - now <= 0) {
                overdue.add(slot);
            }
        });
        for (var slot : killedUnstarted) {
            if (slot.deadline == StreamSlot.UNSTARTED && slot.finish(StreamSlot.ENDED)) {
                // Its real reason is lost with it; an exit signal ended it, most likely a kill.
                endedWithoutResult(slot, ExitReason.KILLED);
            }
        }
        for (var slot : overdue) {
            if (slot.finish(StreamSlot.ENDED)) {
                Processes.exit(slot.pid, ExitReason.KILL);
                if (options.onTimeout() == StreamOptions.OnTimeout.EXIT) {
                    channel.inbox.offer(new TimedOut(slot));
                    nextScan = Timeouts.NEVER;
                    return;
                }
                slot.outcome = new TaskResult.Exit<>(ExitReason.TIMEOUT);
                channel.inbox.offer(slot);
            }
        }
        long[] earliest = {next};
        channel.ring.forEach(slot -> {
            long deadline = slot.deadline;
            if (deadline != StreamSlot.UNSTARTED && slot.isRunning() && deadline - earliest[0] < 0) {
                earliest[0] = deadline;
            }
        });
        nextScan = earliest[0];
    }

    /**
     * When to look through the ring next, with no task nearer its deadline: a timeout from now,
     * and at most {@link #SWEEP}, since a task killed before it could link is found only by a
     * look (with an infinite timeout there would be none, and its element would never come).
     */
    private long nextLook() {
        var timeout = options.timeout();
        return Timeouts.deadline(timeout.compareTo(SWEEP) < 0 ? timeout : SWEEP);
    }

    private Duration untilNextDeadline() {
        var oldest = running.firstEntry();
        long deadline = oldest == null ? Timeouts.NEVER : oldest.getValue().deadline;
        if (nextScan != Timeouts.NEVER && (deadline == Timeouts.NEVER || nextScan - deadline < 0)) {
            deadline = nextScan;
        }
        return Timeouts.remaining(deadline);
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (var entries = running.entrySet().iterator(); entries.hasNext(); ) {
            var entry = entries.next();
            var slot = entry.getValue();
            if (slot.deadline == Timeouts.NEVER || slot.deadline - now > 0) {
                return;
            }
            entries.remove();
            slot.timedOut = true;
            overrun.put(entry.getKey(), slot);
            Processes.exit(entry.getKey(), ExitReason.KILL);
        }
    }

    /**
     * Linked streams: ends this monitor with {@code shutdown} (not logged), so that its links take
     * down any task the ring did not show yet (one the consumer had started, but whose pid was not
     * written yet), and a task that links later finds it dead and ends with {@code noproc}.
     */
    private void endLinkedTasks() {
        if (spawner.linked()) {
            Processes.exit(ExitReason.SHUTDOWN);
        }
    }

    private void killAll() {
        for (var pid : running.keySet()) {
            Processes.exit(pid, ExitReason.KILL);
        }
        // A task not yet started is not found here; it will fail to link to this dead monitor.
        channel.ring.forEach(slot -> {
            var pid = slot.pid;
            if (pid != null) {
                Processes.exit(pid, ExitReason.KILL);
            }
        });
        running.clear();
        overrun.clear();
    }
}
