/**
 * Persistence of the donation service: an embedded SQLite file by default, PostgreSQL by JDBC
 * URL, one schema (Flyway migrations) for both.
 *
 * <p>Start at {@link dev.amanah.donations.store.Store}: it opens the {@link
 * dev.amanah.donations.store.Database} (pool, migrations, transactions with retries) and holds one
 * repository per kind of row: idempotency keys, campaigns, donations with their recoverable
 * phase, the append-only ledger, refunds and distribution payouts. Money is stored as minor units
 * (BIGINT) beside its ISO 4217 code, instants in UTC. Failures are {@link
 * dev.amanah.donations.store.StoreException}s with a stable code, thrown after rollback.
 *
 * <p><b>Why plain JDBC.</b> The layer has about fifty statements, each chosen for its locking and
 * atomicity ({@code INSERT ... ON CONFLICT DO NOTHING}, {@code RETURNING}, {@code FOR UPDATE}
 * only on PostgreSQL, {@code BEGIN IMMEDIATE} only on SQLite). JDBI or jOOQ would add a dependency
 * and a second model of transactions around exactly the part that must stay explicit here: where a
 * transaction begins, when it is retried, and which calls join it. A small helper ({@code Sql})
 * binds parameters and maps the two column types that differ between the databases.
 */
package dev.amanah.donations.store;
