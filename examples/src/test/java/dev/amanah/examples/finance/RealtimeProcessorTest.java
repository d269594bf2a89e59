package dev.amanah.examples.finance;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.finance.RealtimeProcessor.Donation;
import dev.amanah.examples.finance.RealtimeProcessor.Outcome;
import dev.amanah.examples.finance.RealtimeProcessor.Services;
import dev.amanah.examples.finance.RealtimeProcessor.Validation;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class RealtimeProcessorTest {
    private static Donation donation(String id, String amount) {
        return new Donation(id, "ramadan", "donor-1", Money.of(amount, "USD"));
    }

    /** Starts a task supervisor and the processor; returns the processor's pid. */
    private static Pid start(TaskSupervisor supervisor, Services services) {
        return RealtimeProcessor.startLink(supervisor, services).orElseThrow();
    }

    private static void stop(Pid processor, TaskSupervisor supervisor) {
        Processes.unlink(processor);
        GenServer.stop(processor);
        supervisor.stop();
    }

    @Test
    void theCallerGetsItsReceipt() {
        var leaks = Leaks.baseline();
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = start(supervisor, Services.SIMULATED);
        assertThat(RealtimeProcessor.processDonation(donation("d-1", "100"))).isEqualTo(new Outcome.Completed("REC123"));
        assertThat(processor.isAlive()).isTrue(); // the seed's server crashed here
        assertMailboxEmpty();
        stop(processor, supervisor);
        leaks.assertNoneLeft();
    }

    @Test
    void aFailedValidationIsNamed() {
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = start(supervisor, new Services() {
            @Override
            public Validation checkFraud(Donation donation) {
                return new Validation.Invalid("suspected_fraud");
            }
        });
        assertThat(RealtimeProcessor.processDonation(donation("d-1", "-1")))
                .isEqualTo(new Outcome.ValidationFailed(java.util.List.of("invalid_amount", "suspected_fraud")));
        stop(processor, supervisor);
    }

    @Test
    void aCrashingPaymentFailsThatDonationOnlyAndTheServerCarriesOn() {
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = start(supervisor, new Services() {
            @Override
            public String processPayment(Donation donation) {
                if (donation.id().equals("d-bad")) {
                    throw new IllegalStateException("gateway down");
                }
                return "REC-" + donation.id();
            }
        });
        var failed = RealtimeProcessor.processDonation(donation("d-bad", "10"));
        assertThat(failed).isInstanceOfSatisfying(Outcome.Failed.class, f -> assertThat(f.reason())
                .isInstanceOfSatisfying(ExitReason.Crash.class, c -> assertThat(c.exception()).hasMessage("gateway down")));
        assertThat(RealtimeProcessor.processDonation(donation("d-2", "10"))).isEqualTo(new Outcome.Completed("REC-d-2"));
        stop(processor, supervisor);
    }

    @Test
    void theServerIsNotBlockedByADonationInProgress() throws Exception {
        var paymentStarted = new CountDownLatch(1);
        var releaseSlow = new CountDownLatch(1);
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = start(supervisor, new Services() {
            @Override
            public String processPayment(Donation donation) {
                if (donation.id().equals("d-slow")) {
                    paymentStarted.countDown();
                    try {
                        if (!releaseSlow.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the slow payment was never released");
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return "REC-" + donation.id();
            }
        });
        var slow = Task.async(() -> RealtimeProcessor.processDonation(donation("d-slow", "10")));
        assertThat(paymentStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // While the slow payment hangs, another donation goes all the way through.
        assertThat(RealtimeProcessor.processDonation(donation("d-fast", "10"))).isEqualTo(new Outcome.Completed("REC-d-fast"));
        assertThat(slow.yield(Duration.ZERO)).isEmpty();
        releaseSlow.countDown();
        assertThat(slow.await()).isEqualTo(new Outcome.Completed("REC-d-slow"));
        stop(processor, supervisor);
    }

    @Test
    void seedClaimTheFourValidationsRunConcurrently() {
        // Each validation waits until all four have started: run one after another, none would pass.
        var allFourStarted = new CountDownLatch(4);
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = start(supervisor, new Services() {
            private Validation withTheOthers(String what) {
                allFourStarted.countDown();
                try {
                    return allFourStarted.await(5, TimeUnit.SECONDS) ? new Validation.Valid(what)
                            : new Validation.Invalid("ran without the others");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Validation validateAmount(Donation donation) {
                return withTheOthers("valid");
            }

            @Override
            public Validation validateCampaign(Donation donation) {
                return withTheOthers("valid");
            }

            @Override
            public Validation checkFraud(Donation donation) {
                return withTheOthers("not_fraud");
            }

            @Override
            public Validation verifyDonor(Donation donation) {
                return withTheOthers("verified");
            }

            @Override
            public String processPayment(Donation donation) {
                return "REC123";
            }
        });
        assertThat(RealtimeProcessor.processDonation(donation("d-1", "10"))).isEqualTo(new Outcome.Completed("REC123"));
        stop(processor, supervisor);
    }
}
