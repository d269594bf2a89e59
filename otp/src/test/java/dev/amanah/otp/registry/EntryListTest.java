package dev.amanah.otp.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The storage of a duplicate key's entries: registration order, O(1) removal, compaction, and
 * what a walk that races with writers may and may not see.
 */
@InProcess.Tests
class EntryListTest {

    /** An entry of the test's process; the registry's owners are processes, the list does not care which. */
    private static Entry<String, Integer> entry(Pid owner, int value) {
        return new Entry<>(owner, "key", value);
    }

    /** Removes as {@link Table} does: without a lock, then settling when asked (the caller serializes writers). */
    private static boolean remove(EntryList<String, Integer> list, Entry<String, Integer> entry) {
        var removal = list.remove(entry);
        if (removal == EntryList.Removal.SETTLE) {
            list.settle(entry);
        }
        return removal != EntryList.Removal.NOT_LISTED;
    }

    private static List<Integer> walk(EntryList<String, Integer> list) {
        var values = new ArrayList<Integer>();
        for (var entry : list.view()) {
            values.add(entry.value());
        }
        return values;
    }

    /** The owners a walk of {@code list}'s entries finds, in order: what {@code owners()} must give. */
    private static List<Pid> ownersOf(EntryList<String, Integer> list) {
        var pids = new ArrayList<Pid>();
        for (var entry : list.view()) {
            pids.add(entry.pid());
        }
        return pids;
    }

    @Test
    void entriesAreWalkedInRegistrationOrderThroughRemovalsAndCompactions() {
        var self = Processes.self();
        // A few distinct owners (ended at once; the list does not care), so that order shows.
        var owners = new ArrayList<Pid>();
        for (int i = 0; i < 7; i++) {
            owners.add(Processes.spawn(() -> { }));
        }
        var list = new EntryList<String, Integer>();
        var entries = new ArrayList<Entry<String, Integer>>();
        var order = new ArrayList<Entry<String, Integer>>(); // registration order
        for (int i = 0; i < 100; i++) {
            entries.add(entry(owners.get(i % owners.size()), i));
            list.add(entries.get(i));
            order.add(entries.get(i));
            if (i % 10 == 5) {
                // A removal between two growths: the next growth must compact, not overwrite.
                remove(list, entries.get(i - 1));
                order.remove(entries.get(i - 1));
                list.add(entries.get(i - 1));
                order.add(entries.get(i - 1));
            }
        }
        assertThat(list.view()).containsExactlyElementsOf(order);
        assertThat(list.owners()).containsExactlyElementsOf(ownersOf(list)).hasSize(100);
        for (int i = 0; i < 100; i++) {
            if (i % 3 != 0) {
                assertThat(remove(list, entries.get(i))).isTrue(); // two thirds gone: compacted on the way
            }
        }
        var expected = new ArrayList<Integer>();
        order.stream().filter(entry -> entry.value() % 3 == 0).forEach(entry -> expected.add(entry.value()));
        assertThat(walk(list)).containsExactlyElementsOf(expected);
        assertThat(list.view()).hasSize(expected.size());
        assertThat(list.owners()).containsExactlyElementsOf(ownersOf(list));
        var late = entry(self, 100);
        list.add(late);
        expected.add(100);
        assertThat(walk(list)).containsExactlyElementsOf(expected);

        assertThat(remove(list, entries.get(1))).as("removed already").isFalse();
        assertThat(remove(list, entry(self, 7))).as("never added").isFalse();
        for (int i = 0; i < 100; i += 3) {
            assertThat(remove(list, entries.get(i))).isTrue();
        }
        assertThat(remove(list, late)).isTrue();
        assertThat(list.isEmpty()).isTrue();
        assertThat(walk(list)).isEmpty();
    }

