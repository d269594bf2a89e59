package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.BadCall;
import dev.amanah.otp.server.IncomingCall;
import dev.amanah.otp.server.IncomingStop;
import dev.amanah.otp.supervisor.ChildCounts;
import dev.amanah.otp.supervisor.ChildInfo;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.ChildrenQuery;
import dev.amanah.otp.supervisor.TerminateChildRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The process of a {@link TaskSupervisor}: a one-for-one dynamic supervisor of tasks, written as
 * a plain receive loop that traps exits.
 *
 * <p>It starts children on request, linked to itself; when a child ends (an {@link Exit}
 * message) it restarts it if its {@link Restart} policy says so, within the restart intensity
 * ({@code maxRestarts} in {@code maxSeconds}; past that it stops every child and exits
 * {@code shutdown}). When its parent (the process that started it with {@code startLink}) exits,
 * it stops every child and exits with the parent's reason. Children are stopped all at once:
 * each gets {@code shutdown} (or {@code kill}), and is killed when its own grace period is over.
 *
 * <p>Like Elixir's {@code Task.Supervisor} (a DynamicSupervisor), it answers
 * {@code Supervisor.whichChildren} (each child a worker with id {@code "task"}) and
 * {@code Supervisor.countChildren}, so it can be walked as any supervisor in a tree, and
 * {@code DynamicSupervisor.terminateChild} (or {@code Supervisor.terminateChild} with a pid), as
 * Elixir's {@code Task.Supervisor.terminate_child} is DynamicSupervisor's; any other {@code GenServer.call} stops it with {@code bad_call}, its
 * children first, as it would stop a DynamicSupervisor. {@code Supervisor.stop} and {@code GenServer.stop} stop it too, its children
 * first, with the reason they give.
 */
final class SupervisorLoop implements ProcessBody {
    // The protocol, private to this package: GenServer calls, answered as they arrive.
    record StartChild(ProcessBody body, ChildOptions options) {
    }

    record TerminateChild(Pid child) {
    }

    record WhichChildren() {
    }

    /** The answer to a {@link StartChild} when {@code maxChildren} are running. */
    record Refused(int maxChildren) {
    }

    private record Child(ProcessBody body, ChildOptions options) {
    }

    private record Stopping(Ref ref, Pid pid, long deadline) {
    }

    private final Pid parent;
    private final TaskSupervisor.Options options;
    private final LinkedHashMap<Pid, Child> children = new LinkedHashMap<>();
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    SupervisorLoop(Pid parent, TaskSupervisor.Options options) {
        this.parent = parent;
        this.options = options;
    }

    @Override
    public void run() {
        Processes.trapExits(true);
        for (;;) {
            var message = Processes.receive();
            switch (message) {
                case Exit(var from, var reason) when from == parent -> {
                    terminateAll();
                    throw new ExitException(reason);
                }
                case Exit(var from, var reason) -> childExited(from, reason);
                default -> other(message);
            }
        }
    }

    /**
     * A {@code GenServer.stop} ends it as it ends a DynamicSupervisor, its children first; a call
     * is answered; anything else is ignored, e.g. the Exit of a child shut down while it was ending.
     */
    private void other(Object message) {
        var stop = IncomingStop.of(message);
        if (stop.isPresent()) {
            terminateAll();
            throw new ExitException(stop.get().reason());
        }
        IncomingCall.of(message).ifPresent(this::answer);
    }

    private void answer(IncomingCall call) {
        switch (call.request()) {
            case StartChild(var body, var childOptions) ->
                    Processes.reply(call.from(), startChild(new Child(body, childOptions)));
            case TerminateChild(var child) -> Processes.reply(call.from(), terminateChild(child));
            case WhichChildren() -> Processes.reply(call.from(), List.copyOf(children.keySet()));
            default -> answerAsDynamicSupervisor(call);
        }
    }

