package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write transactions of concurrent callers: each caller gets its own result or its own error,
 * and is answered only once its work is committed. On SQLite they share commits
 * ({@link GroupCommitWriter}); the batches are made deterministic by holding the writer with a
 * first transaction until the others are queued behind it. The same behaviour is checked on
 * PostgreSQL, which gives each transaction its own connection.
 */
class GroupCommitTest {
    private static final long WAIT_SECONDS = 30;

    @BothDatabases
    void concurrent_callers_each_get_their_own_result_and_find_it_committed(TestDatabase db) throws Exception {
        var database = db.store().database();
        createTable(database);
        int callers = 40;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<String>>();
            for (int i = 0; i < callers; i++) {
                var key = "k-" + i;
                answers.add(threads.submit(() -> {
                    var answer = database.inTransaction(c -> insert(c, key) + ":" + key);
                    // Answered: so committed, and visible to a connection that is not the writer's.
                    assertThat(committedKeys(db)).contains(key);
                    return answer;
                }));
            }
            for (int i = 0; i < callers; i++) {
                assertThat(answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("1:k-" + i);
            }
        }
        assertThat(committedKeys(db)).hasSize(callers);
    }

    @BothDatabases
    void a_failing_transaction_among_concurrent_ones_rolls_back_alone(TestDatabase db) throws Exception {
        var database = db.store().database();
        createTable(database);
        try (var held = new HeldWriter(database); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var first = threads.submit(() -> database.inTransaction(c -> insert(c, "a")));
            var failing = threads.submit(() -> database.inTransaction(c -> {
                insert(c, "b");
                throw new IllegalStateException("refused b");
            }));
            var last = threads.submit(() -> database.inTransaction(c -> insert(c, "c")));
            held.releaseWhenQueued(db, 3);

            assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(last.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("refused b");
        }
        assertThat(committedKeys(db)).containsExactlyInAnyOrder("a", "c");
    }

    @BothDatabases
    void an_sql_error_in_one_transaction_is_its_callers_alone(TestDatabase db) throws Exception {
        var database = db.store().database();
        createTable(database);
        try (var held = new HeldWriter(database); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var duplicate = threads.submit(() -> database.inTransaction(c -> insert(c, "x") + insert(c, "x")));
            var other = threads.submit(() -> database.inTransaction(c -> insert(c, "y")));
            held.releaseWhenQueued(db, 2);

            assertThat(other.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> duplicate.get(WAIT_SECONDS, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_ERROR));
        }
        assertThat(committedKeys(db)).containsExactly("y");
    }

    /**
     * A commit that fails fails every transaction of its batch, and none of them is applied:
     * one of them defers a foreign-key violation to the commit.
     */
    @Test
    void a_failed_commit_fails_every_transaction_of_its_batch(@TempDir java.nio.file.Path dir) throws Exception {
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            var db = new FileDatabase(dir.resolve("amanah.db"));
            createTable(database);
            database.useTransaction(c -> execute(c,
                    "CREATE TABLE gc_child (parent TEXT REFERENCES gc_test (k) DEFERRABLE INITIALLY DEFERRED)"));
            try (var held = new HeldWriter(database); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                var first = threads.submit(() -> database.inTransaction(c -> insert(c, "a")));
                var dangling = threads.submit(() -> database.inTransaction(c -> {
                    execute(c, "INSERT INTO gc_child (parent) VALUES ('nobody')");
                    return 1;
                }));
                var last = threads.submit(() -> database.inTransaction(c -> insert(c, "c")));
                held.releaseWhenQueued(database, 3);

                for (var unit : List.of(first, dangling, last)) {
                    assertThatThrownBy(() -> unit.get(WAIT_SECONDS, TimeUnit.SECONDS))
                            .cause().isInstanceOfSatisfying(StoreException.class,
                                    e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_UNAVAILABLE));
                }
            }
            assertThat(db.keys()).isEmpty();
            // The writer goes on: the next transaction commits.
            database.inTransaction(c -> insert(c, "after"));
            assertThat(db.keys()).containsExactly("after");
        }
    }

    @Test
    void a_transaction_that_cannot_start_within_the_busy_timeout_fails_and_never_runs(@TempDir java.nio.file.Path dir)
            throws Exception {
        var config = DatabaseConfig.sqlite(dir.resolve("amanah.db")).withBusyTimeout(Duration.ofMillis(200)).withMaxAttempts(1);
        try (var database = Database.open(config)) {
            createTable(database);
            try (var held = new HeldWriter(database)) {
                assertThatThrownBy(() -> database.inTransaction(c -> insert(c, "late")))
                        .isInstanceOfSatisfying(StoreException.class,
                                e -> assertThat(e.code()).isEqualTo(StoreException.Code.DATABASE_UNAVAILABLE));
            }
            database.inTransaction(c -> insert(c, "next"));   // runs after the held one: the late one would have run before
            assertThat(new FileDatabase(dir.resolve("amanah.db")).keys()).containsExactly("next");
        }
    }

    @Test
    void a_nested_call_inside_a_batched_transaction_joins_it_and_reads_see_it(@TempDir java.nio.file.Path dir) {
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            createTable(database);
            var seen = database.inTransaction(c -> {
                insert(c, "outer");
                database.useTransaction(inner -> insert(inner, "inner"));
                return database.read(r -> keys(r));
            });
            assertThat(seen).containsExactlyInAnyOrder("outer", "inner");
            assertThat(database.read(GroupCommitTest::keys)).containsExactlyInAnyOrder("outer", "inner");
        }
    }

    @Test
    void a_read_does_not_wait_for_the_writer(@TempDir java.nio.file.Path dir) throws Exception {
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            createTable(database);
            database.inTransaction(c -> insert(c, "committed"));
            try (var held = new HeldWriter(database)) {
                // The writer is busy (held); a read is answered from the committed snapshot meanwhile.
                assertThat(database.read(GroupCommitTest::keys)).containsExactly("committed");
            }
        }
    }

    /** Holds the database's writer (SQLite) inside a transaction until released; nothing on PostgreSQL. */
    private static final class HeldWriter implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread holder;

        HeldWriter(Database database) throws InterruptedException {
            if (database.dialect() != Dialect.SQLITE) {
                holder = null;
                return;
            }
            holder = Thread.ofVirtual().start(() -> database.useTransaction(c -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }

        void releaseWhenQueued(TestDatabase db, int transactions) throws InterruptedException, TimeoutException {
            releaseWhenQueued(db.store().database(), transactions);
        }

        /** Waits (bounded) until {@code transactions} wait behind the held one, so they form one batch; then releases. */
        void releaseWhenQueued(Database database, int transactions) throws InterruptedException, TimeoutException {
            if (holder != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (database.queuedWrites() < transactions) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(database.queuedWrites() + " queued, expected " + transactions);
                    }
                    Thread.onSpinWait();
                    Thread.yield();
                }
            }
            close();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            if (holder != null) {
                assertThat(holder.join(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
            }
        }
    }

    /** A plain connection of its own to an SQLite file: sees only what is committed. */
    private record FileDatabase(java.nio.file.Path file) {
        List<String> keys() throws SQLException {
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                return GroupCommitTest.keys(c);
            }
        }
    }

    private static List<String> committedKeys(TestDatabase db) throws SQLException {
        var url = db.config().jdbcUrl();
        try (var c = DriverManager.getConnection(url, db.config().user(), db.config().password())) {
            return keys(c);
        }
    }

    private static void createTable(Database database) {
        database.useTransaction(c -> execute(c, "CREATE TABLE gc_test (k VARCHAR(40) PRIMARY KEY)"));
    }

    private static int insert(Connection c, String key) throws SQLException {
        try (var statement = c.prepareStatement("INSERT INTO gc_test (k) VALUES (?)")) {
            statement.setString(1, key);
            return statement.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> keys(Connection c) throws SQLException {
        var keys = new ArrayList<String>();
        try (var statement = c.createStatement(); var rows = statement.executeQuery("SELECT k FROM gc_test ORDER BY k")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
