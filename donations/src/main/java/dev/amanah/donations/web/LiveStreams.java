package dev.amanah.donations.web;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-sent event streams open now, each served by its request's thread (a process of the
 * runtime, so it receives PubSub messages). {@link #closeAll} asks each to end, so that a drain on
 * shutdown does not wait for browsers that never hang up. Thread-safe.
 */
final class LiveStreams {
    /** Sent to a stream's process: finish the response and return. */
    record Close() {
    }

    private final Set<Pid> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Registers the calling process as a stream; false once closing began (then do not stream). */
    boolean enter() {
        open.add(Processes.self());
        if (closed) {
            open.remove(Processes.self());
            return false;
        }
        return true;
    }

    /** Unregisters the calling process. */
    void leave() {
        open.remove(Processes.self());
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
