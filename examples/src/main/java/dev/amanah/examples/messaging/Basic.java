package dev.amanah.examples.messaging;

import static dev.amanah.examples.SimpleZakat.calculateZakat;

import dev.amanah.examples.IO;
import dev.amanah.examples.Result;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;

/**
 * The seed's {@code FinancialDomain.Messaging.Basic}: send and receive, a receive loop over several
 * kinds of message, and selective receive.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>Money is exact and the nisab is reached at equality ({@link dev.amanah.examples.SimpleZakat}).</li>
 *   <li>{@code calculate_and_notify} uses {@code spawn/1}: if the calculation crashed, the caller
 *       would wait the full 5 s and report a timeout; after a timeout, a late
 *       {@code {:zakat_result, _}} would stay in the mailbox, where the next call would take it as
 *       its own answer. Here the worker is monitored (a crash is an error with its reason, at once),
 *       its answer carries a fresh {@link Ref} (no stale answer is ever taken), and on timeout it is
 *       killed and its monitor flushed, so nothing is left behind.</li>
 *   <li>{@code wait_for_specific_donation} takes every donation for another id out of the mailbox
 *       and drops it ("Ignoring donation ..."), and restarts its 10-second {@code after} each time,
 *       so a steady trickle of other donations postpones the timeout for ever. Here the receive is
 *       truly selective: other donations stay queued, in order, for whoever wants them, and 10 s is
 *       the whole wait.</li>
 * </ul>
 */
public final class Basic {
    /** How long {@link #calculateAndNotify} waits: 5 s, as the seed. */
    public static final Duration CALCULATION_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #waitForSpecificDonation} waits in all: 10 s, as the seed. */
    public static final Duration DONATION_TIMEOUT = Duration.ofSeconds(10);

    private Basic() {
    }

    /** {@code {:zakat_result, amount}}, tagged with the call it answers. */
    public record ZakatResult(Ref tag, Money amount) {
    }

    /** {@code {:donation, amount}}, for {@link #processMessages()}. */
    public record Donation(Money amount) {
    }

    /** {@code {:zakat, wealth, nisab}}, for {@link #processMessages()}. */
    public record Zakat(Money wealth, Money nisab) {
    }

    /** {@code {:stop}}: ends {@link #processMessages()}. */
    public record Stop() {
    }

    /** {@code {:donation, id, amount}}, for {@link #waitForSpecificDonation}. */
    public record IdentifiedDonation(String id, Money amount) {
    }

    /**
     * Computes the zakat in a new process, which sends the result back; waits up to
     * {@link #CALCULATION_TIMEOUT}. Returns {@code Ok(amount)}, {@code Error(reason)} if the
     * calculation crashed, or {@code Error(TIMEOUT)}. Leaves nothing in the caller's mailbox.
     */
    public static Result<Money> calculateAndNotify(Money wealth, Money nisab) {
        var parent = Processes.self();
        var tag = new Ref();
        var worker = Processes.spawnMonitor(() -> {
            var result = calculateZakat(wealth, nisab);
            parent.send(new ZakatResult(tag, result));
        });
        Result<Money> outcome = Processes.receive(CALCULATION_TIMEOUT, message -> switch (message) {
            case ZakatResult(var t, var amount) when t == tag -> Result.ok(amount);
            case Down(var ref, var pid, var reason) when ref == worker.ref() -> Result.error(reason);
            default -> null;
        });
        if (outcome == null) {
            Processes.exit(worker.pid(), ExitReason.KILL); // dead at once: it can send nothing more
            Processes.demonitor(worker.ref(), true);
            // It may have answered between the timeout and the kill.
            outcome = Processes.receive(Duration.ZERO,
                    message -> message instanceof ZakatResult(var t, var amount) && t == tag ? Result.ok(amount) : null,
                    () -> Result.error(ExitReason.TIMEOUT));
        } else if (outcome instanceof Result.Ok<Money>) {
            Processes.demonitor(worker.ref(), true);
        }
        return outcome;
    }

    /**
     * Handles messages until {@link Stop}: a {@link Donation} or a {@link Zakat} is printed, any
     * other message is printed as unknown. Waits for messages without a timeout: it is a server
     * loop, meant to run in its own process ({@code Processes.spawn(Basic::processMessages)}).
     */
    public static void processMessages() {
        for (;;) {
            switch (Processes.receive()) {
                case Donation(var amount) -> handleDonation(amount);
                case Zakat(var wealth, var nisab) -> handleZakat(wealth, nisab);
                case Stop() -> {
                    return;
                }
                case Object unknown -> IO.puts("Unknown message: " + unknown);
            }
        }
    }

    /**
     * Waits up to {@link #DONATION_TIMEOUT} in all for the {@link IdentifiedDonation} with
     * {@code expectedId} and returns {@code Ok(amount)}, or {@code Error(TIMEOUT)}. Donations for
     * other ids, and every other message, stay in the mailbox in their order.
     */
    public static Result<Money> waitForSpecificDonation(String expectedId) {
        return waitForSpecificDonation(expectedId, DONATION_TIMEOUT);
    }

    /** {@link #waitForSpecificDonation(String)} with another timeout. */
    public static Result<Money> waitForSpecificDonation(String expectedId, Duration timeout) {
        return Processes.receive(timeout,
                message -> message instanceof IdentifiedDonation(var id, var amount) && id.equals(expectedId)
                        ? Result.ok(amount) : null,
                () -> Result.error(ExitReason.TIMEOUT));
    }

    private static void handleDonation(Money amount) {
        IO.puts("Handling donation: " + amount);
    }

    private static void handleZakat(Money wealth, Money nisab) {
        IO.puts("Handling zakat: " + calculateZakat(wealth, nisab));
    }
}
