package dev.amanah.bench.taskawait;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@link TaskAwait} on Amanah: {@code Task.async} per task, then {@code Task.awaitMany}, in one process. */
final class AmanahTaskAwait implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int count = scale.count(TaskAwait.TASKS);
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> {
            long start = System.nanoTime();
            var tasks = new ArrayList<Task<Integer>>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                tasks.add(Task.async(() -> index));
            }
            List<Integer> results = Task.awaitMany(tasks, TaskAwait.TIMEOUT);
            elapsed.set(System.nanoTime() - start);
            TaskAwait.checkResults(count, results);
        })::run);
        done.await("task_await on Amanah");
        return TaskAwait.samples(count, elapsed.get());
    }
}
