package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What is logged under one logger, awaited line by line as ExUnit's {@code assert_receive}; closing stops listening. */
final class AwaitedLog extends Handler implements AutoCloseable {
    private final Logger logger; // held: java.util.logging keeps loggers weakly
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    AwaitedLog(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    /** The first line not yet awaited that contains {@code text}; fails after 30 s without one. */
    String await(String text) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            var line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(line).as("a log line containing " + text + " within 30 s").isNotNull();
            if (line.contains(text)) {
                return line;
            }
        }
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
