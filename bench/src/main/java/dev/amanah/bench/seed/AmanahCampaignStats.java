package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@link CampaignStats} on Amanah: {@code GenServer.cast} from donor processes, then {@code GenServer.call}. */
final class AmanahCampaignStats implements Workload {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private record Go() {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int castsPerDonor = CampaignStats.castsPerDonor(scale);
        var elapsed = new AtomicLong();
        var total = new AtomicLong();
        var done = new Completion(1);
        var peak = new PeakHeap();
        Processes.spawn(done.guard(() -> {
            var campaigns = new Pid[CampaignStats.CAMPAIGNS];
            for (int c = 0; c < campaigns.length; c++) {
                campaigns[c] = GenServer.start(new CampaignServer()).orElseThrow();
            }
            try {
                elapsed.set(Uninterrupted.run("seed_campaigns", () -> donateAndRead(campaigns, castsPerDonor, total)));
            } finally {
                for (var campaign : campaigns) {
                    GenServer.stop(campaign);
                }
            }
        })::run);
        done.await("seed_campaigns on Amanah");
        long peakBytes = peak.stop();
        CampaignStats.checkTotal(castsPerDonor, total.get());
        return CampaignStats.metrics(castsPerDonor)
                .samples((long) CampaignStats.DONORS * castsPerDonor, elapsed.get(), peakBytes);
    }

    private static long donateAndRead(Pid[] campaigns, int castsPerDonor, AtomicLong total) throws InterruptedException {
        var ready = new Completion(CampaignStats.DONORS);
        var donated = new Completion(CampaignStats.DONORS);
        var donors = new ArrayList<Pid>(CampaignStats.DONORS);
        for (int d = 0; d < CampaignStats.DONORS; d++) {
            int donor = d;
            donors.add(Processes.spawn(donated.guard(() -> {
                ready.done();
                BenchmarkFailure.check(Processes.receive() instanceof Go, () -> "seed_campaigns: a donor expected go");
                for (int j = 0; j < castsPerDonor; j++) {
                    GenServer.cast(campaigns[CampaignStats.campaign(donor, j)],
                            new CampaignServer.Donation(CampaignStats.amount(donor, j)));
                }
            })::run));
        }
        ready.await("seed_campaigns on Amanah: donors starting");
        long start = System.nanoTime();
        for (var donor : donors) {
            Processes.send(donor, new Go());
        }
        donated.await("seed_campaigns on Amanah: donors");
        long sum = 0;
        for (int c = 0; c < campaigns.length; c++) {
            CampaignServer.Stats stats = GenServer.call(campaigns[c], new CampaignServer.Read(), TIMEOUT);
            CampaignStats.checkCampaign(c, stats.count(), castsPerDonor);
            sum += stats.total();
        }
        long elapsed = System.nanoTime() - start;
        total.set(sum);
        return elapsed;
    }
}
