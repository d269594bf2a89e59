package dev.amanah.examples.tasks;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ParallelZakatTest {
    private static final Duration CALCULATION_TIME = Duration.ofMillis(250);
    private static final List<Money> WEALTHS = List.of(Money.of("100000", "USD"), Money.of("85000", "USD"),
            Money.of("84999.99", "USD"), Money.of("20000.01", "USD"));
    private static final Money NISAB = Money.of("85000", "USD");
    private static final List<Money> ZAKAT = List.of(Money.of("2500", "USD"), Money.of("2125", "USD"),
            Money.of("0", "USD"), Money.of("0", "USD"));

    @Test
    void seedClaimFourConcurrentCalculationsTakeAboutOneCalculationsTime() {
        var zakat = new ParallelZakat(CALCULATION_TIME);
        long start = System.nanoTime();
        assertThat(zakat.calculateConcurrently(WEALTHS, NISAB)).isEqualTo(ZAKAT);
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        // Under four calculations' time, which one after another cannot take; not under two, which
        // a loaded machine (CI, two cores) can miss while the four still overlap.
        assertThat(elapsed).isGreaterThanOrEqualTo(CALCULATION_TIME).isLessThan(CALCULATION_TIME.multipliedBy(4));
        assertMailboxEmpty();
    }

    @Test
    void seedClaimSequentialCalculationsTakeFourTimesAsLong() {
        var zakat = new ParallelZakat(CALCULATION_TIME);
        long start = System.nanoTime();
        assertThat(zakat.calculateSequentially(WEALTHS, NISAB)).isEqualTo(ZAKAT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(CALCULATION_TIME.multipliedBy(4));
    }
}
