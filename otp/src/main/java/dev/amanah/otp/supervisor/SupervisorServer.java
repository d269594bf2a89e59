package dev.amanah.otp.supervisor;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Supervisor} process: a {@link GenServer} that traps exits, starts its children in
 * order, restarts them by its strategy and intensity, and stops them in reverse order when it
 * terminates. All of its state is touched by its own process only.
 */
final class SupervisorServer implements GenServer<SupervisorServer.State> {

    /** One child: its spec and, while it runs, its pid. */
    static final class Child {
        final ChildSpec spec;
        Pid pid;
        boolean restarting;

        Child(ChildSpec spec, Pid pid) {
            this.spec = spec;
            this.pid = pid;
        }
    }

    /** The children, in start order, and the restarts of the current period. */
    static final class State {
        final List<Child> children = new ArrayList<>();
        final RestartIntensity intensity;

        State(RestartIntensity intensity) {
            this.intensity = intensity;
        }
    }

    /**
     * Asks for the children. A dynamic supervisor answers the same request (and {@link CountChildren}),
     * so {@link Supervisor#whichChildren} and {@link Supervisor#countChildren} work on either kind,
     * as OTP's {@code which_children} and {@code count_children} do.
     */
    record WhichChildren() {
    }

    record CountChildren() {
    }

    record TerminateChild(Object id) {
    }

    record RestartChild(Object id) {
    }

    record DeleteChild(Object id) {
    }

    record StartChild(ChildSpec spec) {
    }

    /** Sent to itself when a restart failed: try again, which counts as one more restart. */
    record TryAgain(Object id) {
    }

    private final List<ChildSpec> specs;
    private final SupervisorOptions options;

    SupervisorServer(List<ChildSpec> specs, SupervisorOptions options) {
        this.specs = List.copyOf(specs);
        this.options = options;
    }

    @Override
    public InitResult<State> init() {
        Processes.trapExits(true);
        var state = new State(new RestartIntensity(options.maxRestarts(), options.maxSeconds()));
        for (var spec : specs) {
            var result = Children.start(spec);
            if (result instanceof StartResult.Error(var reason)) {
                stopAll(state);
                return new Stop<>(ExitReason.shutdown(new FailedToStartChild(spec.id(), reason)));
            }
            keep(state, spec, result);
        }
        return new Ok<>(state);
    }

    /** Adds a started (or ignored, S7) child; an ignored temporary child is dropped, as in OTP. */
    private static void keep(State state, ChildSpec spec, StartResult result) {
        var pid = Children.pidOf(result);
        if (pid != null || spec.restart() != ChildSpec.Restart.TEMPORARY) {
            state.children.add(new Child(spec, pid));
        }
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        return switch (request) {
            case WhichChildren() -> new Reply<>(state.children.stream()
                    .map(c -> new ChildInfo(c.spec.id(), Optional.ofNullable(c.pid), c.restarting, c.spec.type()))
                    .toList(), state);
            case CountChildren() -> new Reply<>(count(state), state);
            case TerminateChild(var id) -> new Reply<>(terminateChild(state, id), state);
            // DynamicSupervisor.terminateChild's request, which in Elixir is this one: the pid is an id here.
            case DynamicSupervisorServer.TerminateChild(var pid) -> new Reply<>(terminateChild(state, pid), state);
            case RestartChild(var id) -> new Reply<>(restartChild(state, id), state);
            case DeleteChild(var id) -> new Reply<>(deleteChild(state, id), state);
            case StartChild(var spec) -> new Reply<>(startChild(state, spec), state);
            default -> GenServer.super.handleCall(request, from, state);
        };
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        return switch (message) {
            case Exit(var pid, var reason) -> childExited(state, pid, reason);
            case TryAgain(var id) -> {
                var child = find(state, id);
                yield child != null && child.restarting ? restart(state, child) : new NoReply<>(state);
            }
            default -> GenServer.super.handleInfo(message, state);
        };
    }

    @Override
    public void terminate(ExitReason reason, State state) {
        stopAll(state);
    }

    private Result<State> childExited(State state, Pid pid, ExitReason reason) {
        Child child = null;
        for (var c : state.children) {
            if (c.pid == pid) {
                child = c;
                break;
            }
        }
        if (child == null) {
            return new NoReply<>(state); // not (or no longer) ours
        }
        child.pid = null;
        if (Children.restarts(child.spec.restart(), reason)) {
            return restart(state, child);
        }
        if (child.spec.restart() == ChildSpec.Restart.TEMPORARY) {
            state.children.remove(child);
        }
        if (child.spec.significant() && shouldAutoShutdown(state)) {
            return new Stop<>(ExitReason.SHUTDOWN, state);
        }
        return new NoReply<>(state);
    }

