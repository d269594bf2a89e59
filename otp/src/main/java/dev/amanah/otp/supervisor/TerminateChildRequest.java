package dev.amanah.otp.supervisor;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to stop one child, {@link DynamicSupervisor#terminateChild}'s or
 * {@link Supervisor#terminateChild}'s (in Elixir both send {@code {:terminate_child, pid}}), for a
 * supervisor written as a plain process (a {@code TaskSupervisor}, which stands in for Elixir's
 * DynamicSupervisor) to recognise in an {@link dev.amanah.otp.server.IncomingCall}: it answers
 * {@code true} once the child is stopped by its shutdown and forgotten (it is not restarted),
 * {@code false} if {@link #child()} is not one of its children.
 *
 * @param child the child's pid, or the id {@code Supervisor.terminateChild} was given, which a
 *              supervisor of children known by pid finds among them only if it is one
 */
public record TerminateChildRequest(Object child) {
    public TerminateChildRequest {
        Objects.requireNonNull(child, "child");
    }

    /** The request {@code request} is, if it asks to terminate a child; empty for any other. */
    public static Optional<TerminateChildRequest> of(Object request) {
        return switch (request) {
            case DynamicSupervisorServer.TerminateChild(var pid) -> Optional.of(new TerminateChildRequest(pid));
            case SupervisorServer.TerminateChild(var id) -> Optional.of(new TerminateChildRequest(id));
            default -> Optional.empty();
        };
    }
}
