package dev.amanah.otp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the runtime's crash reports (System.Logger "dev.amanah.otp.crash", backed by
 * java.util.logging by default) for the duration of a test, and keeps them off the console.
 */
final class CapturedCrashLog extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("dev.amanah.otp.crash");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final boolean parentHandlers;

    private CapturedCrashLog() {
        parentHandlers = LOGGER.getUseParentHandlers();
    }

    static CapturedCrashLog install() {
        var captured = new CapturedCrashLog();
        LOGGER.addHandler(captured);
        LOGGER.setUseParentHandlers(false);
        return captured;
    }

    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
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
