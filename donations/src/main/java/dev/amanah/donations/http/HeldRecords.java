package dev.amanah.donations.http;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one java.util.logging logger is given while this is open, held back instead of
 * written: on {@link #close()} they are written as they would have been, unless {@link #discard()}
 * was called, when they are dropped. Thread-safe: the logger may be given records from any thread.
 * Only one may be open on a logger at a time (it takes the logger's filter).
 */
final class HeldRecords implements AutoCloseable {
    // held strongly: java.util.logging keeps its loggers weakly, and a logger collected while
    // open would come back without the filter
    private final Logger logger;
    private final Filter previous;
    private final Queue<LogRecord> held = new ConcurrentLinkedQueue<>();
    private volatile boolean discarded;

    private HeldRecords(Logger logger) {
        this.logger = logger;
        this.previous = logger.getFilter();
        logger.setFilter(record -> {
            held.add(record);
            return false;
        });
    }

    /** Starts holding back what the logger named {@code name} is given. */
    static HeldRecords of(String name) {
        return new HeldRecords(Logger.getLogger(name));
    }

    /** Drops what was held: the caller says it better. */
    void discard() {
        discarded = true;
    }

    /** Stops holding back and writes what was held, unless discarded. */
    @Override
    public void close() {
        logger.setFilter(previous);
        if (!discarded) {
            held.forEach(logger::log);
        }
    }
}
