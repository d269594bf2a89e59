package dev.amanah.donations.payment;

import dev.amanah.otp.Processes;
import java.time.Duration;

/**
 * How the gateways wait (simulated latency, retry backoff): injectable so tests record the waits
 * instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * The default: {@link Processes#sleep}. Chosen over {@code Thread.sleep} because it speaks the
     * runtime's language: a process killed while it waits ends at once with the runtime's
     * {@link dev.amanah.otp.ExitException} carrying its exit reason, where {@code Thread.sleep}
     * would hand the caller an {@code InterruptedException} to translate (and would also abort on
     * a stray interrupt that is no exit signal). A plain thread that calls it is adopted as a
     * process, as any caller of the runtime is.
     */
    Sleeper PROCESS = Processes::sleep;

    /** Blocks for {@code duration}; throws {@link dev.amanah.otp.ExitException} if killed meanwhile. */
    void sleep(Duration duration);
}
