package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.CapturedLog;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opening, migrating and transactions of {@link Database}, on both databases. */
class DatabaseTest {

    @BothDatabases
    void opening_creates_and_migrates_the_schema(TestDatabase db) {
        var database = db.store().database();
        assertThat(database.isReachable()).isTrue();
        long tables = database.inTransaction(c -> {
            try (var rs = c.getMetaData().getTables(null, null, "%", null)) {
                long n = 0;
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase("ledger_entries")) {
                        n++;
                    }
                }
                return n;
            }
        });
        assertThat(tables).isEqualTo(1);
    }

    @BothDatabases
    void a_transaction_that_throws_leaves_nothing(TestDatabase db) {
        var store = db.store();
        assertThatThrownBy(() -> store.database().useTransaction(c -> {
            store.idempotency().claim("k-1", "f");
            store.idempotency().claim("k-2", "f");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(store.idempotency().inFlight()).isEmpty();
    }

    @BothDatabases
    void a_nested_call_joins_the_outer_transaction(TestDatabase db) {
        var store = db.store();
        var calls = new AtomicInteger();
        store.database().useTransaction(c -> {
            calls.incrementAndGet();
            assertThat(store.database().inTransactionNow()).isTrue();
            store.idempotency().claim("k-1", "f");
            assertThat(store.idempotency().inFlight()).extracting(InFlightKey::key).containsExactly("k-1");
        });
        assertThat(calls).hasValue(1);
        assertThat(store.database().inTransactionNow()).isFalse();
    }

    @BothDatabases
    void after_commit_actions_run_once_after_the_outermost_commit_and_never_after_a_rollback(TestDatabase db) {
        var database = db.store().database();
        var idempotency = db.store().idempotency();
        var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
        database.useTransaction(c -> {
            idempotency.claim("k-1", "f");
            database.useTransaction(joined -> database.afterCommit(() -> ran.add("inner saw " + idempotency.inFlight().size())));
            database.afterCommit(() -> ran.add("outer"));
            assertThat(ran).isEmpty();
        });
        // Both ran after the commit, in order, and the first one found the committed key from outside the transaction.
        assertThat(ran).containsExactly("inner saw 1", "outer");
        ran.clear();
        assertThatThrownBy(() -> database.useTransaction(c -> {
            database.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ran).isEmpty();
        assertThatThrownBy(() -> database.afterCommit(() -> ran.add("outside"))).isInstanceOf(IllegalStateException.class);
        assertThat(ran).isEmpty();
    }

    /** The driver's own exception for the transient failure of each database. */
    private static SQLException transientFailure(Dialect dialect) {
        return dialect == Dialect.SQLITE
                ? new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)
                : new PSQLException("could not serialize access", PSQLState.SERIALIZATION_FAILURE);
    }

    @BothDatabases
    void a_busy_or_serialization_failure_is_retried_and_each_failed_attempt_rolled_back(TestDatabase db) {
        var store = db.store();
        var attempts = new AtomicInteger();
        var result = store.database().inTransaction(c -> {
            int attempt = attempts.incrementAndGet();
            store.idempotency().claim("attempt-" + attempt, "f");
            if (attempt < 3) {
                throw transientFailure(db.dialect());
            }
            return attempt;
        });
        assertThat(result).isEqualTo(3);
        assertThat(store.idempotency().inFlight()).extracting(InFlightKey::key).containsExactly("attempt-3");
    }

    @BothDatabases
    void retries_are_bounded_and_other_failures_are_not_retried(TestDatabase db) {
        var database = db.open(db.config().withMaxAttempts(3));
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> database.useTransaction(c -> {
            attempts.incrementAndGet();
            throw transientFailure(db.dialect());
        })).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_UNAVAILABLE));
        assertThat(attempts).hasValue(3);

        attempts.set(0);
        assertThatThrownBy(() -> database.useTransaction(c -> {
            attempts.incrementAndGet();
            try (var s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table");
            }
        })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_ERROR));
        assertThat(attempts).hasValue(1);
    }

    /** A real lock held by another connection: SQLite waits the busy timeout, then the store reports it. */
    @Test
    void sqlite_reports_a_write_lock_held_too_long_and_works_once_it_is_released(@TempDir java.nio.file.Path dir)
            throws SQLException {
        var config = DatabaseConfig.sqlite(dir.resolve("amanah.db")).withBusyTimeout(Duration.ofMillis(50)).withMaxAttempts(2);
        try (var holder = Database.open(config); var waiter = Database.open(config)) {
            var keys = new IdempotencyStore(waiter, java.time.Clock.systemUTC());
            try (var lock = holder.dataSource().getConnection(); var s = lock.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                assertThatThrownBy(() -> keys.claim("k", "f")).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_UNAVAILABLE));
                s.execute("ROLLBACK");
            }
            assertThat(keys.claim("k", "f")).isEqualTo(new ClaimResult.Claimed("k"));
        }
    }

    /**
     * SQLite: the writer's commits never checkpoint (its connection has automatic checkpoints
     * off), yet what they write reaches the database file while the database is open: the
     * checkpointer copies the log back. Waits (bounded) for the file to grow by what was written.
     */
    @Test
    void sqlite_commits_reach_the_database_file_through_the_checkpointer_not_the_writer(@TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("amanah.db");
        try (var database = Database.open(DatabaseConfig.sqlite(file))) {
            int writerAutocheckpoint = database.inTransaction(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(writerAutocheckpoint).isZero();
            database.useTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
                }
            });
            long before = Files.size(file);
            int bytes = 2_000_000;
            for (int t = 0; t < 20; t++) {
                database.useTransaction(c -> {
                    try (var insert = c.prepareStatement("INSERT INTO filler (data) VALUES (randomblob(1000))")) {
                        for (int row = 0; row < bytes / 1000 / 20; row++) {
                            insert.executeUpdate();
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.size(file) < before + bytes && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.size(file)).isGreaterThanOrEqualTo(before + bytes);
        }
    }

    @Test
    void the_pools_warnings_reach_java_util_logging_and_its_progress_does_not(@TempDir java.nio.file.Path dir) {
        try (var log = CapturedLog.of("com.zaxxer.hikari");
             var database = Database.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            // What HikariCP's pool says, through SLF4J, as it would on trouble and at its start.
            var pool = LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool");
            pool.warn("test: connection is not available");
            pool.info("test: start completed");
            assertThat(log.messages()).contains("test: connection is not available")
                    .doesNotContain("test: start completed")
                    .noneMatch(message -> message.contains("Start")); // the pool's own start, at INFO
        }
    }

    @Test
    void the_sqlite_file_and_its_directories_are_created_in_wal_mode(@TempDir java.nio.file.Path dir) {
        var file = dir.resolve("nested").resolve("data").resolve("amanah.db");
        try (var database = Database.open(DatabaseConfig.sqlite(file))) {
            assertThat(Files.exists(file)).isTrue();
            String mode = database.inTransaction(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            int foreignKeys = database.inTransaction(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(foreignKeys).isEqualTo(1);
        }
        // Opening again finds the schema migrated and does nothing.
        try (var database = Database.open(DatabaseConfig.sqlite(file))) {
            assertThat(database.isReachable()).isTrue();
        }
    }

    @Test
    void configuration_is_chosen_by_url_and_bad_urls_are_refused() {
        assertThat(DatabaseConfig.fromUrl("jdbc:sqlite:/tmp/x.db", null, null).dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(DatabaseConfig.fromUrl("jdbc:sqlite:/tmp/x.db", null, null).poolSize()).isEqualTo(4);
        var pg = DatabaseConfig.fromUrl("jdbc:postgresql://db:5432/amanah", "amanah", "secret");
        assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(pg.toString()).doesNotContain("secret");
        assertThat(DatabaseConfig.sqliteDefault().jdbcUrl()).isEqualTo("jdbc:sqlite:data/amanah.db");
        assertThatThrownBy(() -> DatabaseConfig.fromUrl("jdbc:mysql://x/y", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:mysql://x/y");
        assertThatThrownBy(() -> DatabaseConfig.sqlite(java.nio.file.Path.of("x.db")).withPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A real serialization failure: two SERIALIZABLE transactions each read what the other
     * writes (write skew); PostgreSQL aborts one, and inTransaction runs it again. SQLite has no
     * such failure (BEGIN IMMEDIATE serialises whole transactions), so it is skipped there.
     */
    @BothDatabases
    void postgres_write_skew_is_aborted_and_retried_until_both_commit(TestDatabase db) throws Exception {
        Assumptions.assumeTrue(db.dialect() == Dialect.POSTGRESQL, "PostgreSQL only");
        var database = db.store().database();
        var barrier = new CyclicBarrier(2);
        var attempts = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (var key : new String[] {"skew-a", "skew-b"}) {
                futures.add(executor.submit(() -> {
                    var mine = new AtomicInteger();
                    database.useTransaction(c -> {
                        int attempt = mine.incrementAndGet();
                        attempts.incrementAndGet();
                        try (var s = c.createStatement()) {
                            s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                            try (var rs = s.executeQuery("SELECT COUNT(*) FROM idempotency_keys")) {
                                rs.next();
                            }
                        }
                        if (attempt == 1) {
                            await(barrier);
                        }
                        try (var insert = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, fingerprint, state, claimed_at)"
                                + " VALUES (?, 'f', 'IN_FLIGHT', CURRENT_TIMESTAMP)")) {
                            insert.setString(1, key);
                            insert.executeUpdate();
                        }
                    });
                    return mine.get();
                }));
            }
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
        assertThat(db.store().idempotency().inFlight()).extracting(InFlightKey::key).containsExactlyInAnyOrder("skew-a", "skew-b");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other transaction never reached the barrier", e);
        }
    }
}
