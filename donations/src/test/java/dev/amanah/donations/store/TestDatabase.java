package dev.amanah.donations.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's database: its configuration, a {@link Store} opened on it, and more independent
 * pools on the same database on demand (to play several processes). Closed after the test.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseConfig config;
    private final Runnable dropper;
    private final List<Database> opened = new ArrayList<>();
    private Store store;

    TestDatabase(DatabaseConfig config, Runnable dropper) {
        this.config = config;
        this.dropper = dropper;
    }

    /** Where it is. */
    public DatabaseConfig config() {
        return config;
    }

    /** Which database this run is on. */
    public Dialect dialect() {
        return config.dialect();
    }

    /** The store of this test, opened (and migrated) on first use. */
    public synchronized Store store() {
        if (store == null) {
            store = new Store(open(config), Clock.systemUTC());
        }
        return store;
    }

    /** Another pool on the same database, as another process would have; closed after the test. */
    public synchronized Database open(DatabaseConfig configuration) {
        var database = Database.open(configuration);
        opened.add(database);
        return database;
    }

    @Override
    public synchronized void close() {
        opened.forEach(Database::close);
        opened.clear();
        dropper.run();
    }

    @Override
    public String toString() {
        return config.dialect().name().toLowerCase();
    }
}
