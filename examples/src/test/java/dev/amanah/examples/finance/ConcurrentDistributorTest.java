package dev.amanah.examples.finance;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.examples.Result;
import dev.amanah.examples.finance.ConcurrentDistributor.Allocation;
import dev.amanah.examples.finance.ConcurrentDistributor.Outcome;
import dev.amanah.examples.finance.ConcurrentDistributor.Transfer;
import dev.amanah.examples.testing.HeldItems;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ConcurrentDistributorTest {
    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static List<String> recipients(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "r-" + i).toList();
    }

    @Test
    void thePartsSumToThePoolUnlikeDiv() {
        var allocations = ConcurrentDistributor.calculateAllocations(usd("1.00"), recipients(3));
        assertThat(allocations).extracting(Allocation::amount).containsExactly(usd("0.34"), usd("0.33"), usd("0.33"));
        var summary = new ConcurrentDistributor().distribute(usd("100.00"), recipients(3));
        assertThat(summary.totalRecipients()).isEqualTo(3);
        assertThat(summary.successful()).isEqualTo(3);
        assertThat(summary.failed()).isZero();
        assertThat(summary.transferred()).isEqualTo(usd("100.00"));
        assertThat(summary.results()).extracting(outcome -> outcome.allocation().amount())
                .containsExactly(usd("33.34"), usd("33.33"), usd("33.33"));
        assertThat(summary.results().getFirst()).isEqualTo(new Outcome.Transferred(
                new Allocation("r-1", usd("33.34")), new Transfer("r-1", usd("33.34"), "transferred")));
        assertMailboxEmpty();
    }

    @Test
    void everyRecipientIsCountedOnceFailuresAndTimeoutsIncluded() {
        var leaks = Leaks.baseline();
        var distributor = new ConcurrentDistributor(allocation -> switch (allocation.recipient()) {
            case "r-2" -> Result.<Transfer>error(ExitReason.of("account_closed"));
            case "r-3" -> {
                Processes.sleep(Processes.INFINITY);
                yield Result.<Transfer>error(ExitReason.of("unreachable"));
            }
            default -> Result.ok(new Transfer(allocation.recipient(), allocation.amount(), "transferred"));
        }, Duration.ofSeconds(2));
        var summary = distributor.distribute(usd("90"), recipients(4));
        assertThat(summary.successful()).isEqualTo(2);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(summary.successful() + summary.failed()).isEqualTo(summary.totalRecipients());
        assertThat(summary.transferred()).isEqualTo(usd("45.00"));
        assertThat(summary.results().get(1)).isEqualTo(new Outcome.Failed(new Allocation("r-2", usd("22.50")),
                ExitReason.of("account_closed")));
        assertThat(summary.results().get(2)).isEqualTo(new Outcome.Failed(new Allocation("r-3", usd("22.50")),
                ExitReason.TIMEOUT));
        leaks.assertNoneLeft();
    }

    @Test
    void seedClaimExactlyTenTransfersRunAtOnceAndEachOneDoneLetsOneMoreStart() {
        var leaks = Leaks.baseline();
        var test = Processes.self();
        var distribution = Task.async(() -> new ConcurrentDistributor(allocation -> Result.ok(new Transfer(
                HeldItems.hold(test, allocation.recipient()), allocation.amount(), "transferred")),
                Duration.ofSeconds(30)).distribute(usd("1200"), recipients(12)));
        assertThat(HeldItems.assertAtMostAtOnce(ConcurrentDistributor.MAX_CONCURRENCY, recipients(12)))
                .containsExactlyInAnyOrderElementsOf(recipients(12));
        var summary = distribution.await(Duration.ofSeconds(5));
        assertThat(summary.successful()).isEqualTo(12);
        assertThat(summary.transferred()).isEqualTo(usd("1200"));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void noRecipientOrNoPoolIsRefused() {
        var distributor = new ConcurrentDistributor();
        assertThatThrownBy(() -> distributor.distribute(usd("100"), List.of())).isInstanceOf(FinanceException.class);
        assertThatThrownBy(() -> distributor.distribute(usd("0"), recipients(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
