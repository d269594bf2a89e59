package dev.amanah.donations.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the runtime and the service log under {@code dev.amanah} (System.Logger, backed
 * by java.util.logging) at INFO and above while a test runs, and keeps it off the console.
 */
final class CapturedLog extends Handler implements AutoCloseable {
    // Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler.
    private static final Logger LOGGER = Logger.getLogger("dev.amanah");
    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final boolean parentHandlers;

    private CapturedLog() {
        parentHandlers = LOGGER.getUseParentHandlers();
    }

    static CapturedLog install() {
        var captured = new CapturedLog();
        LOGGER.addHandler(captured);
        LOGGER.setUseParentHandlers(false);
        return captured;
    }

    /** Each record so far: logger name, level and formatted message. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getLoggerName() + " " + record.getLevel() + " " + FORMAT.formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
        LOGGER.setUseParentHandlers(parentHandlers);
    }
}
