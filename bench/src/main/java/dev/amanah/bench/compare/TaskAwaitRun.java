package dev.amanah.bench.compare;

import dev.amanah.otp.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code task_await}: one process starts {@code size} trivial tasks with {@code Task.async}, then {@code Task.awaitMany}. */
public final class TaskAwaitRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        Alignment.shuffle();
        return Timed.inProcess(() -> {
            long start = System.nanoTime();
            var tasks = new ArrayList<Task<Integer>>(size);
            for (int i = 0; i < size; i++) {
                int index = i;
                tasks.add(Task.async(() -> index));
            }
            List<Integer> results = Task.awaitMany(tasks, Duration.ofMinutes(1));
            long nanos = System.nanoTime() - start;
            Check.indices("task_await", results, size);
            return nanos;
        });
    }
}
