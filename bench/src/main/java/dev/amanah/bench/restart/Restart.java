package dev.amanah.bench.restart;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code restart}: a supervised child crashes as soon as it has started, 10,000 times in a row,
 * and is restarted each time; reported as restarts per second, from the first generation's start
 * to the start of generation 10,001 (which stays up). This is the cost of a crash and a restart:
 * the exit, the supervisor learning of it, and a new child started.
 * <ul>
 *   <li>Amanah: a {@code GenServer} child (permanent) under a one-for-one {@code Supervisor} whose
 *       intensity allows every restart; the child crashes (throws) in {@code handleContinue}
 *       right after {@code init};</li>
 *   <li>floor: a supervisor virtual thread with a mailbox; each child is a virtual thread whose
 *       body throws, caught and reported to the supervisor's mailbox, which starts a new thread;</li>
 *   <li>Pekko: {@code Behaviors.supervise(...).onFailure(SupervisorStrategy.restart())}; the
 *       child tells itself a message in {@code setup} and throws on it. A Pekko restart re-runs
 *       the behavior's {@code setup} in the same actor (same ref, same mailbox): no new actor.</li>
 * </ul>
 * The crash is the same pre-built exception without a stack trace everywhere, and crash logging is
 * off everywhere (Amanah's crash reports, Pekko's supervision log), so the figure is the
 * runtime's, not the logger's. Checked: exactly 10,001 generations started, no more (none after
 * the last), and the supervisor reports one running child (Amanah) or counted every crash (floor).
 */
public final class Restart {
    static final int RESTARTS = 10_000;
    /** The crash of every generation: no stack trace, so that filling one in is not measured. */
    static final RuntimeException CRASH = new PlannedCrash();

    private Restart() {
    }

    /** The exception every generation throws: no stack trace, no suppression list. */
    private static final class PlannedCrash extends RuntimeException {
        PlannedCrash() {
            super("restart benchmark: planned crash", null, false, false);
        }
    }

    /** The scenario with its implementations. */
    public static Scenario scenario() {
        return new Scenario("restart", Counts.label(RESTARTS) + " crash/restart cycles of a supervised child (restarts/s)",
                Map.of(Contender.AMANAH, new AmanahRestart(),
                        Contender.FLOOR_MPSC, new FloorRestart(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorRestart(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoRestart()));
    }

    /**
     * Counts a run's generations and times them: each generation calls {@link #started()} when it
     * starts, and learns whether it must crash. Thread-safe.
     */
    static final class Generations {
        private final int restarts;
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicLong firstStart = new AtomicLong();
        private final AtomicLong lastStart = new AtomicLong();
        private final Completion settled = new Completion(1);

        Generations(int restarts) {
            this.restarts = restarts;
        }

        /** A generation has started; true if it must crash, false if it is the last one. */
        boolean started() {
            int generation = started.incrementAndGet();
            if (generation == 1) {
                firstStart.set(System.nanoTime());
            }
            if (generation <= restarts) {
                return true;
            }
            if (generation == restarts + 1) {
                lastStart.set(System.nanoTime());
                settled.done();
            }
            return false;
        }

        /** Waits until the last generation has started. */
        void awaitSettled(String what) throws InterruptedException {
            settled.await(what);
        }

        /** Checks that exactly {@code restarts + 1} generations started. */
        void check() {
            int count = started.get();
            BenchmarkFailure.check(count == restarts + 1, () ->
                    "restart: " + count + " generations started, expected " + (restarts + 1));
        }

        List<Sample> samples() {
            return List.of(Sample.rate(new Metric("restart: " + Counts.label(restarts)
                    + " crash/restart cycles of a supervised child (restarts/s)", Metric.Unit.PER_SECOND),
                    restarts, lastStart.get() - firstStart.get()));
        }
    }
}
