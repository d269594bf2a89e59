package dev.amanah.otp.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * ExUnit's {@code capture_log} for tests: captures what is logged under one logger name (and the
 * names below it) from {@link #capture} until {@link #close}, and keeps it off the console. The
 * runtime logs through {@link System.Logger}, which the JDK backs with {@code java.util.logging}
 * unless an application installs another backend; this handler works with the default one.
 *
 * <pre>{@code
 * try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
 *     ... a process crashes ...
 *     assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("ledger out of balance"));
 * }
 * }</pre>
 *
 * Thread-safe: records may arrive from any thread while the test reads them.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    // Held strongly: java.util.logging keeps loggers only weakly, and would drop the handler.
    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.parentHandlers = logger.getUseParentHandlers();
    }

    /** Starts capturing what is logged under {@code loggerName}, at the logger's level. */
    public static CapturedLog capture(String loggerName) {
        var captured = new CapturedLog(Logger.getLogger(loggerName));
        captured.logger.addHandler(captured);
        captured.logger.setUseParentHandlers(false);
        return captured;
    }

    /** Every record so far, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Every record so far as one line: logger name, level and the formatted message. */
    public List<String> lines() {
        return records.stream()
                .map(record -> record.getLoggerName() + " " + record.getLevel() + " " + FORMAT.formatMessage(record))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing; the logger prints as before. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
