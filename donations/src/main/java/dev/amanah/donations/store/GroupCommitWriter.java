package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SQLite's one writer, with group commit: the write transactions of concurrent callers wait in a
 * queue, and a dedicated thread runs whatever has gathered (up to {@code maxBatch}) in ONE
 * database transaction, each unit inside its own {@code SAVEPOINT}, then commits once and only
 * then answers the callers of that batch.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Durability</b>: {@link #run} returns a unit's result only after the commit that holds
 *       it succeeded; no caller goes on before its commit.</li>
 *   <li><b>Isolation of failures</b>: a unit that throws is rolled back to its savepoint alone
 *       and its caller gets its own exception (translated as {@link Database#inTransaction}
 *       does); the other units of the batch are not affected. If SQLite dropped the whole
 *       transaction because of a unit's error (it may on a full disk or an I/O error), that unit
 *       fails and the others that had run are run again in a fresh transaction: nothing of
 *       theirs was applied.</li>
 *   <li><b>Commit failure</b>: every unit that had run in the batch fails with the commit's
 *       error: a busy database as the retryable error it is (nothing was applied), any other
 *       failure as {@code DATABASE_UNAVAILABLE} "may or may not have been applied".</li>
 *   <li><b>Order</b>: units run in the order they were queued.</li>
 * </ul>
 *
 * <h2>Reentrancy and long units</h2>
 * A unit runs on the writer's thread, with {@code bind} having made that thread's calls to
 * {@link Database#inTransaction} join the batch's transaction, so repository methods called
 * inside a unit compose as before. A unit must not wait for another thread that itself needs a
 * write transaction of this database: that one queues behind the waiting unit, and fails after the
 * queue wait bound (the busy timeout) instead of deadlocking for good. A unit that blocks for long
 * delays every unit behind it (as it held the single connection before): units must do database
 * work only, never a payment, a network call or a message wait.
 *
 * <p>Thread safety: {@link #run} may be called from any number of threads; one thread of its own
 * does every write. {@link #close} fails queued units and waits for the running batch.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final Connection connection;
    private final int maxBatch;
    private final Duration queueWait;
    private final Consumer<Connection> bind;
    private final Runnable committed;
    private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final StatementCache statements;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the writer's thread on {@code connection} (owned from now on, closed by {@link #close}).
     *
     * @param bind      called with the connection before a unit runs and with {@code null} after
     * @param queueWait how long a unit may wait in the queue before its caller gives up
     * @param committed run on the writer's thread after each successful commit (must not block)
     */
    GroupCommitWriter(Connection connection, int maxBatch, Duration queueWait, Consumer<Connection> bind, Runnable committed) {
        this.connection = connection;
        this.committed = committed;
        this.maxBatch = maxBatch;
        this.queueWait = queueWait;
        this.bind = bind;
        this.statements = new StatementCache(connection);
        this.thread = Thread.ofPlatform().name("amanah-sqlite-writer").daemon().unstarted(this::loop);
        thread.start();
    }

    /**
     * Runs {@code work} in the next batch and returns its result once that batch committed.
     * Blocks the caller. If the caller is interrupted while its unit still waits in the queue, the
     * unit is withdrawn (never runs) and {@code DATABASE_UNAVAILABLE} is thrown with the interrupt
     * flag set; once running, it is waited for to the end.
     *
     * @throws StoreException {@code DATABASE_UNAVAILABLE} if the unit waited more than the queue
     *                        bound without starting (nothing ran), or the writer is closed; or
     *                        what the work or the commit failed with
     * @throws RuntimeException any other unchecked exception of the work (after its rollback)
     */
    <T> T run(TransactionWork<T> work) {
        if (closed) {
            throw closedError();
        }
        var unit = new Unit<T>(work);
        queue.add(unit);
        if (closed && queue.remove(unit)) {
            throw closedError();
        }
        return unit.await(queueWait);
    }

    /**
     * A statement for {@code sql} on {@code c}: from the writer's own cache when {@code c} is the
     * writer's connection and the caller is the writer's thread (a unit), else a fresh one. Close
     * it after use.
     */
    StatementCache.Prepared prepare(Connection c, String sql) throws SQLException {
        return statements.owns(c) && Thread.currentThread() == thread ? statements.prepare(sql) : StatementCache.fresh(c, sql);
    }

    /** How many units wait in the queue now (not the running batch): for tests that need a batch to gather. */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        queue.add(new Unit<Void>(connection -> null));   // wakes the loop, which then sees closed
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Unit<?> unit; (unit = queue.poll()) != null; ) {
            if (unit.start()) {
                unit.fail(closedError());
            }
        }
        statements.close();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing: nothing is left to protect.
        }
    }

    private static StoreException closedError() {
        return new StoreException(StoreException.Code.DATABASE_UNAVAILABLE, "the database is closed");
    }

    private void loop() {
        var batch = new ArrayList<Unit<?>>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;   // nobody interrupts this thread but the JVM's end; the loop condition decides
            }
            queue.drainTo(batch, maxBatch - 1);
            batch.removeIf(unit -> !unit.start());
            if (!batch.isEmpty()) {
                runBatch(batch);
            }
            batch.clear();
        }
    }

    /** Runs {@code batch} (every unit started) to the end: each unit succeeded or failed when it returns. */
    private void runBatch(List<Unit<?>> batch) {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            // Each caller gets its own exception instance: callers never share a mutable throwable.
            batch.forEach(unit -> unit.fail(SqlErrors.translate(e, "beginning a transaction")));
            return;
        }
        var ran = new ArrayList<Unit<?>>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            var unit = batch.get(i);
            if (!runInSavepoint(unit)) {
                // SQLite dropped the whole transaction (or it is in an unknown state): nothing of the
                // others was applied, so they run again in a fresh one.
                try {
                    execute("ROLLBACK");
                } catch (SQLException alreadyGone) {
                    // The usual case: SQLite had rolled it back itself.
                }
                var again = new ArrayList<Unit<?>>(ran);
                again.addAll(batch.subList(i + 1, batch.size()));
                if (!again.isEmpty()) {
                    runBatch(again);
                }
                return;
            }
            if (unit.succeededSoFar()) {
                ran.add(unit);
            }
        }
        commit(ran);
    }

    /**
     * Runs one unit between {@code SAVEPOINT} and {@code RELEASE}, or rolls it back to its savepoint;
     * false if the batch's transaction no longer exists afterwards.
     */
    private boolean runInSavepoint(Unit<?> unit) {
        try {
            execute("SAVEPOINT unit");
        } catch (SQLException e) {
            unit.fail(SqlErrors.translate(e, "starting a savepoint"));
            return false;
        }
        bind.accept(connection);
        try {
            unit.runOn(connection);
            execute("RELEASE unit");
            return true;
        } catch (SQLException e) {
            unit.fail(SqlErrors.translate(e, "in a transaction"));
        } catch (RuntimeException | Error e) {
            unit.fail(e);
        } finally {
            bind.accept(null);
        }
        try {
            execute("ROLLBACK TO unit");
            execute("RELEASE unit");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void commit(List<Unit<?>> ran) {
        try {
            execute("COMMIT");
        } catch (SQLException e) {
            try {
                execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            boolean nothingApplied = SqlErrors.isTransient(e);
            ran.forEach(unit -> unit.fail(nothingApplied ? SqlErrors.translate(e, "committing")
                    : new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                    "the commit failed; the transaction may or may not have been applied", e)));
            return;
        }
        committed.run();
        ran.forEach(Unit::answer);
    }

    /** Runs a transaction-control statement, compiled once (BEGIN, SAVEPOINT, RELEASE, COMMIT run several times a batch). */
    private void execute(String sql) throws SQLException {
        try (var prepared = statements.prepare(sql)) {
            prepared.statement().execute();
        }
    }

    /** One caller's transaction: its work, its outcome, and the latch its caller waits on. */
    private static final class Unit<T> {
        private final TransactionWork<T> work;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        Unit(TransactionWork<T> work) {
            this.work = work;
        }

        /** The writer takes the unit; false if its caller withdrew it. */
        boolean start() {
            return state.compareAndSet(QUEUED, RUNNING);
        }

        void runOn(Connection connection) throws SQLException {
            result = work.run(connection);
        }

        boolean succeededSoFar() {
            return failure == null;
        }

        /** Answers the caller with the result: only after the commit. */
        void answer() {
            done.countDown();
        }

        void fail(Throwable why) {
            failure = why;
            result = null;
            done.countDown();
        }

        T await(Duration queueWait) {
            boolean interrupted = false;
            long deadline = System.nanoTime() + queueWait.toNanos();
            try {
                while (true) {
                    try {
                        long left = deadline - System.nanoTime();
                        if (state.get() != QUEUED) {
                            done.await();
                            break;
                        }
                        if (done.await(Math.max(left, 1), TimeUnit.NANOSECONDS)) {
                            break;
                        }
                        if (state.compareAndSet(QUEUED, CANCELLED)) {
                            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                                    "waited more than " + queueWait + " for the database's writer");
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        if (state.compareAndSet(QUEUED, CANCELLED)) {
                            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                                    "interrupted while waiting for the database's writer", e);
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return outcome();
        }

        private T outcome() {
            return switch (failure) {
                case null -> result;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure);
            };
        }
    }
}
