package dev.amanah.bench.compare;

import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import java.util.stream.IntStream;

/** {@code async_stream}: {@code size} trivial items through an ordered {@code Task.asyncStream}, as many at once as processors. */
public final class AsyncStreamRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        var options = StreamOptions.DEFAULT
                .withMaxConcurrency(Runtime.getRuntime().availableProcessors())
                .withOrdered(true);
        Alignment.shuffle();
        return Timed.inProcess(() -> {
            long start = System.nanoTime();
            var order = new Check.InOrder("async_stream");
            try (var results = Task.<Integer, Integer>asyncStream(IntStream.range(0, size).boxed(), n -> n, options)) {
                results.forEach(result -> {
                    if (!(result instanceof TaskResult.Ok<Integer>(Integer value))) {
                        throw new IllegalStateException("async_stream: a task gave " + result);
                    }
                    order.accept(value);
                });
            }
            long nanos = System.nanoTime() - start;
            order.expect(size);
            return nanos;
        });
    }
}
