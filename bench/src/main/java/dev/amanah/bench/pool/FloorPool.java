package dev.amanah.bench.pool;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PoolScenario} on the floor: worker virtual threads with mailboxes, lent out through a
 * fair {@link ArrayBlockingQueue} of the idle ones: {@code take} to borrow (waiting in line when
 * none is idle), {@code put} to return. No monitor of the borrower, no timeout, no replacement of
 * a dead worker: what a pool costs at least.
 */
final class FloorPool implements Workload {
    private record Work(int n, FloorMailbox replyTo) {
    }

    private record Stop() {
    }

    private record Go() {
    }

    private final FloorMailbox.Kind kind;

    FloorPool(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = PoolScenario.Size.of(scale);
        var served = new AtomicLong();
        var workersEnded = new Completion(PoolScenario.WORKERS);
        BlockingQueue<FloorMailbox> idle = new ArrayBlockingQueue<>(PoolScenario.WORKERS, true);
        var workers = new ArrayList<FloorMailbox>();
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < PoolScenario.WORKERS; w++) {
            var mailbox = kind.create();
            workers.add(mailbox);
            idle.add(mailbox);
            threads.add(FloorThreads.start(workersEnded.guard(() -> serve(mailbox, served))));
        }
        long elapsed = callers(idle, size, threads);
        for (var worker : workers) {
            worker.send(new Stop());
        }
        workersEnded.await("pool on floor " + kind + ": workers");
        for (var thread : threads) {
            thread.join();
        }
        PoolScenario.checkServed(size.total(), served.get());
        return size.samples(elapsed);
    }

    private static void serve(FloorMailbox mailbox, AtomicLong served) {
        long count = 0;
        for (;;) {
            switch (mailbox.take()) {
                case Work work -> {
                    work.replyTo().send(work.n());
                    count++;
                }
                case Stop stop -> {
                    served.addAndGet(count);
                    return;
                }
                case Object other -> throw new BenchmarkFailure("pool: a floor worker got " + other);
            }
        }
    }

    private long callers(BlockingQueue<FloorMailbox> idle, PoolScenario.Size size, List<Thread> threads)
            throws InterruptedException {
        var ready = new Completion(size.callers());
        var done = new Completion(size.callers());
        var mailboxes = new ArrayList<FloorMailbox>(size.callers());
        for (int c = 0; c < size.callers(); c++) {
            var self = kind.create();
            mailboxes.add(self);
            threads.add(FloorThreads.start(done.guard(() -> {
                ready.done();
                BenchmarkFailure.check(self.take() instanceof Go, () -> "pool: a caller expected go");
                for (int i = 0; i < size.transactions(); i++) {
                    PoolScenario.checkReply(i, transaction(idle, self, i));
                }
            })));
        }
        ready.await("pool on floor " + kind + ": callers starting");
        long start = System.nanoTime();
        for (var mailbox : mailboxes) {
            mailbox.send(new Go());
        }
        done.await("pool on floor " + kind + ": transactions");
        return System.nanoTime() - start;
    }

    private static Object transaction(BlockingQueue<FloorMailbox> idle, FloorMailbox self, int n) {
        FloorMailbox worker;
        try {
            worker = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("pool: a floor caller was interrupted");
        }
        try {
            worker.send(new Work(n, self));
            return self.take();
        } finally {
            idle.add(worker);
        }
    }
}
