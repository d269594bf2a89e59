package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.demo.Demo;
import dev.amanah.donations.staff.Role;
import dev.amanah.otp.Down;
import dev.amanah.otp.Processes;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah demo}'s engine, watched through the dashboard's live stream: the simulated donors'
 * donations reach every sample campaign and some are refunded (through the real pipeline), the
 * demo staff log in with the passwords it prints, and a stop ends the donor processes.
 */
class DemoTest {
    private static final Set<String> SAMPLES = Set.of("ramadan-food-2026", "zakat-hardship-fund", "clean-water-wells", "school-waqf");

    @TempDir
    Path dataDir;

    @Test
    void donorsGiveToEverySampleCampaignAndSomeAreRefundedThenStopEndsThem() throws Exception {
        try (var demo = Demo.start(new Demo.Options(dataDir, "127.0.0.1", 0, 40, 2, 11), Clock.systemUTC());
             var client = HttpClient.newHttpClient()) {
            var donor1 = Processes.whereis("demo.donor-1").orElseThrow();
            var donor2 = Processes.whereis("demo.donor-2").orElseThrow();
            var events = Events.open(client, demo.service().port(), "/events/dashboard");
            assertThat(Events.next(events).name()).isEqualTo("snapshot");
            var campaigns = new HashSet<String>();
            var refunds = 0;
            while (!campaigns.containsAll(SAMPLES) || refunds == 0) {
                var event = Events.next(events);
                assertThat(event.name()).as("campaigns so far %s, refunds %d", campaigns, refunds).isEqualTo("donation");
                if (event.data().path("kind").asText().equals("refund")) {
                    refunds++;
                } else {
                    campaigns.add(event.data().path("campaignId").asText());
                }
            }
            assertThat(campaigns).isEqualTo(SAMPLES);
            assertThat(demo.accepted()).isGreaterThanOrEqualTo(4);
            // The refund's event is published when it commits, before its donor has the answer and counts it.
            var deadline = Instant.now().plusSeconds(10);
            while (demo.refunded() == 0 && Instant.now().isBefore(deadline)) {
                Processes.sleep(Duration.ofMillis(10));
            }
            assertThat(demo.refunded()).isGreaterThanOrEqualTo(1);

            var accounts = new StaffAccounts(demo.service().database(), new Passwords(4), Clock.systemUTC());
            assertThat(demo.staff().keySet()).containsExactly("amina (approver)", "omar (viewer)", "yusuf (preparer)");
            demo.staff().forEach((who, password) -> assertThat(accounts.authenticate(who.substring(0, who.indexOf(' ')), password))
                    .as(who).isPresent());
            assertThat(accounts.authenticate("amina", demo.staff().get("amina (approver)")).orElseThrow().role()).isEqualTo(Role.APPROVER);

            var watch1 = Processes.monitor(donor1);
            var watch2 = Processes.monitor(donor2);
            demo.stop();
            for (var watch : new Object[] {watch1, watch2}) {
                var down = Processes.receive(Duration.ofSeconds(60), m -> m instanceof Down d && d.ref().equals(watch) ? d : null, () -> null);
                assertThat(down).as("the donor process ended").isNotNull();
            }
        }
    }
}
