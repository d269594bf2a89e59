package dev.amanah.donations.http;

import dev.amanah.donations.config.AmanahConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP listener: Helidon SE's web server (one virtual thread per request) with the API's
 * services, its error model and a drain on shutdown.
 *
 * <h2>Errors</h2>
 * Every error leaves as {@code {"error": CODE, "message": ..., "field": ...}}: an
 * {@link ApiException} with its status; a path no route serves as {@code 404 NOT_FOUND}; any other
 * exception as {@code 500 INTERNAL_ERROR} with a generic message (the exception is logged, never
 * sent, so no personal data leaks through an error).
 *
 * <h2>Shutdown</h2>
 * {@link #stop()} first drains: new requests get {@code 503 SHUTTING_DOWN} (and {@code /ready}
 * answers 503), requests already running get up to {@code http.shutdownGrace} to finish, then the
 * listener closes. Thread-safe; {@link #stop()} is idempotent.
 */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.http");
    /** Where Helidon logs a listener it could not start. */
    private static final String HELIDON_SERVER_LOG = "io.helidon.webserver.LoomServer";

    private final WebServer server;
    private final InFlight inFlight;
    private final Duration grace;

    private ApiServer(WebServer server, InFlight inFlight, Duration grace) {
        this.server = server;
        this.inFlight = inFlight;
        this.grace = grace;
    }

    /**
     * Starts listening; returns once the port is bound.
     *
     * @param services  the API's routes, tried in order
     * @param errorPage how an unknown path or a failure is answered where a page is wanted
     *                  (else the API's JSON error)
     * @throws IllegalStateException {@code http_not_listening} if the port cannot be bound (another
     *                               program listens on it, the host is no address of this machine, a
     *                               port below 1024 without the privilege), saying which
     */
    public static ApiServer start(AmanahConfig.Http config, List<? extends HttpService> services, ErrorPage errorPage) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(errorPage, "errorPage");
        var inFlight = new InFlight();
        var routing = HttpRouting.builder()
                .addFilter(new HeadRequests())
                .addFilter(inFlight)
                .addFilter(new UnstorablePaths())
                .error(ApiException.class, (request, response, e) -> Responses.error(response, e.error()))
                .error(Throwable.class, (request, response, e) -> {
                    LOG.log(System.Logger.Level.ERROR, "event=internal_error method=" + request.prologue().method().text()
                            + " path=" + request.path().path(), e);
                    var error = new ApiError(500, "INTERNAL_ERROR", "The service failed to handle this request; it has been logged", null);
                    if (!errorPage.send(request, response, error)) {
                        Responses.error(response, error);
                    }
                });
        services.forEach(routing::register);
        routing.any((request, response) -> {
            var error = new ApiError(404, "NOT_FOUND", "No resource " + request.prologue().method().text() + " " + request.path().path(), null);
            if (!errorPage.send(request, response, error)) {
                Responses.error(response, error);
            }
        });
        var builder = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                // No payload limit here: Helidon's own 413 has an empty body. JsonRequest checks the
                // declared length, then reads at most the limit, and answers with the API's JSON error.
                .routing(routing);
        WebServer server;
        // Helidon logs a listener it could not bind as a SEVERE stack trace of some 40 lines and
        // returns a stopped server: held back, and dropped when the refusal below says why in one.
        try (var helidon = HeldRecords.of(HELIDON_SERVER_LOG)) {
            server = builder.build().start();
            if (!server.isRunning()) {
                // with port -1 the service would run on, serving nothing, as if it had started
                var refusal = BindFailure.refusal(config.host(), config.port());
                if (refusal.isPresent()) {
                    helidon.discard();
                }
                throw new IllegalStateException("http_not_listening: cannot listen on " + config.host() + ":" + config.port()
                        + ": " + refusal.orElse("it was taken when the service tried it, and is free now"));
            }
        }
        LOG.log(System.Logger.Level.INFO, "event=http_started host=" + config.host() + " port=" + server.port());
        return new ApiServer(server, inFlight, config.shutdownGrace());
    }

    /** The bound port (the chosen one when configured as 0). */
    public int port() {
        return server.port();
    }

    /** Whether new requests are still admitted (false once draining began). */
    public boolean accepting() {
        return !inFlight.draining();
    }

    /**
     * Drains and closes: refuses new requests, waits up to the grace period for the running ones,
     * then stops the listener. Blocks until done.
     */
    public void stop() {
        if (!server.isRunning()) {
            return;
        }
        var unfinished = inFlight.drain(grace);
        LOG.log(System.Logger.Level.INFO, "event=http_drained unfinished=" + unfinished);
        server.stop();
        LOG.log(System.Logger.Level.INFO, "event=http_stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
