package dev.amanah.otp.server;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The calling side of {@link GenServer}: {@code call} and {@code stop}. */
final class Client {
    private Client() {
    }

    /**
     * @param server what the caller named the server by, for the exit reason
     * @param pid    the server's pid, or null if the name is not registered
     */
    @SuppressWarnings("unchecked")
    static <R> R call(Object server, Pid pid, Object request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (pid == null) {
            throw failure(ExitReason.NOPROC, "call", server, request, timeout);
        }
        var self = Processes.self();
        try {
            return (R) Processes.request(pid, new Messages.Call(request), timeout);
        } catch (ExitException e) {
            throw self.isAlive() ? failure(e.reason(), "call", server, request, timeout) : e;
        }
    }

    static void stop(Object server, Pid pid, ExitReason reason, Duration timeout) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timeout, "timeout");
        if (pid == null) {
            throw failure(ExitReason.NOPROC, "stop", server, reason, timeout);
        }
        var self = Processes.self();
        try {
            // The server never answers a stop: the request ends with the server's Down, whose
            // reason is the exit reason to compare.
            Processes.request(pid, from -> new Messages.Stop(reason, from), timeout);
            throw new IllegalStateException("a server answered a stop request: " + pid);
        } catch (ExitException e) {
            if (!self.isAlive()) {
                throw e;
            }
            if (!e.reason().equals(reason)) {
                throw failure(e.reason(), "stop", server, reason, timeout);
            }
        }
    }

    private static ExitException failure(ExitReason reason, String function, Object server, Object argument,
                                         Duration timeout) {
        return new ExitException(new ExitReason.InCall(reason, "GenServer", function,
                List.of(server, argument, timeout)));
    }
}
