package dev.amanah.donations.payment;

import java.nio.file.Path;

/**
 * The child JVM of {@link SandboxJournalLockTest}: opens the sandbox on the journal it is given,
 * as a second service on the same data directory would, and prints {@code opened}, or the code
 * its refusal starts with ({@code sandbox_journal_locked}), then exits.
 */
final class SandboxOpenAttempt {
    private SandboxOpenAttempt() {
    }

    public static void main(String[] args) {
        try (var sandbox = SandboxGateway.open(Path.of(args[0]), SandboxConfig.RELIABLE)) {
            System.out.println("opened");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage().split(":")[0]);
        }
    }
}
