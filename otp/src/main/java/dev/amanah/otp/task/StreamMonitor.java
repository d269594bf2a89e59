package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intermediate process of an async stream (Elixir's stream monitor): it starts the element
 * tasks the consumer asks for, learns when each one ends, enforces the per-task timeouts, and
 * hands each finished element to the consumer through the {@link StreamChannel}.
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

    static final Stop STOP = new Stop();

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
                    return;
                }
                case Exit(var from, var reason) when from == owner -> {
                    killAll();
                    return;
                }
                case Down(var ref, var pid, var reason) when ref == ownerWatch -> {
                    killAll();
                    return;
                }
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

    private Duration untilNextDeadline() {
        var oldest = running.firstEntry();
        return oldest == null ? Processes.INFINITY : Timeouts.remaining(oldest.getValue().deadline);
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

    private void killAll() {
        for (var pid : running.keySet()) {
            Processes.exit(pid, ExitReason.KILL);
        }
        running.clear();
        overrun.clear();
    }
}
