package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Idempotency keys: atomic claim, replay, mismatch, recovery listing; on both databases. */
class IdempotencyStoreTest {

    @BothDatabases
    void a_new_key_is_claimed_and_then_seen_in_flight(TestDatabase db) {
        var keys = db.store().idempotency();
        assertThat(keys.claim("k", "fp-1")).isEqualTo(new ClaimResult.Claimed("k"));
        assertThat(keys.claim("k", "fp-1")).isEqualTo(new ClaimResult.InFlight("k"));
    }

    @BothDatabases
    void a_completed_key_replays_its_response(TestDatabase db) {
        var keys = db.store().idempotency();
        keys.claim("k", "fp-1");
        keys.complete("k", 201, "{\"id\":\"d-1\"}");
        assertThat(keys.claim("k", "fp-1")).isEqualTo(new ClaimResult.Completed("k", 201, "{\"id\":\"d-1\"}"));
        assertThat(keys.inFlight()).isEmpty();
    }

    @BothDatabases
    void the_same_key_with_another_fingerprint_is_a_mismatch_in_flight_or_completed(TestDatabase db) {
        var keys = db.store().idempotency();
        keys.claim("k", "fp-1");
        assertThat(keys.claim("k", "fp-2")).isEqualTo(new ClaimResult.Mismatch("k"));
        keys.complete("k", 201, "body");
        assertThat(keys.claim("k", "fp-2")).isEqualTo(new ClaimResult.Mismatch("k"));
    }

    @BothDatabases
    void completing_again_with_the_same_response_is_a_no_op_and_with_another_is_refused(TestDatabase db) {
        var keys = db.store().idempotency();
        keys.claim("k", "fp");
        keys.complete("k", 201, "body");
        keys.complete("k", 201, "body");
        assertThatThrownBy(() -> keys.complete("k", 500, "other"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION));
        assertThat(keys.claim("k", "fp")).isEqualTo(new ClaimResult.Completed("k", 201, "body"));
    }

    @BothDatabases
    void completing_a_key_never_claimed_is_not_found(TestDatabase db) {
        assertThatThrownBy(() -> db.store().idempotency().complete("nope", 200, "x"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    @BothDatabases
    void in_flight_lists_unanswered_keys_oldest_first_and_release_frees_one(TestDatabase db) {
        var keys = db.store().idempotency();
        keys.claim("a", "fa");
        keys.claim("b", "fb");
        keys.claim("c", "fc");
        keys.complete("b", 200, "ok");
        assertThat(keys.inFlight()).extracting(InFlightKey::key).containsExactly("a", "c");
        assertThat(keys.inFlight()).extracting(InFlightKey::fingerprint).containsExactly("fa", "fc");
        assertThat(keys.release("a")).isTrue();
        assertThat(keys.release("b")).isFalse();
        assertThat(keys.claim("a", "other")).isEqualTo(new ClaimResult.Claimed("a"));
    }

    /**
     * Many claimants at once, spread over several independent pools (as several processes would
     * be): for every key exactly one gets Claimed, all others InFlight.
     */
    @BothDatabases
    void concurrent_claims_of_one_key_give_exactly_one_claimed(TestDatabase db) throws Exception {
        db.store();
        int pools = 4;
        int claimantsPerPool = 8;
        int rounds = 10;
        var databases = new ArrayList<Database>();
        for (int p = 0; p < pools; p++) {
            databases.add(db.open(db.config().withPoolSize(db.dialect() == Dialect.SQLITE ? 2 : 4).withMaxAttempts(50)));
        }
        var stores = databases.stream().map(d -> new IdempotencyStore(d, java.time.Clock.systemUTC())).toList();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                var key = "key-" + round;
                var start = new CountDownLatch(1);
                var results = new ArrayList<Future<ClaimResult>>();
                for (var store : stores) {
                    for (int i = 0; i < claimantsPerPool; i++) {
                        results.add(executor.submit(() -> {
                            start.await();
                            return store.claim(key, "fp");
                        }));
                    }
                }
                start.countDown();
                var outcomes = new ArrayList<ClaimResult>();
                for (var result : results) {
                    outcomes.add(result.get(60, TimeUnit.SECONDS));
                }
                assertThat(outcomes).filteredOn(ClaimResult.Claimed.class::isInstance).hasSize(1);
                assertThat(outcomes).filteredOn(ClaimResult.InFlight.class::isInstance).hasSize(pools * claimantsPerPool - 1);
            }
        }
        assertThat(db.store().idempotency().inFlight()).hasSize(rounds);
    }

    @BothDatabases
    void a_claim_inside_a_rolled_back_transaction_leaves_the_key_free(TestDatabase db) {
        var store = db.store();
        assertThatThrownBy(() -> store.database().useTransaction(c -> {
            assertThat(store.idempotency().claim("k", "fp")).isInstanceOf(ClaimResult.Claimed.class);
            throw new IllegalStateException("validation crashed");
        })).hasMessage("validation crashed");
        assertThat(store.idempotency().claim("k", "fp")).isEqualTo(new ClaimResult.Claimed("k"));
        assertThat(List.copyOf(store.idempotency().inFlight())).hasSize(1);
    }

    /**
     * The same across real processes: three JVMs, each with its own pool and eight threads,
     * claim the same keys at once; for every key exactly one claim in all of them wins. On SQLite
     * the file is new, so the three also migrate it at the same time.
     */
    @BothDatabases
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void concurrent_claims_from_separate_processes_give_exactly_one_claimed(TestDatabase db) throws Exception {
        var java = ProcessHandle.current().info().command().orElseThrow();
        var keys = List.of("p-0", "p-1", "p-2", "p-3", "p-4");
        var command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), ClaimProcess.class.getName(),
                db.config().jdbcUrl(), db.config().user(), db.config().password(), "8"));
        command.addAll(keys);
        var processes = new ArrayList<Process>();
        try {
            for (int i = 0; i < 3; i++) {
                processes.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            var outputs = new ArrayList<BufferedReader>();
            for (var process : processes) {
                var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("ready");
                outputs.add(out);
            }
            for (var process : processes) {
                process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            }
            var claimed = new HashMap<String, Integer>();
            var answered = new HashMap<String, Integer>();
            for (var out : outputs) {
                for (int k = 0; k < keys.size(); k++) {
                    var fields = out.readLine().split(" ");
                    claimed.merge(fields[0], Integer.parseInt(fields[1]), Integer::sum);
                    answered.merge(fields[0], Integer.parseInt(fields[1]) + Integer.parseInt(fields[2]), Integer::sum);
                }
            }
            for (var process : processes) {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isZero();
            }
            for (var key : keys) {
                assertThat(claimed.get(key)).as(key).isEqualTo(1);
                assertThat(answered.get(key)).as(key).isEqualTo(24);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertThat(db.store().idempotency().inFlight()).extracting(InFlightKey::key).containsExactlyInAnyOrderElementsOf(keys);
    }
}
