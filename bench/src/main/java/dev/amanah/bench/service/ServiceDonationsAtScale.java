package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code service_verify} (bounded concurrency) and {@code service_realtime} (every caller at
 * once) on the running service: see {@link ServiceSeedScenarios}. Timed from the first donation
 * handed over to the last final answer; the retries are reported on the progress line.
 */
final class ServiceDonationsAtScale implements Workload {
    private static final Duration PATIENCE = Duration.ofMinutes(60);

    private final boolean allAtOnce;

    ServiceDonationsAtScale(boolean allAtOnce) {
        this.allAtOnce = allAtOnce;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int donations = scale.count(allAtOnce ? ServiceSeedScenarios.REALTIME_CALLERS : ServiceSeedScenarios.VERIFY_DONATIONS);
        int callers = allAtOnce ? donations : ServiceSeedScenarios.VERIFY_CONCURRENCY;
        var name = allAtOnce ? "service_realtime" : "service_verify";
        var donate = new ProcessorDonations(name);
        long nanos;
        try (var database = BenchDatabase.create(BenchDatabase.Kind.SQLITE);
             var service = BenchService.start(database)) {
            var next = new AtomicInteger();
            var done = new CountDownLatch(callers);
            var failure = new AtomicReference<Throwable>();
            long start = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                Processes.spawn(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < donations && failure.get() == null; i = next.getAndIncrement()) {
                            donate.donate(i);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            // Far longer than the harness's usual patience: 100,000 donations on a loaded machine take a while.
            boolean finished = done.await(PATIENCE.toMinutes(), TimeUnit.MINUTES);
            nanos = System.nanoTime() - start;
            if (failure.get() instanceof RuntimeException e) {
                throw e;
            }
            BenchmarkFailure.check(finished, () -> name + ": callers still waiting after " + PATIENCE);
            service.checkRecorded(name, donations, HttpDonations.expectedTotal(donations));
        }
        System.err.println(name + ": " + donate.retries() + " donations sent again after a transient answer");
        var prefix = allAtOnce
                ? "service realtime: " + Counts.label(donations) + " concurrent callers of the DonationProcessor"
                : "service verify: " + Counts.label(donations) + " donations, " + callers + " at a time";
        return ServiceSeedScenarios.samples(prefix, "donations", donations, nanos);
    }
}
