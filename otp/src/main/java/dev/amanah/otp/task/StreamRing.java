package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The element tasks of a linked async stream that may still be alive, shared by the consumer,
 * which starts them and adds and removes their slots, and the stream's monitor, which reads it to
 * time tasks out, to find the slot of a task that ended without a result, and to kill them all.
 *
 * <p>Why shared memory and not messages: a linked stream's consumer starts each task itself and
 * the task hands its result straight back, so the monitor hears of nothing on that path (no
 * message, no wake-up per element); it only looks here when it wakes for a deadline or an exit.
 * Readers get a weakly consistent view: a slot added after a scan began may be missed, which is
 * harmless since its task's deadline is later than that scan's.
 */
final class StreamRing {
    private volatile AtomicReferenceArray<StreamSlot> slots;
    // Consumer only: the free indices.
    private int[] free;
    private int freeCount;

    StreamRing(int maxConcurrency) {
        int capacity = Math.min(maxConcurrency, 16);
        slots = new AtomicReferenceArray<>(capacity);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[freeCount++] = capacity - 1 - i;
        }
    }

    /** Consumer: adds a slot whose task is about to start. */
    void add(StreamSlot slot) {
        var array = slots;
        if (freeCount == 0) {
            array = grow(array);
        }
        int index = free[--freeCount];
        slot.ringIndex = index;
        array.setRelease(index, slot);
    }

    /** Consumer: removes a slot whose task is dead. */
    void remove(StreamSlot slot) {
        slots.setRelease(slot.ringIndex, null);
        free[freeCount++] = slot.ringIndex;
    }

    private AtomicReferenceArray<StreamSlot> grow(AtomicReferenceArray<StreamSlot> array) {
        int size = array.length();
        var bigger = new AtomicReferenceArray<StreamSlot>(size * 2);
        for (int i = 0; i < size; i++) {
            bigger.setPlain(i, array.getPlain(i));
        }
        free = new int[size * 2];
        for (int i = size * 2 - 1; i >= size; i--) {
            free[freeCount++] = i;
        }
        slots = bigger; // the volatile write publishes the copied entries
        return bigger;
    }

    /** Any thread: calls {@code action} on every slot present. */
    void forEach(Consumer<StreamSlot> action) {
        var array = slots;
        for (int i = 0; i < array.length(); i++) {
            var slot = array.getAcquire(i);
            if (slot != null) {
                action.accept(slot);
            }
        }
    }

    /** Any thread: the slot of the task {@code pid}, or null. */
    StreamSlot find(Pid pid) {
        var array = slots;
        for (int i = 0; i < array.length(); i++) {
            var slot = array.getAcquire(i);
            if (slot != null && slot.pid == pid) {
                return slot;
            }
        }
        return null;
    }
}
