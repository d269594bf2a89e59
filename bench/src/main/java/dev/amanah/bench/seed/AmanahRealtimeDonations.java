package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RealtimeDonations} on Amanah: a {@code GenServer}, a {@code TaskSupervisor}, {@code Task.async} × 4. */
final class AmanahRealtimeDonations implements Workload {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private record Go() {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int callers = RealtimeDonations.callers(scale);
        var processed = new AtomicLong();
        var rejected = new AtomicLong();
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        var peak = new PeakHeap();
        Processes.spawn(done.guard(() -> {
            var tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
            var processor = GenServer.start(new RealtimeProcessor(tasks)).orElseThrow();
            try {
                elapsed.set(Uninterrupted.run("seed_realtime", () -> callAll(processor, callers, processed, rejected)));
            } finally {
                GenServer.stop(processor);
                tasks.stop();
            }
        })::run);
        done.await("seed_realtime on Amanah");
        long peakBytes = peak.stop();
        RealtimeDonations.check(callers, processed.get(), rejected.get());
        return RealtimeDonations.metrics(callers).samples(callers, elapsed.get(), peakBytes);
    }

    /** Starts the callers, lets them go at once; returns the nanoseconds until all have their answer. */
    private static long callAll(Pid processor, int callers, AtomicLong processed, AtomicLong rejected)
            throws InterruptedException {
        var ready = new Completion(callers);
        var answered = new Completion(callers);
        var pids = new ArrayList<Pid>(callers);
        for (int i = 0; i < callers; i++) {
            long amount = RealtimeDonations.amount(i);
            pids.add(Processes.spawn(answered.guard(() -> {
                ready.done();
                BenchmarkFailure.check(Processes.receive() instanceof Go, () -> "seed_realtime: a caller expected go");
                RealtimeProcessor.Outcome outcome = GenServer.call(processor, new RealtimeProcessor.ProcessDonation(amount), TIMEOUT);
                if (outcome.processed()) {
                    processed.addAndGet(outcome.amount());
                } else {
                    rejected.incrementAndGet();
                }
            })::run));
        }
        ready.await("seed_realtime on Amanah: callers starting");
        long start = System.nanoTime();
        for (var pid : pids) {
            Processes.send(pid, new Go());
        }
        answered.await("seed_realtime on Amanah: callers");
        return System.nanoTime() - start;
    }
}
