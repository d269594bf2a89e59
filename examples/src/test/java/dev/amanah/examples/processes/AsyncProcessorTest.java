package dev.amanah.examples.processes;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.examples.testing.Signals.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.processes.AsyncProcessor.Backend;
import dev.amanah.examples.processes.AsyncProcessor.DonationError;
import dev.amanah.examples.processes.AsyncProcessor.DonationProcessed;
import dev.amanah.examples.processes.AsyncProcessor.Receipt;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class AsyncProcessorTest {
    /** The seed's stubs, recording the clean-up steps. */
    static class RecordingBackend implements Backend {
        final List<String> cleanups = new CopyOnWriteArrayList<>();

        @Override
        public void disconnectFromGateway() {
            cleanups.add("disconnect");
        }

        @Override
        public void releaseResources() {
            cleanups.add("release");
        }
    }

    @Test
    void reportsTheReceiptThenCleansUp() {
        Processes.trapExits(true);
        var backend = new RecordingBackend();
        var pid = new AsyncProcessor(backend).processAsync("don-1");
        DonationProcessed processed = assertReceive(m -> m instanceof DonationProcessed p ? p : null);
        assertThat(processed).isEqualTo(new DonationProcessed("don-1", new Receipt("receipt_123")));
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.NORMAL);
        assertThat(backend.cleanups).containsExactly("disconnect", "release");
        assertMailboxEmpty();
    }

    @Test
    void reportsAFailureAsAMessageAndStillCleansUp() {
        Processes.trapExits(true);
        var backend = new RecordingBackend() {
            @Override
            public Receipt processPayment(AsyncProcessor.Donation donation) {
                throw new IllegalStateException("card declined");
            }
        };
        var pid = new AsyncProcessor(backend).processAsync("don-2");
        var error = assertReceive(m -> m instanceof DonationError e ? e : null);
        assertThat(error.donationId()).isEqualTo("don-2");
        assertThat(error.error()).hasMessage("card declined");
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.NORMAL); // rescued: the process ends normally
        assertThat(backend.cleanups).containsExactly("disconnect", "release");
    }

    @Test
    void anExitIsNotRescuedItEndsTheProcessAndReachesTheLinkedCallerAfterCleanUp() {
        Processes.trapExits(true);
        var backend = new RecordingBackend() {
            @Override
            public void connectToGateway() {
                throw new ExitException(ExitReason.of("gateway_gone"));
            }
        };
        var pid = new AsyncProcessor(backend).processAsync("don-3");
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.of("gateway_gone"));
        assertThat(backend.cleanups).containsExactly("disconnect", "release");
        assertMailboxEmpty();
    }
}
