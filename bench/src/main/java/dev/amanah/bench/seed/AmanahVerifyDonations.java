package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/** {@link VerifyDonations} on Amanah: {@code Task.asyncStream}, consumed in a process. */
final class AmanahVerifyDonations implements Workload {
    /** A check's answer: the donation's amount if it is valid. */
    private record Verification(int donation, boolean valid, long amount) {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int donations = VerifyDonations.donations(scale);
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        var peak = new PeakHeap();
        Processes.spawn(done.guard(() -> {
            var options = StreamOptions.DEFAULT.withMaxConcurrency(VerifyDonations.MAX_CONCURRENCY)
                    .withTimeout(Duration.ofSeconds(30));
            long start = System.nanoTime();
            long total = 0;
            long rejected = 0;
            int next = 0;
            try (var results = Task.<Integer, Verification>asyncStream(IntStream.range(0, donations).boxed(),
                    AmanahVerifyDonations::verify, options)) {
                for (var result : (Iterable<TaskResult<Verification>>) results::iterator) {
                    var verification = switch (result) {
                        case TaskResult.Ok<Verification>(var value) -> value;
                        case TaskResult.Exit<Verification>(var reason) ->
                                throw new BenchmarkFailure("seed_verify: a check exited " + reason);
                    };
                    int expected = next++;
                    BenchmarkFailure.check(verification.donation() == expected, () ->
                            "seed_verify: result of donation " + verification.donation() + " came as number " + expected);
                    if (verification.valid()) {
                        total += verification.amount();
                    } else {
                        rejected++;
                    }
                }
            }
            elapsed.set(System.nanoTime() - start);
            int results = next;
            BenchmarkFailure.check(results == donations, () -> "seed_verify: " + results + " results for " + donations);
            VerifyDonations.check(donations, total, rejected);
        })::run);
        done.await("seed_verify on Amanah");
        return VerifyDonations.metrics(donations).samples(donations, elapsed.get(), peak.stop());
    }

    private static Verification verify(int donation) {
        // The simulated external check.
        Processes.sleep(Duration.ofMillis(VerifyDonations.delayMillis(donation)));
        long amount = VerifyDonations.amount(donation);
        return new Verification(donation, amount > 0, amount);
    }
}
