package dev.amanah.otp.supervisor;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The {@link DynamicSupervisor} process: children keyed by pid, in start order; one for one.
 * Only its own process touches its state.
 *
 * <p>A child whose restart failed stays in the map under the pid it last ran as, marked
 * restarting, until a retry ({@link TryAgain}) starts it or the supervisor gives up, as Elixir's
 * {@code {:restarting, child}} entry does: it still takes up one of the {@code maxChildren}.
 */
final class DynamicSupervisorServer implements GenServer<DynamicSupervisorServer.State> {

    static final class State {
        final LinkedHashMap<Pid, Child> children = new LinkedHashMap<>();
        final RestartIntensity intensity;

        State(RestartIntensity intensity) {
            this.intensity = intensity;
        }
    }

    /** A child: running as the pid it is keyed by, or, if {@code restarting}, waiting for a retry. */
    record Child(ChildSpec spec, boolean restarting) {
    }

    record StartChild(ChildSpec spec) {
    }

    record TerminateChild(Pid pid) {
    }

    /**
     * Sent to itself when the restart of the child last running as {@code pid} failed: try again,
     * which counts as one more restart. Ignored if that child was terminated meanwhile.
     */
    record TryAgain(Pid pid) {
    }

    private final DynamicSupervisorOptions options;

    DynamicSupervisorServer(DynamicSupervisorOptions options) {
        this.options = options;
    }

    @Override
    public InitResult<State> init() {
        Processes.trapExits(true);
        return new Ok<>(new State(new RestartIntensity(options.maxRestarts(), options.maxSeconds())));
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        return switch (request) {
            case StartChild(var spec) -> new Reply<>(startChild(state, spec), state);
            case TerminateChild(var pid) -> new Reply<>(terminateChild(state, pid), state);
            // Supervisor.terminateChild names the child by id, and a dynamic supervisor's children
            // are known by pid: in Elixir both functions send the same {:terminate_child, pid}.
            case SupervisorServer.TerminateChild(var id) ->
                    new Reply<>(id instanceof Pid pid && terminateChild(state, pid), state);
            case SupervisorServer.WhichChildren() -> new Reply<>(state.children.entrySet().stream()
                    .map(e -> {
                        var child = e.getValue();
                        var pid = child.restarting() ? Optional.<Pid>empty() : Optional.of(e.getKey());
                        return new ChildInfo(child.spec().id(), pid, child.restarting(), child.spec().type());
                    })
                    .toList(), state);
            case SupervisorServer.CountChildren() -> {
                int specs = state.children.size();
                int active = (int) state.children.values().stream().filter(child -> !child.restarting()).count();
                int supervisors = (int) state.children.values().stream()
                        .filter(child -> child.spec().type() == ChildSpec.Type.SUPERVISOR).count();
                yield new Reply<>(new ChildCounts(specs, active, supervisors, specs - supervisors), state);
            }
            default -> GenServer.super.handleCall(request, from, state);
        };
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        return switch (message) {
            case Exit(var pid, var reason) -> {
                var child = state.children.get(pid);
                if (child == null || child.restarting()) {
                    yield new NoReply<>(state);
                }
                if (!Children.restarts(child.spec().restart(), reason)) {
                    state.children.remove(pid);
                    yield new NoReply<>(state);
                }
                yield restart(state, pid, child.spec());
            }
            case TryAgain(var pid) -> {
                var child = state.children.get(pid);
                yield child != null && child.restarting() ? restart(state, pid, child.spec()) : new NoReply<>(state);
            }
            default -> GenServer.super.handleInfo(message, state);
        };
    }

    /** Shuts every running child down at once, as Elixir's DynamicSupervisor does: see {@link ChildTermination#stopAll}. */
    @Override
    public void terminate(ExitReason reason, State state) {
        var running = new LinkedHashMap<Pid, ChildSpec.Shutdown>();
        state.children.forEach((pid, child) -> {
            if (!child.restarting()) { // a restarting child has nothing running to stop
                running.put(pid, child.spec().shutdown());
            }
        });
        state.children.clear();
        ChildTermination.stopAll(running);
    }

    private StartResult startChild(State state, ChildSpec spec) {
        if (state.children.size() >= options.maxChildren()) {
            return new StartResult.Error(ChildError.MAX_CHILDREN.asReason());
        }
        if (spec.significant()) {
            return new StartResult.Error(ChildError.SIGNIFICANT_WITHOUT_AUTO_SHUTDOWN.asReason());
        }
        var result = Children.start(spec);
        if (result instanceof StartResult.Ok(var pid)) {
            state.children.put(pid, new Child(spec, false));
        }
        return result;
    }

    /** A restarting child has nothing to stop: it is forgotten, and its pending retry with it. */
    private static boolean terminateChild(State state, Pid pid) {
        var child = state.children.remove(pid);
        if (child == null) {
            return false;
        }
        if (!child.restarting()) {
            ChildTermination.stop(pid, child.spec().shutdown());
        }
        return true;
    }

    /**
     * Restarts the child last running as {@code pid}. It keeps its place in the map until it is
     * started again (under its new pid), ignored, or the supervisor gives up.
     */
    private Result<State> restart(State state, Pid pid, ChildSpec spec) {
        if (!state.intensity.allowRestart()) {
            state.children.remove(pid);
            return new Stop<>(ExitReason.SHUTDOWN, state);
        }
        switch (Children.start(spec)) {
            case StartResult.Ok(var restarted) -> {
                state.children.remove(pid);
                state.children.put(restarted, new Child(spec, false));
            }
            case StartResult.Ignore() -> state.children.remove(pid);
            case StartResult.Error error -> {
                state.children.put(pid, new Child(spec, true));
                Processes.send(Processes.self(), new TryAgain(pid));
            }
        }
        return new NoReply<>(state);
    }
}
