package dev.amanah.donations.web;

import dev.amanah.donations.http.HeadRequests;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-sent event streams open now, each served by its request's thread (a process of the
 * runtime, so it receives PubSub messages), at most {@code http.maxEventStreams} at once: the
 * streams are public, and each open dashboard re-reads the campaigns for every donation, so
 * without a limit one visitor could multiply the database's work per donation. A stream beyond it
 * is refused with 503 and {@code Retry-After}. {@link #closeAll} asks each to end, so that a drain
 * on shutdown does not wait for browsers that never hang up. Thread-safe.
 */
final class LiveStreams {
    /** Sent to a stream's process: finish the response and return. */
    record Close() {
    }

    /** What a browser refused for the limit is told to wait before trying again, in seconds. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final int max;
    /** Places taken, counted before a stream registers, so that the limit is never exceeded. */
    private final AtomicInteger taken = new AtomicInteger();
    private final Set<Pid> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param max how many streams may be open at once, at least 1 */
    LiveStreams(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one live stream must be allowed, was " + max);
        }
        this.max = max;
    }

    /**
     * Registers the calling process as a stream. False, after answering {@code response} with
     * 503, when the limit is reached or closing began: then do not stream. False too, after
     * answering with the stream's headers and no body, to a {@code HEAD}: a {@code HEAD} never
     * takes a place.
     */
    boolean enter(ServerResponse response) {
        if (HeadRequests.isHead()) {
            EventStream.headers(response);
            response.send();
            return false;
        }
        if (taken.incrementAndGet() > max) {
            taken.decrementAndGet();
            response.status(503);
            response.header(HeaderNames.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HeadRequests.send(response, (max + " live stream" + (max == 1 ? " is" : "s are") + " open, the most allowed"
                    + " (http.maxEventStreams); try again later\n").getBytes(StandardCharsets.UTF_8));
            return false;
        }
        open.add(Processes.self());
        if (closed) {
            leave();
            response.status(503).send();
            return false;
        }
        return true;
    }

    /** Unregisters the calling process, after a successful {@link #enter}. */
    void leave() {
        if (open.remove(Processes.self())) {
            taken.decrementAndGet();
        }
    }

    /** How many streams are open. */
    int count() {
        return open.size();
    }

    /** Tells every open stream, and any opened later, to end. Does not wait. */
    void closeAll() {
        closed = true;
        open.forEach(pid -> Processes.send(pid, new Close()));
    }
}
