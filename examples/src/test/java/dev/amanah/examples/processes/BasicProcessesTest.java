package dev.amanah.examples.processes;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.testing.CapturedIO;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class BasicProcessesTest {
    @Test
    void spawnRunsIndependentlyAndPrintsTheExactZakat() {
        try (var io = CapturedIO.start()) {
            var pid = BasicProcesses.spawnCalculation();
            io.awaitLine(line -> line.equals("Zakat calculated: 250.00 USD"));
            assertThat(io.lines()).contains("Spawned process: " + pid);
            assertThat(Processes.info(Processes.self()).orElseThrow().links()).doesNotContain(pid);
        }
    }

    @Test
    void spawnLinkLinksTheCallerWhichSeesTheNormalExitWhenTrapping() {
        Processes.trapExits(true);
        try (var io = CapturedIO.start()) {
            var pid = BasicProcesses.spawnLinkedCalculation();
            // Only a linked process gets this message; a normal exit leaves a non-trapping caller alone.
            ExitReason reason = assertReceive(m -> m instanceof Exit(var from, var why) && from.equals(pid) ? why : null);
            assertThat(reason).isEqualTo(ExitReason.NORMAL);
            assertThat(io.lines()).containsExactly("Zakat calculated: 250.00 USD");
        }
    }

    @Test
    void spawnMonitorReturnsTheExitReasonAndLeavesNothingQueued() {
        try (var io = CapturedIO.start()) {
            assertThat(BasicProcesses.spawnMonitoredCalculation()).contains(ExitReason.NORMAL);
            assertThat(io.lines()).containsExactly("Zakat calculated: 250.00 USD", "Process exited: normal");
        }
        assertMailboxEmpty();
    }
}
