package dev.amanah.examples;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Elixir's {@code IO.puts}, which the seed's examples use to show what they do: one line to the
 * console. The examples print through here so that the runner shows their output and the tests can
 * capture it (as ExUnit's {@code capture_io}).
 *
 * <p>Thread safe: any process may print; each line is written whole. The sink is global to the JVM,
 * like the BEAM's default group leader.
 */
public final class IO {
    private static volatile Consumer<String> sink = System.out::println;

    private IO() {
    }

    /** Prints {@code line} (its {@code String.valueOf}) as one line. */
    public static void puts(Object line) {
        sink.accept(String.valueOf(line));
    }

    /** Where lines go now. */
    public static Consumer<String> sink() {
        return sink;
    }

    /**
     * Sends every later line to {@code newSink} instead, and returns the sink it replaces, to be
     * put back when done. {@code newSink} must be thread safe: processes print concurrently.
     */
    public static Consumer<String> redirect(Consumer<String> newSink) {
        var previous = sink;
        sink = Objects.requireNonNull(newSink, "newSink");
        return previous;
    }
}