    private void answerAsDynamicSupervisor(IncomingCall call) {
        var terminate = TerminateChildRequest.of(call.request());
        if (terminate.isPresent()) {
            Processes.reply(call.from(), terminate.get().child() instanceof Pid child && terminateChild(child));
            return;
        }
        var query = ChildrenQuery.of(call.request());
        if (query.isEmpty()) {
            terminateAll();
            throw new ExitException(ExitReason.of(new BadCall(call.request())));
        }
        int n = children.size();
        Processes.reply(call.from(), switch (query.get()) {
            case WHICH_CHILDREN -> children.keySet().stream()
                    .map(pid -> new ChildInfo("task", Optional.of(pid), false, ChildSpec.Type.WORKER)).toList();
            case COUNT_CHILDREN -> new ChildCounts(n, n, 0, n);
        });
    }

    private Object startChild(Child child) {
        if (children.size() >= options.maxChildren()) {
            return new Refused(options.maxChildren());
        }
        var pid = Processes.spawnLink(child.body());
        children.put(pid, child);
        return pid;
    }

    private void childExited(Pid pid, ExitReason reason) {
        var child = children.remove(pid);
        if (child == null || !child.options().restart().restarts(reason)) {
            return;
        }
        if (!mayRestart()) {
            terminateAll();
            throw new ExitException(ExitReason.SHUTDOWN);
        }
        children.put(Processes.spawnLink(child.body()), child);
    }

    /** Records a restart; false if it makes more than {@code maxRestarts} in {@code maxSeconds}. */
    private boolean mayRestart() {
        long now = System.nanoTime();
        // A window too long for a long's nanoseconds (Processes.INFINITY) never ends; toNanos would throw.
        var maxSeconds = options.maxSeconds();
        long window = maxSeconds.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxSeconds.toNanos();
        while (!restarts.isEmpty() && now - restarts.peekFirst() > window) {
            restarts.pollFirst();
        }
        restarts.addLast(now);
        return restarts.size() <= options.maxRestarts();
    }

    private boolean terminateChild(Pid pid) {
        var child = children.remove(pid);
        if (child == null) {
            return false;
        }
        var stopping = stop(pid, child.options().shutdown());
        var down = Processes.receive(Timeouts.remaining(stopping.deadline()), m -> isDown(m, stopping.ref()));
        if (down == null) {
            kill(stopping);
        }
        return true;
    }

    /** Stops every child at once, then waits for each, killing those that overrun their grace. */
    private void terminateAll() {
        var waiting = new HashMap<Ref, Stopping>();
        var byDeadline = new ArrayList<Stopping>(children.size());
        children.forEach((pid, child) -> {
            var stopping = stop(pid, child.options().shutdown());
            waiting.put(stopping.ref(), stopping);
            byDeadline.add(stopping);
        });
        children.clear();
        byDeadline.sort(Comparator.comparingLong(Stopping::deadline));
        int next = 0;
        while (!waiting.isEmpty()) {
            while (!waiting.containsKey(byDeadline.get(next).ref())) {
                next++;
            }
            var earliest = byDeadline.get(next);
            var down = Processes.receive(Timeouts.remaining(earliest.deadline()),
                    m -> m instanceof Down d && waiting.containsKey(d.ref()) ? d : null);
            if (down != null) {
                waiting.remove(down.ref());
            } else {
                waiting.remove(earliest.ref());
                kill(earliest);
            }
        }
    }

    /** Monitors and unlinks the child, then sends it {@code shutdown} or {@code kill}. */
    private static Stopping stop(Pid pid, Shutdown shutdown) {
        var ref = Processes.monitor(pid);
        Processes.unlink(pid);
        return switch (shutdown) {
            case Shutdown.BrutalKill kill -> {
                Processes.exit(pid, ExitReason.KILL);
                yield new Stopping(ref, pid, Timeouts.NEVER);
            }
            case Shutdown.Timeout(var grace) -> {
                Processes.exit(pid, ExitReason.SHUTDOWN);
                yield new Stopping(ref, pid, Timeouts.deadline(grace));
            }
        };
    }

    private static void kill(Stopping stopping) {
        Processes.exit(stopping.pid(), ExitReason.KILL);
        Processes.receive(m -> isDown(m, stopping.ref()));
    }

    private static Down isDown(Object message, Ref ref) {
        return message instanceof Down down && down.ref() == ref ? down : null;
    }
}
