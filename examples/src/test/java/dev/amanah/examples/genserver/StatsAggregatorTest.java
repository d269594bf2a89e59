package dev.amanah.examples.genserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.examples.genserver.StatsAggregator.CampaignStats;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.InProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class StatsAggregatorTest {
    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static void stop(Pid pid) {
        Processes.unlink(pid);
        GenServer.stop(pid);
    }

    @Test
    void castsAreCountedBeforeALaterCallIsAnswered() {
        var server = StatsAggregator.startLink().orElseThrow();
        StatsAggregator.recordDonation("ramadan", usd("100"));
        StatsAggregator.recordDonation("ramadan", usd("50.25"));
        StatsAggregator.recordDonation("orphans", usd("10"));
        assertThat(StatsAggregator.getStats("ramadan"))
                .isEqualTo(new CampaignStats(2, Map.of(usd("1").currency(), usd("150.25"))));
        assertThat(StatsAggregator.getStats("unknown")).isEqualTo(CampaignStats.EMPTY);
        assertThat(StatsAggregator.getAllStats()).containsOnlyKeys("orphans", "ramadan");
        stop(server);
    }

    @Test
    void totalsAreKeptPerCurrencyNeverAddedAcross() {
        var server = StatsAggregator.startLink().orElseThrow();
        StatsAggregator.recordDonation("water", usd("10"));
        StatsAggregator.recordDonation("water", Money.of("10", "EUR"));
        var stats = StatsAggregator.getStats("water");
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.totals()).containsOnly(Map.entry(usd("1").currency(), usd("10")),
                Map.entry(Money.of("1", "EUR").currency(), Money.of("10", "EUR")));
        stop(server);
    }

    @Test
    void aNonPositiveDonationIsRefusedInTheCaller() {
        var server = StatsAggregator.startLink().orElseThrow();
        assertThatThrownBy(() -> StatsAggregator.recordDonation("water", usd("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatsAggregator.recordDonation("water", usd("-5")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StatsAggregator.getStats("water")).isEqualTo(CampaignStats.EMPTY);
        stop(server);
    }

    @Test
    void aCastWithoutAServerIsDroppedAndACallExitsWithNoproc() {
        StatsAggregator.recordDonation("water", usd("1")); // no error: a cast always "succeeds"
        assertThatThrownBy(() -> StatsAggregator.getStats("water")).isInstanceOfSatisfying(ExitException.class,
                e -> assertThat(e.reason()).isInstanceOfSatisfying(ExitReason.InCall.class,
                        call -> assertThat(call.reason()).isEqualTo(ExitReason.NOPROC)));
    }

    @Test
    void underASupervisorACrashedAggregatorIsRestartedEmpty() {
        var leaks = Leaks.baseline();
        var root = Supervisor.startLink(List.of(StatsAggregator.childSpec())).orElseThrow();
        StatsAggregator.recordDonation("water", usd("10"));
        assertThat(StatsAggregator.getStats("water").count()).isEqualTo(1);
        var first = Processes.whereis(StatsAggregator.NAME).orElseThrow();

        Processes.exit(first, ExitReason.KILL);
        Leaks.await(() -> Processes.whereis(StatsAggregator.NAME).filter(pid -> !pid.equals(first)).isPresent(),
                "the supervisor to restart the aggregator");

        assertThat(StatsAggregator.getStats("water")).isEqualTo(CampaignStats.EMPTY); // in-memory state is lost
        Processes.unlink(root);
        Supervisor.stop(root);
        leaks.assertNoneLeft();
    }
}
