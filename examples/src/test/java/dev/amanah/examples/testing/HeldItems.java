package dev.amanah.examples.testing;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Items that hold their worker until the test lets them go, to check a bound on how many run at
 * once without sleeping: an item's processing calls {@link #hold}, which tells the test it started
 * and waits for its {@link Go}; the test, running the batch in another process, calls
 * {@link #assertAtMostAtOnce}.
 */
public final class HeldItems {
    /** How long a held item waits for its go; past it the test has failed, and the item gives up. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(20);
    /** How long the test watches for an item that must not start (a correct bound never starts it). */
    private static final Duration NONE_MORE = Duration.ofMillis(100);

    private HeldItems() {
    }

    /** Sent to the test by a held item: {@code item} started, in process {@code pid}. */
    public record Started(Object item, Pid pid) {
    }

    /** Sent by the test to a held item: finish. */
    public record Go() {
    }

    /**
     * Called in an item's processing: tells {@code test} that {@code item} started and waits (20 s
     * at most) for its {@link Go}; returns {@code item}.
     *
     * @throws IllegalStateException if no go came
     */
    public static <T> T hold(Pid test, T item) {
        test.send(new Started(item, Processes.self()));
        if (Processes.receive(HOLD_LIMIT, m -> m instanceof Go go ? go : null) == null) {
            throw new IllegalStateException("held item " + item + " was never let go");
        }
        return item;
    }

    /**
     * Called by the test while held {@code items} are processed elsewhere: asserts that exactly
     * {@code bound} start at once (or all, if fewer), and that each item let go makes room for
     * exactly one more; lets every item go, the running one that comes first in {@code items}
     * first (an ordered stream frees a place only when the earliest element it has not emitted
     * is done).
     *
     * @return the items, in the order they started
     */
    public static List<Object> assertAtMostAtOnce(int bound, List<?> items) {
        var running = new ArrayList<Started>();
        var started = new ArrayList<>();
        while (running.size() < Math.min(bound, items.size())) {
            running.add(awaitStarted(running.size(), started));
        }
        while (!running.isEmpty()) {
            if (started.size() < items.size()) {
                refuteReceive(NONE_MORE, m -> m instanceof Started s ? s : null);
            }
            var first = running.stream().min(Comparator.comparingInt(s -> items.indexOf(s.item()))).orElseThrow();
            running.remove(first);
            first.pid().send(new Go());
            if (started.size() < items.size()) {
                running.add(awaitStarted(running.size(), started));
            }
        }
        return List.copyOf(started);
    }

    private static Started awaitStarted(int running, List<Object> started) {
        Started next;
        try {
            next = assertReceive(m -> m instanceof Started s ? s : null);
        } catch (AssertionError e) {
            throw new AssertionError("with " + running + " running and " + started.size()
                    + " started, no other started", e);
        }
        started.add(next.item());
        return next;
    }
}
