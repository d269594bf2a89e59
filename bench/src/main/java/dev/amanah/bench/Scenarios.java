package dev.amanah.bench;

import dev.amanah.bench.asyncstream.AsyncStreamScenario;
import dev.amanah.bench.call.Call;
import dev.amanah.bench.cast.Cast;
import dev.amanah.bench.pingpong.PingPong;
import dev.amanah.bench.pool.PoolScenario;
import dev.amanah.bench.pubsub.PubSubFanout;
import dev.amanah.bench.restart.Restart;
import dev.amanah.bench.ring.Ring;
import dev.amanah.bench.seed.CampaignStats;
import dev.amanah.bench.seed.RealtimeDonations;
import dev.amanah.bench.seed.VerifyDonations;
import dev.amanah.bench.seed.ZakatDistribution;
import dev.amanah.bench.service.ServiceSeedScenarios;
import dev.amanah.bench.service.ServiceThroughput;
import dev.amanah.bench.spawn.Spawn;
import dev.amanah.bench.stages.Stages;
import dev.amanah.bench.taskawait.TaskAwait;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of scenarios, by command-line name, in the order {@code --all} runs them. A new
 * scenario is a package with its implementations and one line here.
 */
public final class Scenarios {
    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();
    /** The donation service's scenarios: run when named, not by --all (minutes each, their own databases). */
    private static final Map<String, Scenario> ON_DEMAND = new LinkedHashMap<>();

    static {
        for (var scenario : List.of(
                PingPong.scenario(),
                Ring.scenario(),
                Spawn.scenario(),
                Call.scenario(),
                Cast.scenario(),
                TaskAwait.scenario(),
                AsyncStreamScenario.scenario(),
                Restart.scenario(),
                PubSubFanout.scenario(),
                PoolScenario.scenario(),
                Stages.scenario(),
                VerifyDonations.scenario(),
                ZakatDistribution.scenario(),
                RealtimeDonations.scenario(),
                CampaignStats.scenario())) {
            ALL.put(scenario.name(), scenario);
        }
        for (var scenario : List.of(ServiceThroughput.sqlite(), ServiceThroughput.postgres(), ServiceSeedScenarios.verify(),
                ServiceSeedScenarios.realtime(), ServiceSeedScenarios.stats(), ServiceSeedScenarios.distribution(),
                ServiceSeedScenarios.distributionPostgres())) {
            ON_DEMAND.put(scenario.name(), scenario);
        }
    }

    private Scenarios() {
    }

    /** Every scenario, in registration order. */
    public static List<Scenario> all() {
        return List.copyOf(ALL.values());
    }

    /** The donation service's scenarios, run only when named: not part of {@link #all()}. */
    public static List<Scenario> onDemand() {
        return List.copyOf(ON_DEMAND.values());
    }

    /** The scenario named {@code name}, if any. */
    public static Optional<Scenario> named(String name) {
        return Optional.ofNullable(ALL.get(name)).or(() -> Optional.ofNullable(ON_DEMAND.get(name)));
    }
}
