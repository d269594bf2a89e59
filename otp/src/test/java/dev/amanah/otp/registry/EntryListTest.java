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
                list.remove(entries.get(i - 1));
                order.remove(entries.get(i - 1));
                list.add(entries.get(i - 1));
                order.add(entries.get(i - 1));
            }
        }
        assertThat(list.view()).containsExactlyElementsOf(order);
        assertThat(list.owners()).containsExactlyElementsOf(ownersOf(list)).hasSize(100);
        for (int i = 0; i < 100; i++) {
            if (i % 3 != 0) {
                assertThat(list.remove(entries.get(i))).isTrue(); // two thirds gone: compacted on the way
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

        assertThat(list.remove(entries.get(1))).as("removed already").isFalse();
        assertThat(list.remove(entry(self, 7))).as("never added").isFalse();
        for (int i = 0; i < 100; i += 3) {
            assertThat(list.remove(entries.get(i))).isTrue();
        }
        assertThat(list.remove(late)).isTrue();
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
                            list.remove(gone);
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
}
