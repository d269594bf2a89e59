package dev.amanah.examples.patterns;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.patterns.WorkerPool.Processed;
import dev.amanah.examples.testing.HeldItems;
import dev.amanah.examples.testing.Latches;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class WorkerPoolTest {
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
        // Item 0 runs until every item dealt to the other workers is done; item 5, dealt to its
        // worker, has not run by then, though it takes no time.
        var othersDone = new CountDownLatch(8);
        var done = ConcurrentHashMap.<Integer>newKeySet();
        var othersDoneWhileZeroRan = new AtomicBoolean();
        var fiveDoneWhileZeroRan = new AtomicBoolean();
        var results = WorkerPool.processWithPool(items(10), 5, item -> {
            if (item == 0) {
                othersDoneWhileZeroRan.set(Latches.opens(othersDone));
                fiveDoneWhileZeroRan.set(done.contains(5));
            }
            done.add(item);
            if (item % 5 != 0) {
                othersDone.countDown();
            }
            return item;
        }, Duration.ofSeconds(10));
        assertThat(results).isEqualTo(items(10).stream().map(Result::ok).toList());
        assertThat(othersDoneWhileZeroRan).as("items 1-4 and 6-9 done while item 0 ran").isTrue();
        assertThat(fiveDoneWhileZeroRan).as("item 5 done while item 0 ran").isFalse();
    }

    @Test
    void pastTheDeadlineMissingItemsAreTimeoutsTheWorkersAreKilledAndNothingIsLeftBehind() {
        var leaks = Leaks.baseline();
        var results = WorkerPool.processWithPool(items(3), 3, item -> {
            if (item == 1) {
                Processes.sleep(Processes.INFINITY);
            }
            return item;
        }, Duration.ofSeconds(2));
        assertThat(results).containsExactly(Result.ok(0), Result.error(ExitReason.TIMEOUT), Result.ok(2));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void withTheLibraryPoolASlowItemDelaysOnlyItself() {
        var leaks = Leaks.baseline();
        // Item 0 runs until every other item is done: free workers take them all meanwhile.
        var othersDone = new CountDownLatch(9);
        var othersDoneWhileZeroRan = new AtomicBoolean();
        var results = PooledProcessor.processWithPool(items(10), 5, item -> {
            if (item == 0) {
                othersDoneWhileZeroRan.set(Latches.opens(othersDone));
            } else {
                othersDone.countDown();
            }
            return item * 10;
        }, Duration.ofSeconds(10));
        assertThat(results).isEqualTo(items(10).stream().map(i -> i * 10).toList());
        assertThat(othersDoneWhileZeroRan).as("items 1-9 done while item 0 ran").isTrue();
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void withTheLibraryPoolExactlyPoolSizeItemsRunAtOnceAndEachItemDoneLetsOneMoreStart() {
        var leaks = Leaks.baseline();
        var test = Processes.self();
        var batch = Task.async(() -> PooledProcessor.processWithPool(items(7), 3,
                item -> HeldItems.hold(test, item), Duration.ofSeconds(30)));
        assertThat(HeldItems.assertAtMostAtOnce(3, items(7)))
                .containsExactlyInAnyOrderElementsOf(items(7));
        assertThat(batch.await(Duration.ofSeconds(5))).isEqualTo(items(7));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }
}
