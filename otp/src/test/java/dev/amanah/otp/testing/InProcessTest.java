package dev.amanah.otp.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The harness itself: a failing test must never be reported as passed. */
class InProcessTest {

    @Test
    void aFailureOnTheWayOutOfATestKilledByALinkIsReported() {
        var harness = new InProcess();
        assertThatThrownBy(() -> harness.interceptTestMethod(() -> {
            var self = Processes.self();
            var helper = Processes.spawnLink(() -> Processes.receive());
            try {
                throw new AssertionError("the test's own failure");
            } finally {
                // The helper's shutdown comes back over the link and ends this process while its
                // failure is still on the way out; the harness must wait for it. The bounded wait
                // only widens the window in which a harness that judged at the Down would pass.
                Processes.exit(helper, ExitReason.SHUTDOWN);
                while (self.isAlive()) {
                    Thread.onSpinWait();
                }
                new CountDownLatch(1).await(1, TimeUnit.SECONDS);
            }
        }, null, null)).isInstanceOf(AssertionError.class).hasMessage("the test's own failure");
    }

    @Test
    void aTestThatEndsNormallyPasses() throws Throwable {
        new InProcess().interceptTestMethod(() -> null, null, null);
    }
}
