package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.util.Map;

/**
 * {@code seed_campaigns}, the seed's {@code StatsAggregator} at scale: 1,000 campaign servers
 * (one {@code GenServer} each, holding its donation count and total); 1,000 donor processes at once
 * each cast 1,000 donations, donor {@code d}'s {@code j}-th to campaign {@code (d + j) mod 1,000},
 * so 1,000,000 casts in all and each campaign gets exactly one per donor; then one
 * {@code GenServer.call} per campaign reads its stats. Timed from the donors' go until every total
 * is read. Checked: every campaign counted exactly {@code donors} donations, and the totals add up
 * to the sum of every donation (minor units).
 */
public final class CampaignStats {
    static final int CAMPAIGNS = 1_000;
    static final int DONORS = 1_000;
    static final int CASTS_PER_DONOR = 1_000;

    private CampaignStats() {
    }

    /** The scenario: Amanah here, the BEAM in {@code bench/beam/seed_campaigns.exs}. */
    public static Scenario scenario() {
        return new Scenario("seed_campaigns", Counts.label(DONORS * CASTS_PER_DONOR) + " casts from "
                + Counts.label(DONORS) + " donors over " + Counts.label(CAMPAIGNS)
                + " campaign GenServers, then a call reads every total",
                Map.of(Contender.AMANAH, new WithLivePeak(new AmanahCampaignStats(), scale -> metrics(castsPerDonor(scale)))));
    }

    static int castsPerDonor(Scale scale) {
        return scale.count(CASTS_PER_DONOR);
    }

    static SeedMetrics metrics(int castsPerDonor) {
        return new SeedMetrics("seed campaigns: " + Counts.label(DONORS * castsPerDonor) + " casts over "
                + Counts.label(CAMPAIGNS) + " campaign servers, then read every total", "casts");
    }

    static int campaign(int donor, int j) {
        return (donor + j) % CAMPAIGNS;
    }

    /** Donation {@code j} of donor {@code d}, in minor units: 1.00 to 10.96. */
    static long amount(int donor, int j) {
        return 100 + (donor * 1_000L + j) % 997;
    }

    static void checkCampaign(int campaign, long count, int castsPerDonor) {
        // Campaign c gets donor d's cast j = (c - d) mod 1,000 when that j is below castsPerDonor:
        // from castsPerDonor of the 1,000 donors, one cast each.
        long expected = (long) DONORS * castsPerDonor / CAMPAIGNS;
        BenchmarkFailure.check(count == expected, () ->
                "seed_campaigns: campaign " + campaign + " counted " + count + " donations, expected " + expected);
    }

    static void checkTotal(int castsPerDonor, long total) {
        long expected = 0;
        for (int d = 0; d < DONORS; d++) {
            for (int j = 0; j < castsPerDonor; j++) {
                expected += amount(d, j);
            }
        }
        long sum = expected;
        BenchmarkFailure.check(total == sum, () -> "seed_campaigns: the totals add up to " + total + ", expected " + sum);
    }
}
