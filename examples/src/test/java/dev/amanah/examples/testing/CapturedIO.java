package dev.amanah.examples.testing;

import dev.amanah.examples.IO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * ExUnit's {@code capture_io} for {@link IO#puts}: collects every line printed while open, from
 * any process, and lets a test wait for a line (with a timeout) instead of sleeping. Closing puts
 * the previous sink back.
 */
public final class CapturedIO implements AutoCloseable {
    /** How long {@link #awaitLine} waits by default. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> previous;

    private CapturedIO() {
        previous = IO.redirect(this::add);
    }

    /** Starts capturing. */
    public static CapturedIO start() {
        return new CapturedIO();
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    /** The lines printed so far, in order. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to {@link #TIMEOUT} for a line matching {@code wanted}; returns the first one. */
    public String awaitLine(Predicate<String> wanted) {
        return awaitLine(wanted, TIMEOUT);
    }

    /** Waits up to {@code timeout} for a line matching {@code wanted}; returns the first one. */
    public synchronized String awaitLine(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            for (var line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching line within " + timeout + "; printed: " + lines);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a line; printed: " + lines, e);
            }
        }
    }

    @Override
    public void close() {
        IO.redirect(previous);
    }
}
