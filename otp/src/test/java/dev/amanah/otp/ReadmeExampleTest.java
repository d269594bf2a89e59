package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's tour of the runtime, run as written, so the README stays true. */
@InProcess.Tests
class ReadmeExampleTest {
    record Calculate(Pid from, BigDecimal wealth) {}

    @Test
    void theTourRunsAsWritten() {
        Pid server = Processes.spawn(() -> {
            for (;;) {
                switch (Processes.receive()) {                     // any message, oldest first
                    case Calculate(var from, var wealth) -> from.send(wealth.multiply(new BigDecimal("0.025")));
                    default -> { }                                 // a loop must drain what it does not want
                }
            }
        });
        server.send(new Calculate(Processes.self(), new BigDecimal("10000.00")));

        BigDecimal zakat = Processes.receive(Duration.ofSeconds(5),
                msg -> msg instanceof BigDecimal amount ? amount : null,   // selective: others stay queued, in order
                () -> BigDecimal.ZERO);                                     // the `after` clause

        assertThat(zakat).isEqualByComparingTo("250.00");
        Processes.exit(server, ExitReason.KILL);
    }
}
