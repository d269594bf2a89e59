package dev.amanah.otp.task;

import dev.amanah.otp.Pid;

/**
 * One element of an async stream on its way through: its input, the value its task computed,
 * and the outcome the stream's monitor process decided once the task was dead.
 */
final class StreamSlot {
    /** The value of a task that has not returned. */
    static final Object NONE = new Object();

    final Object input;
    /** Written by the element's task, last thing before it ends. */
    volatile Object value = NONE;
    /** Written by the monitor once the task is dead, before it hands the slot to the consumer. */
    volatile TaskResult<?> outcome;
    // Monitor process only.
    Pid pid;
    long deadline;
    boolean timedOut;

    StreamSlot(Object input) {
        this.input = input;
    }
}
