package dev.amanah.otp.supervisor;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The {@link DynamicSupervisor} process: children keyed by pid, in start order; one for one.
 * Only its own process touches its state.
 */
final class DynamicSupervisorServer implements GenServer<DynamicSupervisorServer.State> {

    static final class State {
        final LinkedHashMap<Pid, ChildSpec> children = new LinkedHashMap<>();
        final RestartIntensity intensity;

        State(RestartIntensity intensity) {
            this.intensity = intensity;
        }
    }

    record StartChild(ChildSpec spec) {
    }

    record TerminateChild(Pid pid) {
    }

    /** Sent to itself when a restart failed: try again, which counts as one more restart. */
    record TryAgain(ChildSpec spec) {
    }

    private final DynamicSupervisorOptions options;

    DynamicSupervisorServer(DynamicSupervisorOptions options) {
        this.options = options;
    }

    @Override
    public InitResult<State> init() {
        Processes.trapExits(true);
        return new Ok<>(new State(new RestartIntensity(options.maxRestarts(), options.period())));
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        return switch (request) {
            case StartChild(var spec) -> new Reply<>(startChild(state, spec), state);
            case TerminateChild(var pid) -> new Reply<>(terminateChild(state, pid), state);
            case SupervisorServer.WhichChildren() -> new Reply<>(state.children.entrySet().stream()
                    .map(e -> new ChildInfo(e.getValue().id(), Optional.of(e.getKey()), false, e.getValue().type()))
                    .toList(), state);
            case SupervisorServer.CountChildren() -> {
                int supervisors = (int) state.children.values().stream()
                        .filter(spec -> spec.type() == ChildSpec.Type.SUPERVISOR).count();
                int specs = state.children.size();
                yield new Reply<>(new ChildCounts(specs, specs, supervisors, specs - supervisors), state);
            }
            default -> GenServer.super.handleCall(request, from, state);
        };
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        return switch (message) {
            case Exit(var pid, var reason) -> {
                var spec = state.children.remove(pid);
                yield spec != null && Children.restarts(spec.restart(), reason)
                        ? restart(state, spec) : new NoReply<>(state);
            }
            case TryAgain(var spec) -> restart(state, spec);
            default -> GenServer.super.handleInfo(message, state);
        };
    }

    @Override
    public void terminate(ExitReason reason, State state) {
        var pids = new ArrayList<>(state.children.keySet());
        for (int i = pids.size() - 1; i >= 0; i--) {
            var pid = pids.get(i);
            ChildTermination.stop(pid, state.children.remove(pid).shutdown());
        }
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
            state.children.put(pid, spec);
        }
        return result;
    }

    private static boolean terminateChild(State state, Pid pid) {
        var spec = state.children.remove(pid);
        if (spec == null) {
            return false;
        }
        ChildTermination.stop(pid, spec.shutdown());
        return true;
    }

    private Result<State> restart(State state, ChildSpec spec) {
        if (!state.intensity.allowRestart()) {
            return new Stop<>(ExitReason.SHUTDOWN, state);
        }
        switch (Children.start(spec)) {
            case StartResult.Ok(var pid) -> state.children.put(pid, spec);
            case StartResult.Ignore() -> { }
            case StartResult.Error error -> Processes.send(Processes.self(), new TryAgain(spec));
        }
        return new NoReply<>(state);
    }
}
