package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process table ({@link ProcessTable}): a process is listed from its start until its thread is
 * done, and a segment is dropped once every id in it has been released, so that a burst of
 * short-lived processes leaves nothing behind. Cells here are bare (no thread), in a table of
 * their own.
 */
@InProcess.Tests
class ProcessTableTest {
    private static final int SEGMENT = ProcessTable.SEGMENT_SIZE;

    private static List<ProcessCell> cells(long firstId, int count) {
        var cells = new ArrayList<ProcessCell>(count);
        for (int i = 0; i < count; i++) {
            cells.add(new ProcessCell(firstId + i, false));
        }
        return cells;
    }

    @Test
    void aCellIsListedFromItsAddUntilItsRemoval() {
        var table = new ProcessTable(1);
        var cells = cells(1, 3);
        var segments = cells.stream().map(table::add).toList();
        assertThat(table.cells()).containsExactlyInAnyOrderElementsOf(cells);
        table.remove(cells.get(1), segments.get(1));
        assertThat(table.cells()).containsExactlyInAnyOrder(cells.get(0), cells.get(2));
        table.remove(cells.get(0));
        table.remove(cells.get(2), segments.get(2));
        assertThat(table.cells()).isEmpty();
    }

    @Test
    void aSegmentIsDroppedWhenAllItsIdsAreReleasedAndNotBefore() {
        var table = new ProcessTable(1);
        // Ids 1 .. 2 segments + 10: the first two segments full, the third barely started.
        var cells = cells(1, 2 * SEGMENT + 10);
        cells.forEach(table::add);
        assertThat(table.segmentCount()).isEqualTo(3);
        var survivor = cells.get(SEGMENT + 5); // in the second segment
        for (var cell : cells) {
            if (cell != survivor) {
                table.remove(cell);
            }
        }
        // The first segment is released entirely (id 0 counted as released up front); the second
        // is held by the survivor; the third still has ids to hand out.
        assertThat(table.segmentCount()).isEqualTo(2);
        assertThat(table.cells()).containsExactly(survivor);
        table.remove(survivor);
        assertThat(table.segmentCount()).isEqualTo(1);
        assertThat(table.cells()).isEmpty();
    }

    @Test
    void aDiscardedIdReleasesItsSegmentLikeARemovedOne() {
        var table = new ProcessTable(SEGMENT); // ids start on a segment boundary: none pre-released
        var cells = cells(SEGMENT, SEGMENT);
        for (int i = 0; i < SEGMENT - 1; i++) {
            table.remove(cells.get(i), table.add(cells.get(i)));
        }
        assertThat(table.segmentCount()).isEqualTo(1);
        table.discard(cells.get(SEGMENT - 1).pid.id()); // given out, never started
        assertThat(table.segmentCount()).isZero();
    }

    @Test
    void concurrentAddsAndRemovesLeaveNothingBehind() throws Exception {
        var table = new ProcessTable(1);
        int threads = 4;
        int perThread = 3 * SEGMENT;
        var done = new CountDownLatch(threads);
        var failures = new ArrayList<Throwable>();
        var ids = new java.util.concurrent.atomic.AtomicLong();
        for (int t = 0; t < threads; t++) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        var cell = new ProcessCell(ids.incrementAndGet(), false);
                        var segment = table.add(cell);
                        if ((i & 7) == 0) {
                            Thread.yield(); // interleave with the other threads
                        }
                        table.remove(cell, segment);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(table.cells()).isEmpty();
        // Ids 1 .. 12 segments were all used: only the segment of the next id may remain.
        assertThat(table.segmentCount()).isLessThanOrEqualTo(1);
    }

    @Test
    void theNodeListsASpawnedProcessUntilItEndsAndCountsItsThread() throws Exception {
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        long before = Processes.runningThreads();
        var pid = Processes.spawn(() -> {
            started.countDown();
            release.await();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Processes.list()).contains(pid);
        assertThat(Processes.runningThreads()).isGreaterThanOrEqualTo(before + 1);
        var ref = Processes.monitor(pid);
        release.countDown();
        Processes.receive(m -> m instanceof Down down && down.ref() == ref ? down : null);
        assertThat(Processes.list()).doesNotContain(pid);
    }
}
