package dev.amanah.donations.campaign;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.CapturedLog;
import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each test starts its own service (a unique name) linked to the test's process; the process ends
 * with {@code shutdown}, which stops the service's supervisor and every campaign server with it.
 */
@InProcess.Tests
class CampaignStatsServiceTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Money GOAL = Money.of("1000.00", "USD");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = ManualClock.atNewYear();
    private final String name = "campaign-stats-" + NAMES.incrementAndGet();
    private FakeLedger ledger;
    private CampaignStatsService service;

    private CampaignStatsService start() {
        ledger = new FakeLedger(GOAL, Processes.self());
        service = new CampaignStatsService(name, ledger, clock, StatsOptions.DEFAULTS);
        assertThat(service.startLink()).isInstanceOf(StartResult.Ok.class);
        return service;
    }

    private Pid startCampaign(String campaignId) {
        var result = service.startCampaign(campaignId);
        assertThat(result).isInstanceOf(StartResult.Ok.class);
        return ((StartResult.Ok) result).pid();
    }

    private DonationReceived donation(String id, String donor, String amount) {
        return new DonationReceived("c1", id, donor, Money.of(amount, "USD"), clock.instant());
    }

    /** Commits the donation to the ledger, then tells the statistics: the service's order. */
    private void give(DonationReceived donation) {
        ledger.commit(donation);
        service.donationReceived(donation);
    }

    private FakeLedger.Loaded loaded() {
        return assertReceive(m -> m instanceof FakeLedger.Loaded l ? l : null);
    }

    @Test
    void totalsDonorsProgressAndRefundsAreExact() {
        start();
        startCampaign("c1");
        loaded();

        give(donation("d1", "alice", "100.10"));
        give(donation("d2", "bob", "250.25"));
        give(donation("d3", "alice", "49.65"));
        var refund = new DonationRefunded("c1", "r1", "d2", Money.of("50.00", "USD"), clock.instant());
        ledger.commit(refund);
        service.donationRefunded(refund);
        var stats = service.awaitStats("c1", WAIT);

        assertThat(stats.received()).isEqualTo(Money.of("400.00", "USD"));
        assertThat(stats.refunded()).isEqualTo(Money.of("50.00", "USD"));
        assertThat(stats.raised()).isEqualTo(Money.of("350.00", "USD"));
        assertThat(stats.donationCount()).isEqualTo(3);
        assertThat(stats.refundCount()).isEqualTo(1);
        assertThat(stats.donorCount()).isEqualTo(2);
        assertThat(stats.progressPercent()).isEqualByComparingTo("35.00");
        assertThat(stats.remaining()).isEqualTo(Money.of("650.00", "USD"));
        assertThat(service.stats("c1")).contains(stats);
    }

    /** A campaign's statistics loaded (at every start) are logged as the service's other lines are, {@code event=} and its values, where they were free text. */
    @Test
    void theLoadIsLoggedAsAnEventNamingTheCampaignAndItsTotals() {
        try (var log = CapturedLog.of(CampaignStatsServer.class.getName())) {
            start();
            ledger.commit(donation("d1", "alice", "100.10"));
            startCampaign("c1");
            loaded();
            service.awaitStats("c1", WAIT);
            // A call after the load's reply: the server logs the load before it takes the call.
            service.stats("c1");

            assertThat(log.messages()).containsExactly("event=campaign_stats_loaded campaign=c1 donations=1 raised=100.10 currency=USD");
        }
    }

    @Test
    void aRepeatedEventAndAForeignCurrencyAreIgnored() {
        start();
        startCampaign("c1");
        loaded();

        give(donation("d1", "alice", "10.00"));
        service.donationReceived(donation("d1", "alice", "10.00"));
        service.donationReceived(new DonationReceived("c1", "d2", "bob", Money.of("10.00", "EUR"), clock.instant()));
        var stats = service.awaitStats("c1", WAIT);

        assertThat(stats.received()).isEqualTo(Money.of("10.00", "USD"));
        assertThat(stats.donationCount()).isEqualTo(1);
    }

    @Test
    void theDedupeRemembersAtMostTheConfiguredNumberOfIds() {
        ledger = new FakeLedger(GOAL, Processes.self());
        service = new CampaignStatsService(name, ledger, clock,
                new StatsOptions(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1), 2));
        service.startLink();
        startCampaign("c1");
        loaded();

        give(donation("d1", "alice", "1.00"));
        give(donation("d2", "alice", "1.00"));
        service.donationReceived(donation("d2", "alice", "1.00"));   // still remembered: ignored
        give(donation("d3", "alice", "1.00"));
        service.donationReceived(donation("d1", "alice", "1.00"));   // pushed out by d2 and d3: counted again

        assertThat(service.awaitStats("c1", WAIT).donationCount()).isEqualTo(4);
    }

    record Sent(int sender) {
    }

    @Test
    void concurrentCastsFromManyProcessesSumExactly() {
        start();
        startCampaign("c1");
        loaded();
        var test = Processes.self();
        int senders = 50;
        int each = 40;
        long expectedCents = 0;
        for (int s = 0; s < senders; s++) {
            for (int i = 0; i < each; i++) {
                expectedCents += amountCents(s, i);
            }
        }
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Processes.spawn(() -> {
                for (int i = 0; i < each; i++) {
                    service.donationReceived(new DonationReceived("c1", "d-" + sender + "-" + i, "donor-" + sender,
                            Money.ofMinor(amountCents(sender, i), GOAL.currency()), clock.instant()));
                }
                test.send(new Sent(sender));
            });
        }
        for (int s = 0; s < senders; s++) {
            assertReceive(m -> m instanceof Sent sent ? sent : null);
        }

        // Every cast was queued before its sender said so, hence before this query.
        var stats = service.stats("c1").orElseThrow();

        assertThat(stats.received()).isEqualTo(Money.ofMinor(expectedCents, GOAL.currency()));
        assertThat(stats.donationCount()).isEqualTo(senders * each);
        assertThat(stats.donorCount()).isEqualTo(senders);
    }

    private static long amountCents(int sender, int i) {
        return (sender * 7919L + i * 104_729L) % 100_000 + 1;
    }

    @Test
    void ratePerMinuteSlidesWithTheClock() {
        start();
        startCampaign("c1");
        loaded();

        give(donation("d1", "a", "1.00"));
        give(donation("d2", "b", "1.00"));
        clock.advance(Duration.ofSeconds(30));
        give(donation("d3", "c", "1.00"));
        assertThat(service.awaitStats("c1", WAIT).ratePerMinute()).isEqualByComparingTo("3");

        clock.advance(Duration.ofSeconds(31));
        assertThat(service.stats("c1").orElseThrow().ratePerMinute()).isEqualByComparingTo("1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.stats("c1").orElseThrow().ratePerMinute()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aCrashedServerIsRestartedByTheDynamicSupervisorWithItsTotalsRebuilt() {
        start();
        var first = startCampaign("c1");
        loaded();
        for (int i = 0; i < 10; i++) {
            give(donation("d" + i, "donor-" + (i % 4), "12.34"));
        }
        var before = service.awaitStats("c1", WAIT);
        var ref = Processes.monitor(first);

        Processes.exit(first, ExitReason.KILL);

        Down down = assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(down.reason()).isEqualTo(ExitReason.KILLED);
        assertThat(loaded()).isEqualTo(new FakeLedger.Loaded("c1", 10));
        var after = service.awaitStats("c1", WAIT);
        assertThat(service.whereis("c1")).isPresent().get().isNotEqualTo(first);
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        assertThat(after.raised()).isEqualTo(Money.of("123.40", "USD"));
        assertThat(after.donorCount()).isEqualTo(4);

        give(donation("d10", "donor-9", "0.60"));
        assertThat(service.stats("c1").orElseThrow().raised()).isEqualTo(Money.of("124.00", "USD"));
    }

    @Test
    void eventsDuringTheLoadAreHeldAndThoseTheLoadCountedAreNotCountedTwice() {
        start();
        ledger.commit(donation("d1", "alice", "10.00"));
        ledger.holdLoads();
        startCampaign("c1");
        assertThat(loaded().donations()).isEqualTo(1);

        // The load has read the ledger and is slow to answer: queries do not wait for it.
        assertThat(service.stats("c1")).isEmpty();
        service.donationReceived(donation("d1", "alice", "10.00"));     // a late event the load counted
        give(donation("d2", "bob", "5.00"));                             // committed after the read
        ledger.release();
        var stats = service.awaitStats("c1", WAIT);

        assertThat(stats.received()).isEqualTo(Money.of("15.00", "USD"));
        assertThat(stats.donationCount()).isEqualTo(2);
        assertThat(stats.donorCount()).isEqualTo(2);
    }

    @Test
    void aFailedLoadIsTriedAgainUntilItSucceeds() {
        start();
        ledger.commit(donation("d1", "alice", "10.00"));
        ledger.failNextLoads(1);

        startCampaign("c1");

        assertThat(loaded().donations()).isEqualTo(-1);
        assertThat(loaded().donations()).isEqualTo(1);
        assertThat(service.awaitStats("c1", WAIT).received()).isEqualTo(Money.of("10.00", "USD"));
    }

    @Test
    void loadsThatKeepFailingForOneCampaignLeaveTheOthersLiveAndItLoadsOnceTheSourceIsBack() {
        // A database that refuses a few loads in a row (a blip, a failover) must not end the live
        // figures of every campaign: crash-restarting one server past the dynamic supervisor's
        // restart intensity (3 in 5 s) took all the campaign servers down for good.
        start();
        startCampaign("c1");
        loaded();
        give(donation("d1", "alice", "10.00"));
        assertThat(service.awaitStats("c1", WAIT).donationCount()).isEqualTo(1);

        ledger.failNextLoads(5);
        startCampaign("c2");
        for (int failed = 0; failed < 5; failed++) {
            assertThat(loaded().donations()).isEqualTo(-1);
        }
        assertThat(loaded().campaignId()).isEqualTo("c2");

        assertThat(service.awaitStats("c2", WAIT).donationCount()).isZero();
        assertThat(service.whereis("c1")).isPresent();
        assertThat(service.awaitStats("c1", WAIT).received()).isEqualTo(Money.of("10.00", "USD"));
    }

    @Test
    void aStoppedCampaignIsNotRestartedAndAnswersEmpty() {
        start();
        startCampaign("c1");
        loaded();

        assertThat(service.stopCampaign("c1")).isTrue();

        assertThat(service.whereis("c1")).isEmpty();
        assertThat(service.stats("c1")).isEmpty();
        assertThat(service.stopCampaign("c1")).isFalse();
        var campaigns = Processes.whereis(name + ".campaigns").orElseThrow();
        assertThat(DynamicSupervisor.whichChildren(campaigns)).isEmpty();
        service.donationReceived(donation("d1", "alice", "1.00"));   // dropped, no crash
    }

    @Test
    void aSecondStartOfACampaignIsRefusedWithTheRunningServer() {
        start();
        var pid = startCampaign("c1");

        var again = service.startCampaign("c1");

        assertThat(again).isInstanceOf(StartResult.Error.class);
        assertThat(again.toString()).contains(pid.toString());
    }

    @Test
    void stoppingTheServiceStopsEveryCampaignServer() {
        start();
        var c1 = Processes.monitor(startCampaign("c1"));
        var c2 = Processes.monitor(startCampaign("c2"));

        service.stop();

        assertReceive(m -> m instanceof Down d && d.ref() == c1 ? d : null);
        assertReceive(m -> m instanceof Down d && d.ref() == c2 ? d : null);
        assertThat(Processes.whereis(name)).isEmpty();
        assertThatThrownBy(() -> service.startCampaign("c3")).hasMessageStartingWith("campaign_stats_not_running");
    }

    @Test
    void anUnknownCampaignHasNoStatistics() {
        start();

        assertThat(service.stats("nope")).isEmpty();
        assertThatThrownBy(() -> new DonationReceived("c1", "d", "a", Money.of("0.00", "USD"), clock.instant()))
                .hasMessageStartingWith("invalid_amount");
    }
}
