package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, so that the
 * one writer ({@link GroupCommitWriter}) never does it. Left to SQLite, the connection whose
 * commit takes the log past 1,000 pages runs the checkpoint inside that commit: it copies the
 * pages and waits for two {@code fsync}s, and every write of the process waits behind it. Here the
 * writer's connection has automatic checkpoints off ({@code wal_autocheckpoint=0}), tells this
 * object after each commit ({@link #committed}), and a daemon thread runs a
 * {@code PRAGMA wal_checkpoint(PASSIVE)} at most every {@code interval} while there were commits.
 *
 * <p>Durability is unchanged: a commit is in the log before its caller is answered, which is what
 * survives {@code kill -9} (and, with {@code synchronous=NORMAL}, what a power cut may lose the last
 * of); a checkpoint only moves committed pages, and SQLite makes it safe to crash in the middle
 * of one. A {@code PASSIVE} checkpoint never waits for the writer or for readers; pages a reader
 * still needs are copied by a later one. The log is reused from its start by the first commit
 * after a checkpoint that copied all of it, so it stays about one interval's writes long. A
 * failed checkpoint is logged and tried again at the next interval.
 *
 * <p>Thread-safe: {@link #committed} may be called from any thread; {@link #close} stops the thread
 * (waiting for a running checkpoint) and closes its connection.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.store");

    private final Connection connection;
    private final Duration interval;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;

    /** Starts checkpointing through {@code connection} (owned from now on, closed by {@link #close}). */
    WalCheckpointer(Connection connection, Duration interval) {
        this.connection = connection;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("amanah-sqlite-checkpointer").daemon().unstarted(this::loop);
        thread.start();
    }

    /** Turns off the automatic checkpoints of {@code writer}, the connection whose commits this one copies back. */
    static void takeOverFrom(Connection writer) throws SQLException {
        try (var statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint=0");
        }
    }

    /** Notes that a transaction committed: the next interval checkpoints. Never blocks. */
    void committed() {
        if (!dirty.get()) {
            dirty.set(true);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing: the last connection to close checkpoints the rest itself.
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                continue;   // only close() interrupts; the loop condition decides
            }
            if (dirty.getAndSet(false)) {
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
        } catch (SQLException e) {
            dirty.set(true);
            LOG.log(System.Logger.Level.WARNING, "event=wal_checkpoint_failed why=" + e.getMessage());
        }
    }
}
