package dev.amanah.otp.task;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Task#asyncStream} and {@link TaskSupervisor#asyncStreamNolink}: Elixir's
 * {@code max_concurrency}, {@code ordered}, {@code timeout}, {@code on_timeout} and
 * {@code zip_input_on_exit}. Immutable; start from {@link #DEFAULT} and change what you need:
 * <pre>{@code
 * var options = StreamOptions.DEFAULT.withMaxConcurrency(10).withTimeout(Duration.ofSeconds(30))
 *                                      .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK);
 * }</pre>
 *
 * @param maxConcurrency how many tasks may be alive at once; in ordered mode, how many elements
 *                       may be started and not yet emitted. Default: the number of available
 *                       processors (Elixir's {@code System.schedulers_online()}). Must be positive.
 * @param ordered        whether results come in input order (default true) or in completion order
 * @param timeout        how long each task may run, counted from its start; default 5 seconds;
 *                       {@link dev.amanah.otp.Processes#INFINITY} for no limit
 * @param onTimeout      what an overrun does; default {@link OnTimeout#EXIT}
 * @param zipInputOnExit whether an {@link TaskResult.Exit} element carries its input, as a
 *                       {@link ZippedExit} term; default false
 */
public record StreamOptions(int maxConcurrency, boolean ordered, Duration timeout, OnTimeout onTimeout,
                            boolean zipInputOnExit) {

    /**
     * The defaults: as many tasks as the processors available when this class loaded, ordered, 5
     * seconds per task, exit on timeout, no zip.
     */
    public static final StreamOptions DEFAULT = new StreamOptions(Runtime.getRuntime().availableProcessors(), true,
            Task.DEFAULT_TIMEOUT, OnTimeout.EXIT, false);

    public StreamOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be positive, got " + maxConcurrency);
        }
        Timeouts.check(timeout);
        Objects.requireNonNull(onTimeout, "onTimeout");
    }

    /** These options with another concurrency limit. */
    public StreamOptions withMaxConcurrency(int newMaxConcurrency) {
        return new StreamOptions(newMaxConcurrency, ordered, timeout, onTimeout, zipInputOnExit);
    }

    /** These options, ordered or not. */
    public StreamOptions withOrdered(boolean newOrdered) {
        return new StreamOptions(maxConcurrency, newOrdered, timeout, onTimeout, zipInputOnExit);
    }

    /** These options with another per-task timeout. */
    public StreamOptions withTimeout(Duration newTimeout) {
        return new StreamOptions(maxConcurrency, ordered, newTimeout, onTimeout, zipInputOnExit);
    }

    /** These options with another timeout policy. */
    public StreamOptions withOnTimeout(OnTimeout newOnTimeout) {
        return new StreamOptions(maxConcurrency, ordered, timeout, newOnTimeout, zipInputOnExit);
    }

    /** These options, zipping inputs into exits or not. */
    public StreamOptions withZipInputOnExit(boolean newZipInputOnExit) {
        return new StreamOptions(maxConcurrency, ordered, timeout, onTimeout, newZipInputOnExit);
    }

    /** What a stream does when a task runs past its timeout. */
    public enum OnTimeout {
        /**
         * Kill every task and throw {@link dev.amanah.otp.ExitException} with
         * {@code InCall(timeout, "Task", "asyncStream", [timeout])} out of the stream operation.
         */
        EXIT,
        /** Kill that task only; its element is {@code Exit(timeout)}. */
        KILL_TASK
    }
}
