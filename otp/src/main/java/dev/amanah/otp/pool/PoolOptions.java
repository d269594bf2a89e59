package dev.amanah.otp.pool;

import dev.amanah.otp.server.StartResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a {@link WorkerPool} is built: poolboy's {@code size}, {@code max_overflow},
 * {@code strategy} and {@code name}, plus the worker factory.
 *
 * <pre>{@code
 * PoolOptions.of(10, () -> GenServer.startLink(new ReceiptRenderer()))
 *            .withMaxOverflow(5)
 *            .withName("renderers");
 * }</pre>
 *
 * @param name           the local name to register the pool under; empty for none
 * @param size           workers kept alive at all times (at least 1)
 * @param maxOverflow    extra workers started when all are busy and stopped when returned (0 by
 *                       default: poolboy's default of 10 starts and stops processes under load,
 *                       a cost a pool should opt into)
 * @param worker         starts one worker, in the pool's process, linked to it, as a supervisor's
 *                       child start function does ({@code () -> GenServer.startLink(...)});
 *                       {@code Ignore}, {@code Error} or a throw makes the pool exit
 * @param strategy       which idle worker a checkout gets
 * @param workerShutdown how long a worker may take to end after {@code shutdown} when the pool
 *                       stops or dismisses it as surplus, before it is killed (5 s by default, as a
 *                       supervisor's worker)
 */
public record PoolOptions(Optional<String> name, int size, int maxOverflow, Supplier<StartResult> worker,
                          Strategy strategy, Duration workerShutdown) {

    public PoolOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(workerShutdown, "workerShutdown");
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker: size " + size);
        }
        if (maxOverflow < 0) {
            throw new IllegalArgumentException("negative maxOverflow: " + maxOverflow);
        }
        if (workerShutdown.isNegative()) {
            throw new IllegalArgumentException("negative workerShutdown: " + workerShutdown);
        }
    }

    /** A pool of {@code size} workers, no overflow, no name, LIFO, 5 s worker shutdown. */
    public static PoolOptions of(int size, Supplier<StartResult> worker) {
        return new PoolOptions(Optional.empty(), size, 0, worker, Strategy.LIFO, Duration.ofSeconds(5));
    }

    /** These options with a local name. */
    public PoolOptions withName(String name) {
        return new PoolOptions(Optional.of(name), size, maxOverflow, worker, strategy, workerShutdown);
    }

    /** These options with up to {@code maxOverflow} temporary extra workers. */
    public PoolOptions withMaxOverflow(int maxOverflow) {
        return new PoolOptions(name, size, maxOverflow, worker, strategy, workerShutdown);
    }

    /** These options with another checkout strategy. */
    public PoolOptions withStrategy(Strategy strategy) {
        return new PoolOptions(name, size, maxOverflow, worker, strategy, workerShutdown);
    }

    /** These options with another worker shutdown timeout. */
    public PoolOptions withWorkerShutdown(Duration workerShutdown) {
        return new PoolOptions(name, size, maxOverflow, worker, strategy, workerShutdown);
    }

    /** Which idle worker a checkout gets: poolboy's {@code strategy}. */
    public enum Strategy {
        /** The most recently returned one (poolboy's default): keeps a hot few busy, the rest idle. */
        LIFO,
        /** The one idle the longest: spreads work evenly over all workers. */
        FIFO
    }
}
