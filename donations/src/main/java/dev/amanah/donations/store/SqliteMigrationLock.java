package dev.amanah.donations.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the migration of SQLite files across threads and processes. Flyway takes no lock on
 * SQLite (its lock of the schema history table does nothing there), so two processes starting on
 * a new file at once could both try to create the schema. Each migration here holds a lock of this
 * JVM (a file lock is per process, and the JDK refuses a second one from the same process) and an
 * exclusive OS file lock on {@code <database>.migration-lock}. Blocks until both are held; the OS
 * releases the file lock if the process dies.
 */
final class SqliteMigrationLock {
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private SqliteMigrationLock() {
    }

    /** Runs {@code migration} holding both locks; its result. */
    static <T> T around(Path database, Supplier<T> migration) {
        var lockFile = database.toAbsolutePath().resolveSibling(database.getFileName() + ".migration-lock");
        IN_THIS_JVM.lock();
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            var lock = channel.lock();
            try {
                return migration.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE, "cannot lock " + lockFile, e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }
}