    @Test
    void aWalkSeesEveryEntryThatStaysAndNoneRemovedBeforeItBegan() throws Exception {
        var self = Processes.self();
        var list = new EntryList<String, Integer>();
        var stable = new ArrayList<Integer>();
        for (int i = 0; i < 50; i++) {
            list.add(entry(self, i));
            stable.add(i);
        }
        int churn = 20_000;
        var lastRemoved = new int[] {-1};
        var failure = new AtomicReference<String>();
        // One writer (the registry serializes writers per key), adding and removing entries of its
        // own, in bursts that make the array grow and compact under the reader's feet.
        var writer = Thread.ofPlatform().start(() -> {
            var burst = new ArrayList<Entry<String, Integer>>();
            for (int i = 0; i < churn; i++) {
                burst.add(entry(self, 1_000 + i));
                synchronized (list) {
                    list.add(burst.getLast());
                }
                if (burst.size() == 64) {
                    for (var gone : burst) {
                        synchronized (list) {
                            remove(list, gone);
                        }
                        synchronized (lastRemoved) {
                            lastRemoved[0] = gone.value();
                        }
                    }
                    burst.clear();
                }
            }
        });
        while (writer.isAlive() && failure.get() == null) {
            int removedBefore;
            synchronized (lastRemoved) {
                removedBefore = lastRemoved[0];
            }
            var seen = walk(list);
            var stableSeen = seen.stream().filter(value -> value < 1_000).toList();
            if (!stableSeen.equals(stable)) {
                failure.set("a walk saw the untouched entries as " + stableSeen);
            }
            seen.stream().filter(value -> value >= 1_000 && value <= removedBefore).findFirst()
                    .ifPresent(value -> failure.set("a walk saw entry " + value + ", removed before it began"));
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(walk(list)).startsWith(stable.toArray(Integer[]::new));
    }

    /**
     * Removers without a lock, one entry each at a time, racing with each other and with the
     * compactions that the adds (serialized by a lock, as the key's bin lock does) and the
     * removals' settling make: once a removal has returned (and settled, when asked), no walk of
     * the entries or of the owners shows the entry; the entries that stay are seen by every walk,
     * in order; the live count ends exact.
     */
    @Test
    void lockFreeRemovalsRacingWithCompactionsLeaveNoEntryBehind() throws Exception {
        var list = new EntryList<String, Integer>();
        var stable = new ArrayList<Integer>();
        var stayer = Processes.spawn(() -> { });
        for (int i = 0; i < 10; i++) {
            list.add(new Entry<>(stayer, "key", i));
            stable.add(i);
        }
        var failure = new AtomicReference<String>();
        var removers = new ArrayList<Thread>();
        for (int t = 0; t < 3; t++) {
            var owner = Processes.spawn(() -> { });
            int base = 1_000_000 * (t + 1);
            removers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000 && failure.get() == null; i++) {
                    // A few at a time, so that the array fills, grows and compacts.
                    var mine = new ArrayList<Entry<String, Integer>>();
                    for (int k = 0; k <= i % 5; k++) {
                        mine.add(new Entry<>(owner, "key", base + i * 10 + k));
                        synchronized (list) {
                            list.add(mine.getLast());
                        }
                    }
                    for (var gone : mine) {
                        var removal = list.remove(gone);
                        if (removal == EntryList.Removal.SETTLE) {
                            synchronized (list) {
                                list.settle(gone);
                            }
                        } else if (removal != EntryList.Removal.DONE) {
                            failure.set("a listed entry was not removed: " + removal);
                        }
                    }
                    var values = walk(list);
                    var owners = new ArrayList<Pid>();
                    list.owners().forEach(owners::add);
                    if (mine.stream().anyMatch(gone -> values.contains(gone.value())) || owners.contains(owner)) {
                        failure.set("a walk after their removal saw " + values + " / " + owners);
                    } else if (!values.stream().filter(value -> value < 1_000).toList().equals(stable)) {
                        failure.set("a walk saw the stable entries as " + values);
                    }
                }
            }));
        }
        for (var remover : removers) {
            remover.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(walk(list)).containsExactlyElementsOf(stable);
        assertThat(list.view()).hasSize(stable.size());
        assertThat(list.owners()).containsOnly(stayer).hasSize(stable.size());
    }
}
