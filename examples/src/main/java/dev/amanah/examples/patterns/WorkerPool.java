package dev.amanah.examples.patterns;

import dev.amanah.examples.Result;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Matcher;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The seed's {@code FinancialDomain.Processing.WorkerPool}: a fixed set of linked worker processes,
 * items dealt to them round-robin, results collected from the mailbox.
 *
 * <p>Kept round-robin, to show its flaw: item {@code i} goes to worker {@code i mod size} whether it
 * is busy or not, so a slow item stalls every item dealt after it to the same worker while other
 * workers sit idle. {@link PooledProcessor} does the same job with the otp module's
 * {@link dev.amanah.otp.pool.WorkerPool}, where a free worker takes the next item.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>The seed collects {@code length(items)} messages {@code {:result, r}} in arrival order, so
 *       its list is in completion order, not item order, and any other {@code {:result, _}} in the
 *       caller's mailbox is taken as one of them. Here a result carries the batch's {@link Ref} and
 *       the item's index, and the list is in item order.</li>
 *   <li>The seed never stops its workers: each call leaves {@code pool_size} processes looping for
 *       as long as the caller lives. Here they are stopped when the batch is done.</li>
 *   <li>The seed gives each of the {@code n} receives its own 30 s, so a batch can wait
 *       {@code n × 30 s}; here 30 s is the deadline for the whole batch, after which the missing
 *       items are {@code Error(timeout)}, the workers are killed, and no late result is left
 *       behind.</li>
 * </ul>
 * As in the seed, the workers are linked to the caller: an item that crashes its worker takes the
 * caller down.
 */
public final class WorkerPool {
    /** The seed's default pool size: 5. */
    public static final int DEFAULT_POOL_SIZE = 5;
    /** The seed's timeout: 30 s, here for the whole batch. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private WorkerPool() {
    }

    /** {@code {:process, from, item}}, tagged with its batch and index. */
    public record ProcessItem<I>(Pid from, Ref batch, int index, I item) {
    }

    /** {@code {:result, result}}, tagged with its batch and index. */
    public record ItemResult<R>(Ref batch, int index, R result) {
    }

    /** Ends a worker's loop. */
    public record Stop() {
    }

    /** {@code {:processed, item}}: what the seed's {@code process_item} returns. */
    public record Processed<I>(I item) {
    }

    /** {@link #processWithPool(List, int)} with {@link #DEFAULT_POOL_SIZE} workers and the seed's {@code process_item} (100 ms). */
    public static <I> List<Result<Processed<I>>> processWithPool(List<I> items) {
        return processWithPool(items, DEFAULT_POOL_SIZE);
    }

    /** {@link #processWithPool(List, int, Function, Duration)} with the seed's {@code process_item} (100 ms). */
    public static <I> List<Result<Processed<I>>> processWithPool(List<I> items, int poolSize) {
        return processWithPool(items, poolSize, WorkerPool::processItem, TIMEOUT);
    }

    /**
     * Processes {@code items} with {@code poolSize} workers linked to the caller, item {@code i}
     * going to worker {@code i mod poolSize}; returns one result per item, in item order:
     * {@code Ok(processItem(item))}, or {@code Error(timeout)} for an item not done by the
     * deadline {@code timeout} from now. The workers have ended, or been killed, when this returns.
     */
    public static <I, R> List<Result<R>> processWithPool(List<I> items, int poolSize, Function<I, R> processItem,
                                                         Duration timeout) {
        Objects.requireNonNull(processItem, "processItem");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive, was " + poolSize);
        }
        // Start workers
        var workers = new ArrayList<Pid>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            workers.add(Processes.spawnLink(() -> workerLoop(processItem)));
        }

        // Distribute work
        var self = Processes.self();
        var batch = new Ref();
        for (int index = 0; index < items.size(); index++) {
            workers.get(index % poolSize).send(new ProcessItem<>(self, batch, index, items.get(index)));
        }

        // Collect results, by index
        var results = new ArrayList<Result<R>>(Collections.nCopies(items.size(), null));
        long deadline = System.nanoTime() + timeout.toNanos();
        int missing = items.size();
        while (missing > 0) {
            var left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            ItemResult<R> result = Processes.receive(left, WorkerPool.<R>resultOf(batch));
            if (result == null) {
                break;
            }
            results.set(result.index(), Result.ok(result.result()));
            missing--;
        }
        stop(workers, missing == 0, batch);
        return results.stream().map(r -> r != null ? r : Result.<R>error(ExitReason.TIMEOUT)).toList();
    }

    private static <R> Matcher<ItemResult<R>> resultOf(Ref batch) {
        return message -> {
            if (message instanceof ItemResult<?> result && result.batch() == batch) {
                @SuppressWarnings("unchecked")
                var mine = (ItemResult<R>) result;
                return mine;
            }
            return null;
        };
    }

    private static void stop(List<Pid> workers, boolean idle, Ref batch) {
        for (var worker : workers) {
            if (idle) {
                worker.send(new Stop()); // ends normal: the link lets the caller be
            } else {
                Processes.unlink(worker);
                Processes.exit(worker, ExitReason.KILL); // dead at once: sends nothing more
            }
        }
        if (!idle) {
            while (Processes.receive(Duration.ZERO, resultOf(batch)) != null) {
                // a result that came between the deadline and the kill: too late, dropped
            }
        }
    }

    private static <I, R> void workerLoop(Function<I, R> processItem) {
        for (;;) {
            switch (Processes.receive()) {
                case ProcessItem<?>(var from, var batch, var index, var item) -> {
                    @SuppressWarnings("unchecked")
                    var result = processItem.apply((I) item);
                    from.send(new ItemResult<>(batch, index, result));
                }
                case Stop() -> {
                    return;
                }
                default -> {
                    // not for a worker: dropped
                }
            }
        }
    }

    private static <I> Processed<I> processItem(I item) {
        Processes.sleep(Duration.ofMillis(100));
        return new Processed<>(item);
    }
}
