package dev.amanah.donations;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The messages logged to some {@code java.util.logging} loggers (and their children) while it is
 * open, for tests that assert on the log: its handler is attached when it is made and detached by
 * {@link #close()}. It holds the loggers, since {@code java.util.logging} keeps them weakly and one
 * collected meanwhile would come back without the handler. Records may come from any thread.
 */
public final class CapturedLog implements AutoCloseable {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(List<Logger> loggers) {
        this.loggers = loggers;
        loggers.forEach(logger -> logger.addHandler(handler));
    }

    /** Starts capturing what the loggers named (and their children) log at their levels. */
    public static CapturedLog of(String... loggerNames) {
        return new CapturedLog(Stream.of(loggerNames).map(Logger::getLogger).toList());
    }

    /** The messages so far, unformatted, in the order logged; a live view. */
    public List<String> messages() {
        return Collections.unmodifiableList(messages);
    }

    /** Forgets the messages so far. */
    public void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(handler));
    }
}
