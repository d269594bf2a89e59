package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Processes that never wait must still let others run. Virtual threads are not preempted, so the
 * runtime yields a process's carrier every {@link ProcessCell#SLICE} units of work, as the BEAM
 * preempts after a budget of reductions. Without it, one process that spawned and killed in a
 * loop kept its carrier while the processes it started queued up unrun, until the JVM ran out of
 * memory (seen in CI, in the Observer's churn test).
 */
@InProcess.Tests
class FairnessTest {

    @Test
    void aProcessStillRunsWhileEveryCarrierIsTakenByProcessesThatNeverWait() {
        var busy = new ArrayList<Pid>();
        // One more than there are carriers, each sending to itself and taking it back for ever.
        for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
            busy.add(Processes.spawn(() -> {
                var self = Processes.self();
                for (;;) {
                    self.send("again");
                    Processes.receive();
                }
            }));
        }
        var test = Processes.self();
        Processes.spawn(() -> test.send("ran"));

        Object answer = Processes.receive(Duration.ofSeconds(10), m -> m.equals("ran") ? m : null);

        for (var pid : busy) {
            var ref = Processes.monitor(pid);
            Processes.exit(pid, ExitReason.KILL);
            Processes.receive(Duration.ofSeconds(10), m -> m instanceof Down d && d.ref() == ref ? d : null);
        }
        assertThat(answer).isEqualTo("ran");
    }
}
