package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationReceived;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * {@code service_stats} on the running service: {@value ServiceSeedScenarios#CAMPAIGNS} active
 * campaigns (created in its database, their statistics servers started by the service's
 * {@link CampaignStatsService} and loaded from the database), then
 * {@value ServiceSeedScenarios#DONORS} donor processes each send one {@link DonationReceived} to
 * every campaign per round, as the pipeline does after a commit; then every campaign's
 * statistics are read (a call, after every cast in its mailbox). Timed from the donors' start to
 * the last read. Checked: each campaign's donation count and raised amount.
 */
final class ServiceStatsUpdates implements Workload {
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Duration LOAD = Duration.ofSeconds(60);

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int campaigns = ServiceSeedScenarios.CAMPAIGNS;
        int perDonor = scale.count(campaigns);
        int donors = ServiceSeedScenarios.DONORS;
        long nanos;
        try (var database = BenchDatabase.create(BenchDatabase.Kind.SQLITE);
             var service = BenchService.start(database)) {
            var stats = service.service().campaignStats();
            BenchService.inProcess(() -> {
                createCampaigns(service, stats, campaigns);
                return null;
            });
            var done = new Completion(donors);
            long start = System.nanoTime();
            for (int d = 0; d < donors; d++) {
                int donor = d;
                Processes.spawn(done.guard(() -> {
                    var now = Instant.now();
                    for (int j = 0; j < perDonor; j++) {
                        int campaign = (donor + j) % campaigns;
                        stats.donationReceived(new DonationReceived(id(campaign), "don-" + donor + "-" + j,
                                "donor-" + donor, Money.ofMinor(amount(donor, j), GBP), now));
                    }
                })::run);
            }
            done.await("service_stats: donors");
            BenchService.inProcess(() -> {
                checkEveryCampaign(stats, campaigns, donors, perDonor);
                return null;
            });
            nanos = System.nanoTime() - start;
        }
        int updates = donors * perDonor;
        return ServiceSeedScenarios.samples("service stats: " + Counts.label(updates) + " DonationReceived over "
                + Counts.label(campaigns) + " campaign servers", "updates", updates, nanos);
    }

    private static void createCampaigns(BenchService service, CampaignStatsService stats, int campaigns) {
        var store = new CampaignStore(service.service().database(), Clock.systemUTC());
        for (int c = 0; c < campaigns; c++) {
            store.create(new NewCampaign(id(c), "Campaign " + c, FundType.SADAQAH, Money.ofMinor(100_000_000_00L, GBP),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            store.moveTo(id(c), CampaignState.ACTIVE);
            stats.startCampaign(id(c));
        }
        for (int c = 0; c < campaigns; c++) {
            stats.awaitStats(id(c), LOAD);
        }
    }

    /** Every campaign got one donation per donor per round its index came up, each of a known amount. */
    private static void checkEveryCampaign(CampaignStatsService stats, int campaigns, int donors, int perDonor) {
        var expectedCount = new long[campaigns];
        var expectedRaised = new long[campaigns];
        for (int d = 0; d < donors; d++) {
            for (int j = 0; j < perDonor; j++) {
                int campaign = (d + j) % campaigns;
                expectedCount[campaign]++;
                expectedRaised[campaign] += amount(d, j);
            }
        }
        for (int c = 0; c < campaigns; c++) {
            int campaign = c;
            var seen = stats.stats(id(c)).orElseThrow(() -> new BenchmarkFailure("service_stats: campaign " + campaign
                    + " has no statistics"));
            BenchmarkFailure.check(seen.donationCount() == expectedCount[c]
                            && seen.raised().minorUnits() == expectedRaised[c],
                    () -> "service_stats: campaign " + campaign + " counted " + seen.donationCount() + " raising "
                            + seen.raised().minorUnits() + ", expected " + expectedCount[campaign] + " raising "
                            + expectedRaised[campaign]);
        }
    }

    private static String id(int campaign) {
        return "campaign-" + campaign;
    }

    private static long amount(int donor, int j) {
        return 100 + (donor * 31L + j * 7L) % 9_900;
    }
}
