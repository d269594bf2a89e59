package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench/run} without arguments lists every scenario it accepts, the donation service's too:
 * they run only when named, and the listing left them out, so nobody could find their names.
 */
class ScenarioListTest {
    @Test
    void theListingNamesEveryScenarioItAccepts() {
        var listing = Bench.scenarioList();
        for (var name : new String[] {"ping_pong", "seed_campaigns", "service_sqlite", "service_postgres",
                "service_verify", "service_realtime", "service_stats", "service_distribution",
                "service_distribution_postgres"}) {
            assertThat(Scenarios.named(name)).as(name).isPresent();
            assertThat(listing).as(name).containsPattern("(?m)^  " + name + " ");
        }
    }
}
