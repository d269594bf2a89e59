package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code demonitor(ref, flush)} called after the Down was received returned only if
 * the dying process had already cleared its "Down being enqueued" marker; a watcher that received
 * the Down inside that window waited for ever for a second one (found by the GenStage consumers,
 * which receive their producer's Down and then demonitor it).
 */
@InProcess.Tests
class DemonitorAfterDownTest {
    @Test
    void M3_demonitorWithFlushAfterTheDownWasReceivedReturnsAtOnce() {
        for (int i = 0; i < 20_000; i++) {
            var child = Processes.spawnMonitor(() -> {
            });
            var down = Processes.receive(Duration.ofSeconds(5),
                    m -> m instanceof Down d && d.ref() == child.ref() ? d : null);
            assertThat(down).isNotNull();
            assertThat(Processes.demonitor(child.ref(), true)).isFalse();
        }
        assertThat(Processes.messages()).isEmpty();
    }
}
