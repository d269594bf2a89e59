package dev.amanah.donations.campaign;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.pubsub.PubSub;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CampaignLifecycle}: a campaign's statistics server runs exactly while the campaign is live. */
@InProcess.Tests
class CampaignLifecycleTest {
    private static final Money GOAL = Money.of("1000.00", "GBP");

    @TempDir
    Path dir;

    private record Plugged(Pid supervisor) {
    }

    private record Unplug() {
    }

    @Test
    void a_completion_committed_while_the_activation_starts_the_server_does_not_leave_it_running() {
        // Two staff members at once: one activates the campaign, the other completes it. The
        // completion commits after the activation's commit but before its server starts, so it
        // finds no server to stop; the server then started must not run on for a completed campaign.
        var clock = Clock.systemUTC();
        var pubsub = PubSub.of("lifecycle-test.pubsub");
        var stats = new CampaignStatsService("lifecycle-test.stats", id -> CampaignTotals.empty(id, GOAL), clock,
                StatsOptions.DEFAULTS);
        // The services are linked to this process: stopping them at the end must not end it
        // (quietly, with SHUTDOWN) before a failed assertion is reported.
        Processes.trapExits(true);
        try (var store = Store.open(DatabaseConfig.sqlite(dir.resolve("amanah.db")))) {
            store.campaigns().create(new NewCampaign("c", "Campaign c", FundType.SADAQAH, GOAL,
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            assertThat(pubsub.startLink()).isInstanceOf(StartResult.Ok.class);
            assertThat(stats.startLink()).isInstanceOf(StartResult.Ok.class);
            try {
                var lifecycle = new CampaignLifecycle(store.campaigns(), stats, pubsub);
                var test = Processes.self();
                // Hold the campaigns' supervisor in a child's start, so that the activation's start
                // of the server waits, after its commit, until this test lets it go on.
                var campaigns = Processes.whereis("lifecycle-test.stats.campaigns").orElseThrow();
                Processes.spawn(() -> DynamicSupervisor.startChild(campaigns, ChildSpec.worker("plug", () -> {
                    Processes.send(test, new Plugged(Processes.self()));
                    Processes.receive(m -> m instanceof Unplug ? m : null);
                    return new StartResult.Ignore();
                })));
                var supervisor = assertReceive(m -> m instanceof Plugged p ? p.supervisor() : null);

                var activation = Processes.spawn(() -> lifecycle.moveTo("c", CampaignState.ACTIVE));
                var activationDone = Processes.monitor(activation);
                // DRAFT cannot be completed: the completion succeeds once the activation has committed.
                var deadline = Instant.now().plus(Duration.ofSeconds(10));
                while (true) {
                    try {
                        lifecycle.moveTo("c", CampaignState.COMPLETED);
                        break;
                    } catch (StoreException stillDraft) {
                        assertThat(stillDraft.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION);
                        assertThat(Instant.now()).as("the activation committed").isBefore(deadline);
                        Thread.onSpinWait();
                    }
                }
                Processes.send(supervisor, new Unplug());
                Down activationEnd = assertReceive(m -> m instanceof Down d && d.ref() == activationDone ? d : null);
                assertThat(activationEnd.reason()).as("the activation's end").isEqualTo(ExitReason.NORMAL);

                assertThat(store.campaigns().get("c").state()).isEqualTo(CampaignState.COMPLETED);
                assertThat(stats.whereis("c")).as("the completed campaign's statistics server").isEmpty();
            } finally {
                stats.stop();
                pubsub.stop();
            }
        }
    }
}
