package dev.amanah.donations.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's lock keeps a second JVM out (a second {@code amanah serve} on the same data
 * directory) for as long as the sandbox is open, a journal with entries to replay included: the
 * lock is the operating system's, so only another process can tell whether it is held.
 */
class SandboxJournalLockTest {

    @TempDir
    Path dir;

    @Test
    void anotherJvmIsRefusedTheJournalWhileTheSandboxHasItOpenAndMayOpenItOnceClosed() throws Exception {
        var journal = dir.resolve("sandbox.journal");
        try (var sandbox = SandboxGateway.open(journal, SandboxConfig.RELIABLE, new RecordingSleeper())) {
            sandbox.charge(new ChargeRequest("don-1", dev.amanah.finance.money.Money.of("5.00", "GBP"), "tok_visa", "donor"));
        }
        try (var sandbox = SandboxGateway.open(journal, SandboxConfig.RELIABLE, new RecordingSleeper())) {
            assertThat(openInAnotherJvm(journal)).isEqualTo("sandbox_journal_locked");
        }
        assertThat(openInAnotherJvm(journal)).isEqualTo("opened");
    }

    private static String openInAnotherJvm(Path journal) throws IOException, InterruptedException {
        var java = ProcessHandle.current().info().command().orElseThrow();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxOpenAttempt.class.getName(), journal.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
            return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            child.destroyForcibly();
        }
    }
}
