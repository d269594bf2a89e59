package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of {@link SandboxKillTest}: charges keys {@code key-0, key-1, ...} through a
 * sandbox with fsync on, each key by two processes at about the same time, and prints
 * {@code ack <key> <chargeId>} once a charge has been answered, until it is killed.
 */
final class SandboxChargeLoop {
    private SandboxChargeLoop() {
    }

    public static void main(String[] args) {
        var journal = Path.of(args[0]);
        var sandbox = SandboxGateway.open(journal,
                SandboxConfig.RELIABLE.withFsync(true).withLatency(Duration.ZERO, Duration.ofMillis(1)));
        int workersPerSequence = 8;
        var sequences = new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()};
        var done = new java.util.concurrent.CountDownLatch(1);
        for (var sequence : sequences) {
            for (int w = 0; w < workersPerSequence; w++) {
                Processes.spawn(() -> {
                    for (;;) {
                        var key = "key-" + sequence.getAndIncrement();
                        var outcome = sandbox.charge(new ChargeRequest(key, Money.of("5.00", "USD"), "tok_visa", "donor"));
                        if (outcome instanceof Charged charged) {
                            System.out.println("ack " + key + " " + charged.chargeId());
                        }
                    }
                });
            }
        }
        try {
            done.await();   // until killed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
