package dev.amanah.donations.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;

/**
 * Serves {@code HEAD} as RFC 9110 §9.3.2 asks: the status and headers a {@code GET} of the same
 * resource gets, {@code Content-Length} included, and no body. Helidon routes a {@code HEAD} to no
 * {@code GET} route and writes whatever body a handler sends, even to a {@code HEAD}, so a client
 * reusing the connection read those bytes as the start of its next response.
 *
 * <p>This filter, the first of the routing, routes a {@code HEAD} as a {@code GET}, and every body
 * the service sends goes through {@link #send}, which writes only the headers when the request
 * came as {@code HEAD}. Code that would start work a {@code HEAD} must not start (an event stream)
 * asks {@link #isHead()} first.
 *
 * <p>Implementation note: the request's method is kept per thread, set by this filter at the start
 * of every request: Helidon serves a request's filters, route and error handler on one thread, and
 * the error handlers run after the filter chain has returned, so the value cannot be cleared on
 * the way out. Thread-safe.
 */
public final class HeadRequests implements Filter {
    private static final ThreadLocal<Boolean> HEAD = ThreadLocal.withInitial(() -> false);

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        var prologue = request.prologue();
        var head = prologue.method() == Method.HEAD;
        HEAD.set(head);
        if (head) {
            request.prologue(HttpPrologue.create(prologue.rawProtocol(), prologue.protocol(), prologue.protocolVersion(),
                    Method.GET, prologue.uriPath(), prologue.query(), prologue.fragment()));
        }
        chain.proceed();
    }

    /** Whether the request the calling thread serves came as {@code HEAD} (routed as a {@code GET}). */
    public static boolean isHead() {
        return HEAD.get();
    }

    /**
     * Sends {@code body} with the headers already set; to a {@code HEAD}, sends only the headers,
     * with the {@code Content-Length} the body would have had.
     */
    public static void send(ServerResponse response, byte[] body) {
        if (isHead()) {
            // Helidon keeps a Content-Length already set, where it would write 0 for an empty send
            response.header(HeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
            response.send();
        } else {
            response.send(body);
        }
    }
}
