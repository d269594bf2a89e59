package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link ServiceThroughput} on the service: donations over HTTP, each through the whole pipeline
 * (claim, four validation tasks, the sandbox charge, the ledger record, the receipt).
 *
 * <ol>
 *   <li>Throughput: {@link ServiceThroughput#CLIENTS} concurrent clients send the donations back
 *       to back, timed from the first request to the last answer.</li>
 *   <li>Latency at a fixed offered load: donations are sent on a fixed schedule
 *       ({@link ServiceThroughput#OFFERED_PER_SECOND}), each from its own virtual thread whatever
 *       the earlier ones are doing (an open loop), and each latency is measured from its
 *       scheduled time, so a stall counts for every request it delays.</li>
 * </ol>
 * Every answer must be 201 and the database must then hold every donation, to the penny.
 */
final class ServiceOverHttp implements Workload {
    private final BenchDatabase.Kind kind;

    ServiceOverHttp(BenchDatabase.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int donations = ServiceThroughput.donations(scale);
        int paced = ServiceThroughput.paced(scale);
        var name = ServiceThroughput.name(kind);
        try (var database = BenchDatabase.create(kind);
             var service = BenchService.start(database);
             var api = new HttpDonations(service.port())) {
            long nanos = throughput(api, donations);
            long[] latencies = paced(api, donations, paced);
            service.checkRecorded(name, donations + paced, HttpDonations.expectedTotal(donations + paced));
            Arrays.sort(latencies);
            var samples = new ArrayList<Sample>();
            samples.add(Sample.rate(ServiceThroughput.rate(kind, donations), donations, nanos));
            samples.add(Sample.millis(ServiceThroughput.p50(kind, paced), percentile(latencies, 50)));
            samples.add(Sample.millis(ServiceThroughput.p99(kind, paced), percentile(latencies, 99)));
            return samples;
        }
    }

    private static long throughput(HttpDonations api, int donations) throws Exception {
        var next = new AtomicInteger();
        var clients = new ArrayList<Future<?>>();
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < ServiceThroughput.CLIENTS; c++) {
                clients.add(executor.submit(() -> {
                    for (int i = next.getAndIncrement(); i < donations; i = next.getAndIncrement()) {
                        api.donate("bench-" + i, i);
                    }
                    return null;
                }));
            }
        }
        long nanos = System.nanoTime() - start;
        awaitAll(clients);
        return nanos;
    }

    /** Sends donations {@code from .. from + count} on the offered schedule; returns each one's latency in nanoseconds. */
    private static long[] paced(HttpDonations api, int from, int count) throws Exception {
        var latencies = new long[count];
        var sent = new ArrayList<Future<?>>(count);
        long interval = TimeUnit.SECONDS.toNanos(1) / ServiceThroughput.OFFERED_PER_SECOND;
        long start = System.nanoTime();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < count; n++) {
                long scheduled = start + n * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int slot = n;
                int i = from + n;
                sent.add(senders.submit(() -> {
                    api.donate("bench-" + i, i);
                    latencies[slot] = System.nanoTime() - scheduled;
                    return null;
                }));
            }
        }
        awaitAll(sent);
        return latencies;
    }

    /** Rethrows the first failure of {@code done} (all have ended). */
    private static void awaitAll(List<Future<?>> done) throws Exception {
        for (var future : done) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** The nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