    private boolean shouldAutoShutdown(State state) {
        return switch (options.autoShutdown()) {
            case NEVER -> false;
            case ANY_SIGNIFICANT -> true;
            // A significant child whose restart failed is still there, waiting for its retry (OTP
            // counts a {restarting, _} child as running).
            case ALL_SIGNIFICANT -> state.children.stream()
                    .noneMatch(c -> c.spec.significant() && (c.pid != null || c.restarting));
        };
    }

    /** S2, S3: restarts {@code failed} and, by the strategy, its siblings; or gives up. */
    private Result<State> restart(State state, Child failed) {
        if (!state.intensity.allowRestart()) {
            return new Stop<>(ExitReason.SHUTDOWN, state); // terminate stops the rest
        }
        int at = state.children.indexOf(failed);
        var group = switch (options.strategy()) {
            case ONE_FOR_ONE -> List.of(failed);
            case ONE_FOR_ALL -> List.copyOf(state.children);
            case REST_FOR_ONE -> List.copyOf(state.children.subList(at, state.children.size()));
        };
        for (int i = group.size() - 1; i >= 0; i--) {
            var sibling = group.get(i);
            if (sibling != failed && sibling.pid != null) {
                ChildTermination.stop(sibling.pid, sibling.spec.shutdown());
                sibling.pid = null;
            }
            if (sibling != failed && sibling.spec.restart() == ChildSpec.Restart.TEMPORARY) {
                state.children.remove(sibling);
            }
        }
        for (var child : group) {
            if (!state.children.contains(child)) {
                continue;
            }
            var result = Children.start(child.spec);
            child.pid = Children.pidOf(result);
            child.restarting = result instanceof StartResult.Error;
            if (child.restarting) {
                Processes.send(Processes.self(), new TryAgain(child.spec.id()));
                break;
            }
        }
        return new NoReply<>(state);
    }

    /** S1: stops every running child, last started first. */
    private static void stopAll(State state) {
        for (int i = state.children.size() - 1; i >= 0; i--) {
            var child = state.children.get(i);
            if (child.pid != null) {
                ChildTermination.stop(child.pid, child.spec.shutdown());
                child.pid = null;
            }
        }
    }

    private static Child find(State state, Object id) {
        for (var child : state.children) {
            if (child.spec.id().equals(id)) {
                return child;
            }
        }
        return null;
    }

    private static ChildCounts count(State state) {
        int active = 0;
        int supervisors = 0;
        for (var child : state.children) {
            active += child.pid != null ? 1 : 0;
            supervisors += child.spec.type() == ChildSpec.Type.SUPERVISOR ? 1 : 0;
        }
        int specs = state.children.size();
        return new ChildCounts(specs, active, supervisors, specs - supervisors);
    }

    private static boolean terminateChild(State state, Object id) {
        var child = find(state, id);
        if (child == null) {
            return false;
        }
        if (child.pid != null) {
            ChildTermination.stop(child.pid, child.spec.shutdown());
            child.pid = null;
        }
        child.restarting = false;
        if (child.spec.restart() == ChildSpec.Restart.TEMPORARY) {
            state.children.remove(child);
        }
        return true;
    }

    private static StartResult restartChild(State state, Object id) {
        var child = find(state, id);
        if (child == null) {
            return new StartResult.Error(ChildError.NOT_FOUND.asReason());
        }
        if (child.pid != null) {
            return new StartResult.Error(ChildError.RUNNING.asReason());
        }
        if (child.restarting) {
            return new StartResult.Error(ChildError.RESTARTING.asReason());
        }
        var result = Children.start(child.spec);
        child.pid = Children.pidOf(result);
        return result;
    }

    private static Optional<ChildError> deleteChild(State state, Object id) {
        var child = find(state, id);
        if (child == null) {
            return Optional.of(ChildError.NOT_FOUND);
        }
        if (child.pid != null) {
            return Optional.of(ChildError.RUNNING);
        }
        if (child.restarting) {
            return Optional.of(ChildError.RESTARTING);
        }
        state.children.remove(child);
        return Optional.empty();
    }

    private StartResult startChild(State state, ChildSpec spec) {
        var existing = find(state, spec.id());
        if (existing != null) {
            return new StartResult.Error(existing.pid != null
                    ? new AlreadyStarted(existing.pid).asReason() : ChildError.ALREADY_PRESENT.asReason());
        }
        if (spec.significant() && options.autoShutdown() == AutoShutdown.NEVER) {
            return new StartResult.Error(ChildError.SIGNIFICANT_WITHOUT_AUTO_SHUTDOWN.asReason());
        }
        var result = Children.start(spec);
        if (!(result instanceof StartResult.Error)) {
            keep(state, spec, result);
        }
        return result;
    }
}
