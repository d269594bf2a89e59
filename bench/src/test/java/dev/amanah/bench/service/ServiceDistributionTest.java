package dev.amanah.bench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scenarios;
import dev.amanah.donations.store.PlanStatus;
import org.junit.jupiter.api.Test;

/**
 * {@code service_distribution}: a tiny run on the real service (SQLite) passes its own check, and
 * the check fails the run on a wrong total, a recipient paid twice or missed, or a ledger that
 * does not add up (the last ones on outcomes made up for the purpose: the service does not
 * produce them).
 */
class ServiceDistributionTest {
    private static final int RECIPIENTS = 40;
    private static final long TOTAL = 1_000_003;
    private static final long FUNDED = 1_500_000;
    private static final DistributionOutcome RIGHT = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS,
            RECIPIENTS, TOTAL, RECIPIENTS, RECIPIENTS, 0, FUNDED - TOTAL, 0, FUNDED - TOTAL);

    @Test
    void aTinyRunOnTheServicePassesItsCheckWhichFailsOnAWrongTotal() throws Exception {
        var workload = new ServiceDistribution(BenchDatabase.Kind.SQLITE);
        var run = workload.distribute(RECIPIENTS);
        long total = ServiceDistribution.TOTAL_MINOR;
        long funded = total + ServiceDistribution.LEFT_MINOR;
        var seen = run.outcome();

        seen.check("tiny", RECIPIENTS, total, funded);
        assertThat(seen.paidMinor()).isEqualTo(total);
        assertThat(seen.providerPayouts()).isEqualTo(RECIPIENTS);
        assertThat(run.phases().total()).isPositive();
        assertThatThrownBy(() -> seen.check("tiny", RECIPIENTS, total + 1, funded + 1)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("the payouts sum to " + total + ", the plan's total is " + (total + 1));
        assertThatThrownBy(() -> seen.check("tiny", RECIPIENTS + 1, total, funded)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("for 41 recipients");

        var samples = workload.samples(RECIPIENTS, run);
        assertThat(samples).extracting(s -> s.metric().unit())
                .containsExactly(Metric.Unit.MILLIS, Metric.Unit.PER_SECOND, Metric.Unit.BYTES);
        assertThat(samples.get(0).metric().label()).contains("40 recipients");
        assertThat(samples.subList(0, 2)).extracting(Sample::value).allMatch(v -> v > 0);
    }

    @Test
    void isRunByNameOnlyNotByAll() {
        assertThat(Scenarios.named("service_distribution")).isPresent();
        assertThat(Scenarios.named("service_distribution_postgres")).isPresent();
        assertThat(Scenarios.all()).noneMatch(s -> s.name().startsWith("service_"));
    }

    @Test
    void theRightOutcomePasses() {
        RIGHT.check("test", RECIPIENTS, TOTAL, FUNDED);
    }

    @Test
    void aPayoutSumOneMinorUnitOffFailsTheRun() {
        var wrong = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS, RECIPIENTS, TOTAL - 1, RECIPIENTS,
                RECIPIENTS, 0, FUNDED - TOTAL, 0, FUNDED - TOTAL);

        assertThatThrownBy(() -> wrong.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("the payouts sum to 1000002, the plan's total is 1000003");
    }

    @Test
    void aRecipientPaidTwiceOrMissedFailsTheRun() {
        var twice = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS, RECIPIENTS, TOTAL, RECIPIENTS - 1,
                RECIPIENTS + 1, 0, FUNDED - TOTAL, 0, FUNDED - TOTAL);
        var missed = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS, RECIPIENTS - 1, TOTAL, RECIPIENTS,
                RECIPIENTS, 0, FUNDED - TOTAL, 0, FUNDED - TOTAL);
        var unpaid = new DistributionOutcome(PlanStatus.INCOMPLETE, RECIPIENTS, RECIPIENTS - 1, RECIPIENTS - 1, TOTAL - 5,
                RECIPIENTS - 1, RECIPIENTS - 1, 0, FUNDED - TOTAL, 5, FUNDED - TOTAL + 5);

        assertThatThrownBy(() -> twice.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("the provider paid 39 payouts' keys exactly once and 41 payouts in all");
        assertThatThrownBy(() -> missed.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("39 of 40 recipients");
        assertThatThrownBy(() -> unpaid.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("INCOMPLETE");
    }

    @Test
    void aLedgerThatDoesNotAddUpFailsTheRun() {
        var unbalanced = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS, RECIPIENTS, TOTAL, RECIPIENTS,
                RECIPIENTS, 1, FUNDED - TOTAL, 0, FUNDED - TOTAL);
        var fundNotDebited = new DistributionOutcome(PlanStatus.PAID, RECIPIENTS, RECIPIENTS, RECIPIENTS, TOTAL, RECIPIENTS,
                RECIPIENTS, 0, FUNDED, 0, FUNDED - TOTAL);

        assertThatThrownBy(() -> unbalanced.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("balances sum to 1");
        assertThatThrownBy(() -> fundNotDebited.check("test", RECIPIENTS, TOTAL, FUNDED)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("the fund holds 1500000");
    }
}
