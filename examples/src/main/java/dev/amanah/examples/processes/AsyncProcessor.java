package dev.amanah.examples.processes;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.Objects;

/**
 * The seed's {@code FinancialDomain.Donations.AsyncProcessor}: a donation processed in a linked
 * process that reports back with a message and always cleans up ({@code try/rescue/after}).
 *
 * <p>The seed's private stubs ({@code fetch_donation}, {@code connect_to_gateway}, ...) are the
 * default methods of {@link Backend}, so a test can replace one. Changed from the seed: the
 * amount is exact {@link Money}. Like the seed's {@code rescue}, which catches raised errors but
 * not exits, the body reports exceptions as {@link DonationError} but lets an
 * {@link ExitException} (Elixir's {@code exit}) end the process, and so, through the link, the
 * caller; the clean-up runs in both cases.
 */
public final class AsyncProcessor {
    private final Backend backend;

    /** A processor on the seed's stubs ({@link Backend#SIMULATED}). */
    public AsyncProcessor() {
        this(Backend.SIMULATED);
    }

    /** A processor on {@code backend}. */
    public AsyncProcessor(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** A donation as {@code fetch_donation} returns it: {@code %{amount: 100, currency: "USD"}}. */
    public record Donation(String id, Money amount) {
    }

    /** What {@code process_payment} returns on success: {@code {:ok, "receipt_123"}}. */
    public record Receipt(String id) {
    }

    /** {@code {:donation_processed, donation_id, result}}: the payment went through. */
    public record DonationProcessed(String donationId, Receipt receipt) {
    }

    /** {@code {:donation_error, donation_id, error}}: a step threw {@code error}. */
    public record DonationError(String donationId, Exception error) {
    }

    /**
     * The steps the processor runs, each in the processing process. The defaults are the seed's
     * stubs; any method may throw to simulate a failure.
     */
    public interface Backend {
        /** The seed's stubs. */
        Backend SIMULATED = new Backend() {
        };

        /** Loads the donation: 100 USD. */
        default Donation fetchDonation(String id) {
            return new Donation(id, Money.of("100", "USD"));
        }

        /** Opens a gateway connection. */
        default void connectToGateway() {
        }

        /** Charges the donation: receipt {@code receipt_123}. */
        default Receipt processPayment(Donation donation) {
            return new Receipt("receipt_123");
        }

        /** Closes the gateway connection; runs whatever happened before. */
        default void disconnectFromGateway() {
        }

        /** Releases anything else held; runs whatever happened before. */
        default void releaseResources() {
        }
    }

    /**
     * Processes {@code donationId} in a new process linked to the caller and returns its pid at
     * once. The caller later receives {@link DonationProcessed} or {@link DonationError}; the
     * clean-up ({@code disconnectFromGateway}, then {@code releaseResources}) runs after the
     * message is sent, before the process ends {@code normal}.
     */
    public Pid processAsync(String donationId) {
        var parent = Processes.self();
        return Processes.spawnLink(() -> {
            try {
                // Setup
                var donation = backend.fetchDonation(donationId);
                backend.connectToGateway();
                // Process
                var result = backend.processPayment(donation);
                // Send result back
                parent.send(new DonationProcessed(donationId, result));
            } catch (ExitException exit) {
                throw exit; // an exit, not an error: rescue would not catch it either
            } catch (Exception error) {
                parent.send(new DonationError(donationId, error));
            } finally {
                // Cleanup happens regardless of success/failure
                backend.disconnectFromGateway();
                backend.releaseResources();
            }
        });
    }
}
