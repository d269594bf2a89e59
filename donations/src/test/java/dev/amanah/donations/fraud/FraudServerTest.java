package dev.amanah.donations.fraud;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class FraudServerTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    record Judged(FraudVerdict verdict) {
    }

    @Test
    void concurrentChecksAreCountedOneAtATimeAndNoneIsLost() {
        // Review from the first attempt on, so every verdict shows the count it saw.
        var config = FraudConfig.DEFAULTS.withLimit(FraudRule.CARD_ATTEMPTS,
                new FraudConfig.Limit(Duration.ofMinutes(10), 1, 10_000));
        var name = "fraud-" + NAMES.incrementAndGet();
        assertThat(FraudServer.startLink(name, config, ManualClock.atNewYear())).isInstanceOf(StartResult.Ok.class);
        var test = Processes.self();
        int callers = 50;
        int each = 4;
        for (int c = 0; c < callers; c++) {
            Processes.spawn(() -> {
                for (int i = 0; i < each; i++) {
                    test.send(new Judged(FraudServer.check(name,
                            new Attempt("shared-card", null, null, Money.of("20.00", "USD")), TIMEOUT)));
                }
            });
        }

        var seen = new TreeSet<Long>();
        for (int i = 0; i < callers * each; i++) {
            Judged judged = assertReceive(m -> m instanceof Judged j ? j : null);
            seen.add(judged.verdict().reasons().getFirst().observed());
        }

        // Each check saw every earlier one: the counts are exactly 1..200, each once.
        assertThat(seen).isEqualTo(LongStream.rangeClosed(1, callers * each).boxed().collect(Collectors.toCollection(TreeSet::new)));
        GenServer.stop(Processes.whereis(name).orElseThrow());
    }

    @Test
    void declinesCastToTheServerCountOnTheNextCheck() {
        var name = "fraud-" + NAMES.incrementAndGet();
        FraudServer.startLink(name, FraudConfig.DEFAULTS, ManualClock.atNewYear());
        var attempt = new Attempt("card-d", "198.51.100.1", null, Money.of("20.00", "USD"));

        assertThat(FraudServer.check(name, attempt, TIMEOUT)).isEqualTo(FraudVerdict.ALLOW);
        FraudServer.recordDecline(name, attempt);
        FraudServer.recordDecline(name, attempt);
        var verdict = FraudServer.check(name, attempt, TIMEOUT);

        assertThat(verdict.decision()).isEqualTo(Decision.REVIEW);
        assertThat(verdict.reasons()).extracting(FraudReason::rule).containsExactly(FraudRule.CARD_DECLINES);
        GenServer.stop(Processes.whereis(name).orElseThrow());
    }
}
