package dev.amanah.otp.task;

/**
 * The function {@link Task#asyncStream} runs on each input element, in its own task. It may
 * throw: an exception ends that task with a {@link dev.amanah.otp.ExitReason.Crash}.
 *
 * @param <I> the input element type
 * @param <O> the result type
 */
@FunctionalInterface
public interface TaskFunction<I, O> {
    /** Computes the result for {@code input}; runs in the element's task. */
    O apply(I input) throws Exception;
}
