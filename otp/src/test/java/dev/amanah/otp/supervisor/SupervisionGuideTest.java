package dev.amanah.otp.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.registry.Registry;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Name;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.testing.InProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the code of otp/SUPERVISION.md; keep the two in step. */
@InProcess.Tests
class SupervisionGuideTest {

    // --- from SUPERVISION.md ---

    /** The seed's StatsAggregator: donation counts and totals per campaign, in minor units. */
    static final class StatsAggregator implements GenServer<Map<String, StatsAggregator.Stats>> {
        record Stats(long count, long totalMinor) {
            static final Stats EMPTY = new Stats(0, 0);

            Stats add(long amountMinor) {
                return new Stats(count + 1, totalMinor + amountMinor);
            }
        }

        record Donation(String campaignId, long amountMinor) {}
        record GetStats(String campaignId) {}

        static void recordDonation(String campaignId, long amountMinor) {
            GenServer.cast("stats", new Donation(campaignId, amountMinor));
        }

        static Stats getStats(String campaignId) {
            return GenServer.call("stats", new GetStats(campaignId));
        }

        @Override
        public InitResult<Map<String, Stats>> init() {
            return new Ok<>(new HashMap<>());
        }

        @Override
        public Result<Map<String, Stats>> handleCast(Object request, Map<String, Stats> state) {
            return switch (request) {
                case Donation(var campaign, var amount) -> {
                    state.merge(campaign, Stats.EMPTY.add(amount), (old, one) -> old.add(amount));
                    yield new NoReply<>(state);
                }
                default -> GenServer.super.handleCast(request, state);
            };
        }

        @Override
        public CallResult<Map<String, Stats>> handleCall(Object request, ReplyTo from, Map<String, Stats> state) {
            return switch (request) {
                case GetStats(var campaign) -> new Reply<>(state.getOrDefault(campaign, Stats.EMPTY), state);
                default -> GenServer.super.handleCall(request, from, state);
            };
        }
    }

    /** One server per campaign, started on demand and named through the registry. */
    static final class CampaignServer implements GenServer<String> {
        private final String campaignId;

        CampaignServer(String campaignId) {
            this.campaignId = campaignId;
        }

        @Override
        public InitResult<String> init() {
            return new Ok<>(campaignId);
        }

        @Override
        public CallResult<String> handleCall(Object request, ReplyTo from, String state) {
            return new Reply<>("campaign " + state + " got " + request, state);
        }
    }

    static final Registry<String, Object> CAMPAIGNS = Registry.unique("campaigns.registry");

    static Pid startApplication() {
        var children = List.of(
                CAMPAIGNS.childSpec(),
                DynamicSupervisor.childSpec("campaigns.sup",
                        DynamicSupervisorOptions.DEFAULT.withName("campaigns.sup")),
                ChildSpec.worker("stats",
                        () -> GenServer.startLink(new StatsAggregator(), StartOptions.named("stats"))));
        return Supervisor.startLink(children, SupervisorOptions.of(Strategy.REST_FOR_ONE)).orElseThrow();
    }

    static Pid startCampaign(String campaignId) {
        var name = Name.via(CAMPAIGNS, campaignId);
        var spec = ChildSpec.worker(campaignId,
                () -> GenServer.startLink(new CampaignServer(campaignId), StartOptions.named(name)));
        return DynamicSupervisor.startChild(Processes.whereis("campaigns.sup").orElseThrow(), spec).orElseThrow();
    }

    // --- end of SUPERVISION.md ---

    @Test
    void theGuidesTreeStartsServesAndStopsInOrder() {
        var root = startApplication();
        assertThat(Supervisor.whichChildren(root)).extracting(ChildInfo::id)
                .containsExactly("campaigns.registry", "campaigns.sup", "stats");

        var campaign = startCampaign("ramadan-2026");
        String answer = GenServer.call(Name.via(CAMPAIGNS, "ramadan-2026"), "hello");
        assertThat(answer).isEqualTo("campaign ramadan-2026 got hello");

        StatsAggregator.recordDonation("ramadan-2026", 2_500);
        StatsAggregator.recordDonation("ramadan-2026", 10_000);
        assertThat(StatsAggregator.getStats("ramadan-2026")).isEqualTo(new StatsAggregator.Stats(2, 12_500));

        // A crash of the stats server restarts only it: it was started last (rest_for_one).
        var stats = Processes.whereis("stats").orElseThrow();
        var ref = Processes.monitor(stats);
        Processes.exit(stats, ExitReason.KILL);
        Processes.receive(m -> m instanceof dev.amanah.otp.Down d && d.ref() == ref ? d : null);
        // The root got the crash before this Down; once it answers a call, it has restarted stats.
        assertThat(Supervisor.whichChildren(root).get(2).pid().orElseThrow()).isNotEqualTo(stats);
        assertThat(StatsAggregator.getStats("ramadan-2026")).isEqualTo(StatsAggregator.Stats.EMPTY);
        assertThat(campaign.isAlive()).isTrue();

        Supervisor.stop(root);
        assertThat(campaign.isAlive()).isFalse();
        assertThat(Processes.whereis("stats")).isEmpty();
        assertThat(Processes.whereis("campaigns.sup")).isEmpty();
    }
}
