package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.finance.allocation.Allocator;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/** {@link ZakatDistribution} on Amanah: {@code Allocator.byRatios}, {@code Task.asyncStream}, a ledger {@code GenServer}. */
final class AmanahZakatDistribution implements Workload {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int recipients = ZakatDistribution.recipients(scale);
        var ratios = IntStream.range(0, recipients).mapToObj(i -> BigDecimal.valueOf(ZakatDistribution.weight(i))).toList();
        var elapsed = new AtomicLong();
        var parts = new long[recipients];
        var done = new Completion(1);
        var peak = new PeakHeap();
        Processes.spawn(done.guard(() -> {
            var ledger = GenServer.start(new LedgerServer(recipients)).orElseThrow();
            try {
                long start = System.nanoTime();
                var shares = Allocator.byRatios(Money.ofMinor(ZakatDistribution.POOL_MINOR, USD), ratios);
                var options = StreamOptions.DEFAULT.withMaxConcurrency(ZakatDistribution.MAX_CONCURRENCY)
                        .withTimeout(TIMEOUT);
                try (var transfers = Task.<Integer, Boolean>asyncStream(IntStream.range(0, recipients).boxed(),
                        recipient -> transfer(ledger, recipient, shares.get(recipient).minorUnits()), options)) {
                    transfers.forEach(result -> BenchmarkFailure.check(result instanceof TaskResult.Ok<Boolean>(var ok) && ok,
                            () -> "seed_zakat: a transfer failed: " + result));
                }
                LedgerServer.Totals totals = GenServer.call(ledger, new LedgerServer.Read(), TIMEOUT);
                elapsed.set(System.nanoTime() - start);
                ZakatDistribution.checkLedger(recipients, totals.credits(), totals.total());
                for (int i = 0; i < recipients; i++) {
                    parts[i] = shares.get(i).minorUnits();
                }
            } finally {
                GenServer.stop(ledger);
            }
        })::run);
        done.await("seed_zakat on Amanah");
        long peakBytes = peak.stop();
        ZakatDistribution.checkShares(parts);
        return ZakatDistribution.metrics(recipients).samples(recipients, elapsed.get(), peakBytes);
    }

    private static Boolean transfer(Pid ledger, int recipient, long amount) {
        // The simulated payment, then the ledger entry.
        Processes.sleep(Duration.ofMillis(1));
        return GenServer.call(ledger, new LedgerServer.Credit(recipient, amount), TIMEOUT);
    }
}
