package dev.amanah.examples.patterns;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.patterns.WorkerPool.Processed;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class WorkerPoolTest {
    private static final Duration SLOW = Duration.ofMillis(300);

    private static List<Integer> items(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void resultsComeInItemOrderAndTheWorkersAreStoppedAfterwards() {
        var leaks = Leaks.baseline();
        var results = WorkerPool.processWithPool(items(12));
        assertThat(results).isEqualTo(items(12).stream().map(i -> Result.ok(new Processed<>(i))).toList());
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void itemsAreDealtRoundRobin() {
        Map<Integer, Pid> workerOf = new ConcurrentHashMap<>();
        WorkerPool.processWithPool(items(10), 5, item -> workerOf.put(item, Processes.self()), Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            assertThat(workerOf.get(i + 5)).isEqualTo(workerOf.get(i));
            assertThat(workerOf.get(i + 1 == 5 ? 0 : i + 1)).isNotEqualTo(workerOf.get(i));
        }
    }

    @Test
    void seedFlawASlowItemStallsTheItemsBehindItOnItsWorkerWhileOthersIdle() {
        Map<Integer, Long> doneAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        WorkerPool.processWithPool(items(10), 5, item -> {
            if (item == 0) {
                Processes.sleep(SLOW);
            }
            return doneAt.put(item, System.nanoTime() - start);
        }, Duration.ofSeconds(5));
        // Item 5 takes no time, but was dealt to item 0's worker: it waits for it.
        assertThat(Duration.ofNanos(doneAt.get(5))).isGreaterThanOrEqualTo(SLOW);
    }

    @Test
    void pastTheDeadlineMissingItemsAreTimeoutsTheWorkersAreKilledAndNothingIsLeftBehind() {
        var leaks = Leaks.baseline();
        var results = WorkerPool.processWithPool(items(3), 3, item -> {
            if (item == 1) {
                Processes.sleep(Processes.INFINITY);
            }
            return item;
        }, Duration.ofMillis(200));
        assertThat(results).containsExactly(Result.ok(0), Result.error(ExitReason.TIMEOUT), Result.ok(2));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void withTheLibraryPoolASlowItemDelaysOnlyItself() {
        var leaks = Leaks.baseline();
        Map<Integer, Long> doneAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        var results = PooledProcessor.processWithPool(items(10), 5, item -> {
            if (item == 0) {
                Processes.sleep(SLOW);
            }
            doneAt.put(item, System.nanoTime() - start);
            return item * 10;
        }, Duration.ofSeconds(5));
        assertThat(results).isEqualTo(items(10).stream().map(i -> i * 10).toList());
        // Every other item was done by a free worker long before the slow one finished.
        assertThat(doneAt.entrySet()).filteredOn(e -> e.getKey() != 0)
                .allSatisfy(e -> assertThat(e.getValue()).isLessThan(doneAt.get(0)));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void withTheLibraryPoolAtMostPoolSizeItemsRunAtOnce() {
        var now = new java.util.concurrent.atomic.AtomicInteger();
        var max = new java.util.concurrent.atomic.AtomicInteger();
        PooledProcessor.processWithPool(items(20), 3, item -> {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            Processes.sleep(Duration.ofMillis(5));
            now.decrementAndGet();
            return item;
        }, Duration.ofSeconds(5));
        assertThat(max.get()).isBetween(1, 3);
    }
}
