package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.amanah.otp.testing.InProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process table's stripes: what is listed is exactly what was added and not yet removed, and
 * what was removed is dropped in batches, so that the table does not keep ended processes.
 */
@InProcess.Tests
class ProcessTableTest {
    private static final int STRIPES = 64;

    /** Numbers of this test's own, not the node's: which ends are counted depends on them. */
    private long nextId = 1;

    private List<ProcessCell> cells(int count) {
        var cells = new ArrayList<ProcessCell>();
        for (int i = 0; i < count; i++) {
            cells.add(new ProcessCell(nextId++, false));
        }
        return cells;
    }

    private static List<ProcessCell> shuffled(List<ProcessCell> cells, long seed) {
        var shuffled = new ArrayList<>(cells);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }

    /** Removes every cell of {@code cells} from {@code table}, in order, but each {@code keepEvery}-th; returns those kept. */
    private static Set<ProcessCell> removeAllBut(ProcessTable table, List<ProcessCell> cells, int keepEvery) {
        var kept = new HashSet<ProcessCell>();
        for (int i = 0; i < cells.size(); i++) {
            if (i % keepEvery == 0) {
                kept.add(cells.get(i));
            } else {
                table.remove(cells.get(i));
            }
        }
        return kept;
    }

    @Test
    void listsWhatWasAddedAndNotRemovedWhateverTheOrder() {
        var table = new ProcessTable();
        var cells = cells(300); // several per stripe, so removals hit first, middle and last entries
        cells.forEach(table::add);
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(cells);
        assertThat(table.spawnedRunning()).isEqualTo(300);

        var kept = removeAllBut(table, cells, 3);
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(table.spawnedRunning()).isEqualTo(kept.size());
        kept.forEach(table::remove);
        assertThat(table.snapshot()).isEmpty();
        assertThat(table.spawnedRunning()).isZero();
    }

    @Test
    void growsAndShrinksAStripeWithoutLosingAnyone() {
        var table = new ProcessTable();
        var cells = cells(6_000); // ~94 per stripe: each stripe's array grows past its first size
        cells.forEach(table::add);
        // Down to a twentieth, removed from every place in each array: each array shrinks.
        var kept = removeAllBut(table, shuffled(cells, 42), 20);
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(kept);
        var more = cells(1_000);
        more.forEach(table::add);
        kept.addAll(more);
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(table.spawnedRunning()).isEqualTo(kept.size());
        kept.forEach(table::remove);
        assertThat(table.snapshot()).isEmpty();
    }

    @Test
    void endedProcessesAreDroppedInBatchesSoFewStayHeldOnceAllEnded() {
        var table = new ProcessTable();
        for (int burst = 0; burst < 5; burst++) {
            var cells = cells(6_000);
            cells.forEach(table::add);
            assertThat(table.held()).isEqualTo(6_000);
            cells.forEach(table::remove);
            assertThat(table.snapshot()).isEmpty();
            assertThat(table.spawnedRunning()).isZero();
            // Ended in the order they started, each stripe keeps only the uncounted ends after its
            // last counted one: at most COUNT_SAMPLE in a row.
            assertThat(table.held()).as("cells still held after burst %d", burst)
                    .isLessThanOrEqualTo(STRIPES * ProcessTable.COUNT_SAMPLE);
        }
    }

    @Test
    void oneEndInCountSampleIsCountedAndNeverMoreThanThatUncountedInARowWithinAStripe() {
        for (long first : new long[] {1, 1L << 40}) {
            int counted = 0;
            int ids = 1 << 22;
            int[] uncountedRun = new int[STRIPES];
            int longestRun = 0;
            for (long id = first; id < first + ids; id++) {
                int stripe = (int) (id & (STRIPES - 1));
                if (ProcessTable.counted(id)) {
                    counted++;
                    uncountedRun[stripe] = 0;
                } else {
                    longestRun = Math.max(longestRun, ++uncountedRun[stripe]);
                }
            }
            assertThat((double) counted / ids).as("share counted from %d", first)
                    .isCloseTo(1.0 / ProcessTable.COUNT_SAMPLE, offset(0.001));
            assertThat(longestRun).as("longest uncounted run from %d", first)
                    .isLessThanOrEqualTo(ProcessTable.COUNT_SAMPLE);
        }
    }

    @Test
    void aStripeHoldsAtMostAboutAsManyUnlistedCellsAsListedOnes() {
        var table = new ProcessTable();
        var cells = cells(6_000);
        cells.forEach(table::add);
        var kept = removeAllBut(table, shuffled(cells, 7), 4);
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(kept);
        int unlistedHeld = table.held() - kept.size();
        // A stripe is swept when its count of ends, a sample's estimate of its unlisted cells,
        // reaches half its entries (or MIN_DROP).
        assertThat(unlistedHeld).isLessThanOrEqualTo(table.held() / 2 + STRIPES * ProcessTable.MIN_DROP);
        assertThat(unlistedHeld).isLessThan(cells.size() - kept.size()); // some were dropped
    }

    @Test
    void concurrentAddsAndRemovesLeaveExactlyTheSurvivors() throws Exception {
        var table = new ProcessTable();
        int threads = 4;
        int perThread = 2_000;
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(threads);
        var survivors = new ArrayList<List<ProcessCell>>();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            var mine = cells(perThread);
            var kept = new ArrayList<ProcessCell>();
            survivors.add(kept);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < mine.size(); i++) {
                        table.add(mine.get(i));
                        if (i % 2 == 1) {
                            table.remove(mine.get(i - 1)); // keep the odd ones, drop the even ones
                            kept.add(mine.get(i));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        start.countDown();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("workers finished").isTrue();
        for (var worker : workers) {
            worker.join();
        }
        var expected = survivors.stream().flatMap(List::stream).toList();
        assertThat(table.snapshot()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(table.spawnedRunning()).isEqualTo(expected.size());
    }

    @Test
    void anEndedProcessIsUnlistedAndNoLongerCounted() {
        var before = Processes.runningThreads();
        var spawned = Processes.spawnMonitor(() -> Processes.receive());
        assertThat(Processes.list()).contains(spawned.pid());
        spawned.pid().send("go");
        ExitSignalsTest.awaitDown(spawned.ref());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Processes.runningThreads() > before) {
            assertThat(System.nanoTime()).as("the ended thread is still counted").isLessThan(deadline);
            Thread.yield();
        }
        assertThat(Processes.list()).doesNotContain(spawned.pid());
    }
}
