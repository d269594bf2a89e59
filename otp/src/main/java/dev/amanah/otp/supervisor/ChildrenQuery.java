package dev.amanah.otp.supervisor;

import java.util.Optional;

/**
 * The two questions every kind of supervisor answers, {@link Supervisor#whichChildren} and
 * {@link Supervisor#countChildren}, for a supervisor written as a plain process (a
 * {@code TaskSupervisor}) to recognise in an {@link dev.amanah.otp.server.IncomingCall}: it
 * answers {@code WHICH_CHILDREN} with a {@code List<ChildInfo>} and {@code COUNT_CHILDREN} with a
 * {@link ChildCounts}.
 */
public enum ChildrenQuery {
    WHICH_CHILDREN,
    COUNT_CHILDREN;

    /** Which of the two {@code request} is; empty for any other request. */
    public static Optional<ChildrenQuery> of(Object request) {
        return switch (request) {
            case SupervisorServer.WhichChildren which -> Optional.of(WHICH_CHILDREN);
            case SupervisorServer.CountChildren count -> Optional.of(COUNT_CHILDREN);
            default -> Optional.empty();
        };
    }
}
