package dev.amanah.otp.pool;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A pool of worker processes lent out one caller at a time: poolboy (and the spirit of
 * NimblePool) on Amanah processes.
 *
 * <pre>{@code
 * Pid pool = WorkerPool.startLink(PoolOptions.of(10, () -> GenServer.startLink(new Renderer()))
 *                                            .withMaxOverflow(5).withName("renderers")).orElseThrow();
 * byte[] pdf = WorkerPool.transaction("renderers", Duration.ofSeconds(5),
 *         worker -> GenServer.call(worker, new Render(receipt)));
 * }</pre>
 *
 * <h2>Why it exists</h2>
 * The seed's pool hands items to workers round-robin: a slow item stalls everything queued behind
 * it on that worker while others sit idle, nothing bounds the work in flight, a crashed worker is
 * never replaced and its items are silently lost to a 30 s timeout. Here a caller borrows an idle
 * worker, uses it (usually with {@code GenServer.call}) and returns it; a caller that finds none
 * waits in line, for a bounded time. The pool is a process, so it can sit in a supervision tree
 * ({@link #childSpec}); its workers are its linked children.
 *
 * <h2>State machine</h2>
 * Each worker is in one state; the pool's process is the only one that changes it, one message at
 * a time, so no lock is needed:
 * <pre>
 *              checkout, or handed to the first waiter
 *     IDLE ─────────────────────────────────────────────▶ BORROWED(borrower, monitor)
 *      ▲                                                       │
 *      └─── checkin by the borrower, or the borrower dies ─────┤ (DOWN: poolboy returns it too)
 *                                                              │
 *          beyond size and nobody waiting: stopped (shutdown) ◀┘
 *     any state ── the worker exits ──▶ forgotten; a new one is started if below size
 * </pre>
 * After every event the pool restores three invariants: at least {@code size} workers run; no
 * worker is idle while a caller waits (overflow workers are started for waiters while fewer than
 * {@code size + maxOverflow} run); no worker is idle beyond {@code size}.
 *
 * <h2>The hazard, and how it is closed</h2>
 * A pool's classic bug is the lost worker: the pool hands a worker to a caller that has just
 * given up (timed out, or died), and nobody ever returns it. Here the hand-over is a
 * {@link Processes#reply} to the caller's pending request, which succeeds for exactly one side of
 * the race: either the caller receives the worker (and is monitored from before the reply, so its
 * death returns it), or the reply fails and the pool keeps the worker and serves the next caller
 * in line. A caller whose checkout timed out is therefore never handed a worker afterwards, and no
 * worker is lost; it also tells the pool to drop it from the line.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Waiting callers are served first come, first served.</li>
 *   <li>A worker that exits (crash or not) is forgotten and replaced while the pool is below
 *       size; its borrower is not told (it learns from its own calls to the worker).</li>
 *   <li>A worker whose borrower dies is returned to the pool as if checked in, as poolboy does:
 *       it may still be finishing the dead borrower's request when the next caller gets it.</li>
 *   <li>Only the borrower may check a worker in, as only a task's owner may await it: the pool
 *       watches the borrower, so a checkin by another process would leave the borrower using a
 *       worker lent again. Checking in another's worker, twice, or a process that is no worker
 *       of the pool throws {@link CheckinException} (an {@link IllegalArgumentException}) and
 *       changes nothing. Stricter than poolboy, which takes a worker back from any process and
 *       ignores the rest: to hand a worker to another process, let that process tell the
 *       borrower when it is done. Checking in a worker that has died is accepted and does nothing
 *       (the pool replaces it).</li>
 *   <li>If the worker factory fails, the pool exits with {@link WorkerStartFailed}. When the pool
 *       stops, it stops its workers ({@code shutdown}, then {@code kill} after
 *       {@link PoolOptions#workerShutdown()}).</li>
 * </ul>
 * The pool is addressed by pid or by its registered name; every function is a call into it and
 * exits the caller with {@code InCall(noproc, "WorkerPool", ...)} if there is no such pool.
 */
public final class WorkerPool {
    /** The default checkout and transaction timeout: 5 s, as poolboy's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private WorkerPool() {
    }

    /**
     * Starts a pool linked to the caller and blocks until its {@code size} workers have started:
     * {@code Ok(pool)}, or {@code Error(Term(WorkerStartFailed))} if one did not start, or
     * {@code Error(Term(AlreadyStarted(pid)))} if the name is taken.
     */
    public static StartResult startLink(PoolOptions options) {
        return GenServer.startLink(new PoolServer(options), startOptions(options));
    }

    /** As {@link #startLink}, not linked to the caller. */
    public static StartResult start(PoolOptions options) {
        return GenServer.start(new PoolServer(options), startOptions(options));
    }

    /**
     * The pool as a supervisor's child: a permanent worker whose shutdown waits for its own
     * workers' shutdown, plus a second.
     */
    public static ChildSpec childSpec(Object id, PoolOptions options) {
        return ChildSpec.worker(id, () -> startLink(options))
                .withShutdown(ChildSpec.Shutdown.timeout(options.workerShutdown().plusSeconds(1)));
    }

    /** Stops the pool and its workers; returns once it has ended. */
    public static void stop(Pid pool) {
        GenServer.stop(pool, ExitReason.NORMAL, Processes.INFINITY);
    }

    /**
     * Runs {@code work} with a borrowed worker and returns its result, returning the worker
     * whatever happens (poolboy's {@code transaction/3}).
     *
     * @param timeout how long to wait for a worker; the work itself is not timed
     * @throws ExitException as {@link #checkout(Pid, Duration)}; exceptions from {@code work}
     *                       pass through after the worker is returned
     */
    public static <R> R transaction(Pid pool, Duration timeout, Function<Pid, R> work) {
        return transactionOn(pool, pool, timeout, work);
    }

    /** {@link #transaction(Pid, Duration, Function)} on the pool registered as {@code name}. */
    public static <R> R transaction(String name, Duration timeout, Function<Pid, R> work) {
        return transactionOn(name, Processes.whereis(name).orElse(null), timeout, work);
    }

    /** {@link #transaction(Pid, Duration, Function)} waiting up to {@link #DEFAULT_TIMEOUT}. */
    public static <R> R transaction(Pid pool, Function<Pid, R> work) {
        return transaction(pool, DEFAULT_TIMEOUT, work);
    }

    /**
     * Borrows a worker, waiting in line up to {@code timeout} if none is free and the pool is at
     * {@code size + maxOverflow}. The caller is monitored: if it dies, the worker comes back.
     *
     * @throws ExitException with {@code InCall(timeout, "WorkerPool", "checkout", [pool, timeout])}
     *                       if no worker came in time (the caller is then out of line and will
     *                       never be handed one), or with {@code noproc} or the pool's exit reason
     *                       if the pool is not running or dies meanwhile
     */
    public static Pid checkout(Pid pool, Duration timeout) {
        return checkoutOn(pool, pool, timeout);
    }

    /** {@link #checkout(Pid, Duration)} from the pool registered as {@code name}. */
    public static Pid checkout(String name, Duration timeout) {
        return checkoutOn(name, Processes.whereis(name).orElse(null), timeout);
    }

    /**
     * Borrows a worker if one is free or may be started as overflow, without waiting (poolboy's
     * {@code checkout(pool, false)}); empty if the pool is full.
     *
     * @throws ExitException with {@code InCall(noproc, "WorkerPool", "tryCheckout", [pool])} if
     *                       the pool is not running
     */
    public static Optional<Pid> tryCheckout(Pid pool) {
        Objects.requireNonNull(pool, "pool");
        Object answer = call(pool, pool, new PoolServer.Checkout(false), Processes.INFINITY, "tryCheckout",
                List.of(pool));
        return answer instanceof Pid worker ? Optional.of(worker) : Optional.empty();
    }

    /**
     * Returns {@code worker}, which the caller checked out. If the pool is no longer running, this
     * does nothing: its workers ended with it.
     *
     * @throws CheckinException if the worker is idle (checked in twice), not one of the pool's, or
     *                          borrowed by another process; the worker stays where it was
     * @throws ExitException    if the caller is killed meanwhile: its own exit
     */
    public static void checkin(Pid pool, Pid worker) {
        checkinOn(pool, pool, worker);
    }

    /** {@link #checkin(Pid, Pid)} into the pool registered as {@code name}. */
    public static void checkin(String name, Pid worker) {
        checkinOn(name, Processes.whereis(name).orElse(null), worker);
    }

    /** How many workers are idle, busy and overflowing, and how many callers wait. */
    public static PoolStatus status(Pid pool) {
        Objects.requireNonNull(pool, "pool");
        return call(pool, pool, new PoolServer.Status(), Processes.INFINITY, "status", List.of(pool));
    }

    // ---- internals ----

    private static <R> R transactionOn(Object name, Pid pool, Duration timeout, Function<Pid, R> work) {
        Objects.requireNonNull(work, "work");
        var worker = checkoutOn(name, pool, timeout);
        try {
            return work.apply(worker);
        } finally {
            checkinOn(name, pool, worker);
        }
    }

    private static Pid checkoutOn(Object name, Pid pool, Duration timeout) {
        Objects.requireNonNull(name, "pool");
        Objects.requireNonNull(timeout, "timeout");
        try {
            return call(name, pool, new PoolServer.Checkout(true), timeout, "checkout", List.of(name, timeout));
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.InCall(var reason, var m, var f, var a)
                    && reason.equals(ExitReason.TIMEOUT) && pool != null) {
                GenServer.cast(pool, new PoolServer.CancelWaiting(Processes.self()));
            }
            throw e;
        }
    }

    private static void checkinOn(Object name, Pid pool, Pid worker) {
        Objects.requireNonNull(name, "pool");
        Objects.requireNonNull(worker, "worker");
        if (pool == null || !pool.isAlive()) {
            return;
        }
        var self = Processes.self(); // taken before the call: a killed adopted thread's next call adopts it afresh
        CheckinException.Problem problem;
        try {
            problem = call(name, pool, new PoolServer.Checkin(worker), Processes.INFINITY, "checkin",
                    List.of(name, worker));
        } catch (ExitException e) {
            if (pool.isAlive() || !self.isAlive()) {
                throw e;
            }
            return; // the pool died meanwhile, and its workers with it
        }
        if (problem != null) {
            throw new CheckinException(problem, name, worker, self);
        }
    }

    /** A call into the pool whose failure names the pool function, as OTP names the call. */
    @SuppressWarnings("unchecked")
    private static <R> R call(Object name, Pid pool, Object request, Duration timeout, String function, List<?> args) {
        if (pool == null) {
            throw new ExitException(new ExitReason.InCall(ExitReason.NOPROC, "WorkerPool", function, args));
        }
        var self = Processes.self(); // taken before the call: a killed adopted thread's next call adopts it afresh
        try {
            return (R) GenServer.call(pool, request, timeout);
        } catch (ExitException e) {
            if (!self.isAlive()) {
                throw e;
            }
            var reason = e.reason() instanceof ExitReason.InCall(var inner, var m, var f, var a) ? inner : e.reason();
            throw new ExitException(new ExitReason.InCall(reason, "WorkerPool", function, args));
        }
    }

    private static StartOptions startOptions(PoolOptions options) {
        return options.name().map(StartOptions::named).orElse(StartOptions.DEFAULT);
    }
}
