package dev.amanah.otp.supervisor;

import dev.amanah.otp.Pid;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DynamicSupervisor#terminateChild}'s request, for a supervisor written as a plain process
 * (a {@code TaskSupervisor}, which stands in for Elixir's DynamicSupervisor) to recognise in an
 * {@link dev.amanah.otp.server.IncomingCall}: it answers {@code true} once {@link #child()} has been
 * stopped by its shutdown and forgotten (it is not restarted), {@code false} if that is not one of
 * its children.
 *
 * @param child the child to stop
 */
public record TerminateChildRequest(Pid child) {
    public TerminateChildRequest {
        Objects.requireNonNull(child, "child");
    }

    /** The request {@code request} is, if it is {@code DynamicSupervisor.terminateChild}'s; empty for any other. */
    public static Optional<TerminateChildRequest> of(Object request) {
        return request instanceof DynamicSupervisorServer.TerminateChild(var child)
                ? Optional.of(new TerminateChildRequest(child)) : Optional.empty();
    }
}
