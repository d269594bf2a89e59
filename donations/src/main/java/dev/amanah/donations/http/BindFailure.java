package dev.amanah.donations.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Why a host and port could not be listened on, in a person's words. Helidon logs the cause of a
 * listener it could not bind, as a stack trace, and returns a stopped server without it; the
 * only way left to learn it is to try the same bind again.
 */
final class BindFailure {
    /** Ports below this are privileged on Linux and most Unixes. */
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private BindFailure() {
    }

    /**
     * What binding {@code host}:{@code port} now meets, with what to do about it where that is
     * known; empty if the bind now succeeds (the port was freed meanwhile, or the failure was
     * not the bind's).
     */
    static Optional<String> refusal(String host, int port) {
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(explain(String.valueOf(e.getMessage()), port));
        }
    }

    /** {@code refusal}, the system's words for a failed bind of {@code port}, with what to do about it where known. */
    static String explain(String refusal, int port) {
        var hint = switch (refusal) {
            case "Address already in use" -> " (another program listens on this port: stop it, or set http.port)";
            case "Cannot assign requested address" -> " (http.host is not an address of this machine)";
            case "Permission denied" -> port < FIRST_UNPRIVILEGED_PORT
                    ? " (a port below 1024 needs root or the CAP_NET_BIND_SERVICE capability: set http.port to 1024 or above,"
                            + " behind a reverse proxy)"
                    : "";
            default -> "";
        };
        return refusal + hint;
    }
}
