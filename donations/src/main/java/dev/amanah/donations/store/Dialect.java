package dev.amanah.donations.store;

/**
 * The two databases the store runs on. The schema and the SQL are shared; the few differences
 * (how a transaction takes its write lock, row locks, column types of timestamps and identities)
 * are decided here and in the Flyway placeholders of {@link Database}.
 */
public enum Dialect {
    /** An embedded SQLite file in WAL mode: the default, nothing to install. */
    SQLITE,
    /** A PostgreSQL server reached by JDBC URL. */
    POSTGRESQL;

    /** The Flyway vendor folder holding this database's own migrations (triggers). */
    String vendorFolder() {
        return this == SQLITE ? "sqlite" : "postgresql";
    }

    /**
     * The clause that locks the rows a SELECT reads until commit. SQLite needs none: a transaction
     * started with {@code BEGIN IMMEDIATE} already holds the database's single write lock.
     */
    String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }
}
