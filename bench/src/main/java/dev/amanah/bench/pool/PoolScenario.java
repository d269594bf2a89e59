package dev.amanah.bench.pool;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code pool}: 1,000 caller processes, all at once, each run 1,000 transactions on a pool of 10
 * workers; a transaction borrows a worker, makes one call to it (the worker echoes a number) and
 * returns it. Reported as transactions per second, from "go" until every caller is done. With 100
 * callers per worker, most callers wait in line: this measures the pool's hand-over under
 * contention. Checked: every reply echoes its request, and the workers served exactly every
 * transaction.
 * <ul>
 *   <li>Amanah: {@code WorkerPool.transaction} on a {@code WorkerPool} of 10 {@code GenServer}
 *       workers (no overflow), {@code GenServer.call} to the worker;</li>
 *   <li>floor: 10 worker virtual threads with mailboxes; the idle ones wait in a fair
 *       {@code ArrayBlockingQueue} of 10 (first come, first served, as the pool), which a caller
 *       takes a worker from and puts it back into; the call carries the caller's mailbox.</li>
 * </ul>
 * Pekko has no implementation (the issue names none). {@code --quick} divides the transactions per
 * caller, not the callers.
 */
public final class PoolScenario {
    static final int CALLERS = 1_000;
    static final int TRANSACTIONS_PER_CALLER = 1_000;
    static final int WORKERS = 10;
    /** Each checkout's and call's timeout: generous, never reached unless something is broken. */
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    private PoolScenario() {
    }

    /** The scenario with its implementations. */
    public static Scenario scenario() {
        return new Scenario("pool", Counts.label(CALLERS) + " callers × " + Counts.label(TRANSACTIONS_PER_CALLER)
                + " transactions on a pool of " + WORKERS + " (Amanah WorkerPool; floor: a fair BlockingQueue of idle workers)",
                Map.of(Contender.AMANAH, new AmanahPool(),
                        Contender.FLOOR_MPSC, new FloorPool(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorPool(FloorMailbox.Kind.LTQ)));
    }

    /**
     * The sizes of one run.
     *
     * @param callers      caller processes
     * @param transactions transactions per caller
     */
    record Size(int callers, int transactions) {
        static Size of(Scale scale) {
            return new Size(CALLERS, scale.count(TRANSACTIONS_PER_CALLER));
        }

        long total() {
            return (long) callers * transactions;
        }

        List<Sample> samples(long nanos) {
            return List.of(Sample.rate(new Metric("pool: " + Counts.label(callers) + " callers × "
                    + Counts.label(transactions) + " transactions on " + WORKERS + " workers (transactions/s)",
                    Metric.Unit.PER_SECOND), total(), nanos));
        }
    }

    static void checkReply(int request, Object reply) {
        BenchmarkFailure.check(reply instanceof Integer n && n == request, () ->
                "pool: transaction " + request + " got the reply " + reply);
    }

    static void checkServed(long expected, long served) {
        BenchmarkFailure.check(served == expected, () ->
                "pool: the workers served " + served + " transactions of " + expected);
    }
}
