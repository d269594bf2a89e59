package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

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
}
