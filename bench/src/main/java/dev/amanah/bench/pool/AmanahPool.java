package dev.amanah.bench.pool;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.call.EchoServer;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.pool.PoolOptions;
import dev.amanah.otp.pool.WorkerPool;
import dev.amanah.otp.server.GenServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PoolScenario} on Amanah: a driver process starts a {@link WorkerPool} of {@link EchoServer}
 * workers, runs the callers, then borrows all 10 workers at once to add up what they served.
 */
final class AmanahPool implements Workload {
    private record Go() {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = PoolScenario.Size.of(scale);
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> elapsed.set(drive(size)))::run);
        done.await("pool on Amanah");
        return size.samples(elapsed.get());
    }

    private static long drive(PoolScenario.Size size) {
        var pool = WorkerPool.startLink(PoolOptions.of(PoolScenario.WORKERS, () -> GenServer.startLink(new EchoServer())))
                .orElseThrow();
        try {
            long elapsed = callers(pool, size);
            PoolScenario.checkServed(size.total(), served(pool));
            return elapsed;
        } catch (InterruptedException e) {
            throw new BenchmarkFailure("pool on Amanah: interrupted");
        } finally {
            WorkerPool.stop(pool);
        }
    }

    private static long callers(Pid pool, PoolScenario.Size size) throws InterruptedException {
        var ready = new Completion(size.callers());
        var done = new Completion(size.callers());
        var callers = new ArrayList<Pid>(size.callers());
        for (int c = 0; c < size.callers(); c++) {
            callers.add(Processes.spawn(done.guard(() -> {
                ready.done();
                BenchmarkFailure.check(Processes.receive() instanceof Go, () -> "pool: a caller expected go");
                for (int i = 0; i < size.transactions(); i++) {
                    int n = i;
                    PoolScenario.checkReply(n, WorkerPool.transaction(pool, PoolScenario.TIMEOUT,
                            worker -> GenServer.call(worker, new EchoServer.Echo(n), PoolScenario.TIMEOUT)));
                }
            })::run));
        }
        ready.await("pool on Amanah: callers starting");
        long start = System.nanoTime();
        for (var caller : callers) {
            Processes.send(caller, new Go());
        }
        done.await("pool on Amanah: transactions");
        return System.nanoTime() - start;
    }

    /** Borrows every worker (so each is counted once), adds up what each served, returns them. */
    private static long served(Pid pool) {
        var workers = new ArrayList<Pid>();
        for (int w = 0; w < PoolScenario.WORKERS; w++) {
            workers.add(WorkerPool.checkout(pool, PoolScenario.TIMEOUT));
        }
        long served = 0;
        for (var worker : workers) {
            long count = GenServer.call(worker, new EchoServer.Served(), PoolScenario.TIMEOUT);
            served += count;
            WorkerPool.checkin(pool, worker);
        }
        return served;
    }
}
