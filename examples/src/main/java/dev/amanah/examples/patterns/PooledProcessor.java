package dev.amanah.examples.patterns;

import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.pool.PoolOptions;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The seed's worker pool done with the otp module's {@link dev.amanah.otp.pool.WorkerPool}
 * (poolboy): beside {@link WorkerPool}, to show what the round-robin version lacks.
 *
 * <p>Each item runs in its own task, which borrows a free worker from the pool
 * ({@link dev.amanah.otp.pool.WorkerPool#transaction}), calls it, and gives it back. A worker is
 * lent to one item at a time and the next item goes to whichever worker is free, so a slow item
 * delays only itself; items wait in line, first come first served, while all workers are busy,
 * which bounds the work in flight to the pool's size. A worker that crashes is replaced by the
 * pool; the item it was processing fails its task, which (being linked) takes the caller down, as
 * in the seed.
 */
public final class PooledProcessor {
    private PooledProcessor() {
    }

    /** The request a pool worker answers: process {@code item}. */
    public record ProcessItem(Object item) {
    }

    /**
     * Processes {@code items} with a pool of {@code poolSize} workers, each running
     * {@code processItem}; returns the results in item order. Waits up to {@code timeout} for all
     * of them (the deadline for the whole batch); the pool is stopped when this returns.
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(timeout, "Task", "awaitMany", ...)} if the
     *                                      batch is not done within {@code timeout}
     */
    public static <I, R> List<R> processWithPool(List<I> items, int poolSize, Function<I, R> processItem,
                                                 Duration timeout) {
        Objects.requireNonNull(processItem, "processItem");
        var pool = dev.amanah.otp.pool.WorkerPool
                .startLink(PoolOptions.of(poolSize, () -> GenServer.startLink(new ItemWorker<>(processItem))))
                .orElseThrow();
        try {
            List<Task<R>> tasks = items.stream()
                    .map(item -> Task.async(() -> dev.amanah.otp.pool.WorkerPool.<R>transaction(pool, timeout,
                            worker -> GenServer.call(worker, new ProcessItem(item), timeout))))
                    .toList();
            return Task.awaitMany(tasks, timeout);
        } finally {
            dev.amanah.otp.pool.WorkerPool.stop(pool);
        }
    }

    /** A pool worker: a server that processes one item per call; its state counts the items done. */
    private record ItemWorker<I, R>(Function<I, R> processItem) implements GenServer<Long> {
        @Override
        public InitResult<Long> init() {
            return new Ok<>(0L);
        }

        @Override
        @SuppressWarnings("unchecked")
        public CallResult<Long> handleCall(Object request, ReplyTo from, Long done) {
            if (request instanceof ProcessItem(var item)) {
                return new Reply<>(processItem.apply((I) item), done + 1);
            }
            return GenServer.super.handleCall(request, from, done);
        }
    }
}
