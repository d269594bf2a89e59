package dev.amanah.examples.messaging;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.messaging.Basic.Donation;
import dev.amanah.examples.messaging.Basic.IdentifiedDonation;
import dev.amanah.examples.messaging.Basic.Stop;
import dev.amanah.examples.messaging.Basic.Zakat;
import dev.amanah.examples.messaging.Basic.ZakatResult;
import dev.amanah.examples.testing.CapturedIO;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class BasicTest {
    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void calculateAndNotifyReturnsTheWorkersExactResultAndLeavesNothingQueued() {
        assertThat(Basic.calculateAndNotify(usd("10000"), usd("5000"))).isEqualTo(Result.ok(usd("250")));
        assertMailboxEmpty();
    }

    @Test
    void calculateAndNotifyNeverTakesAStaleAnswerForItsOwn() {
        var stale = new ZakatResult(new Ref(), usd("999"));
        Processes.self().send(stale); // as if left by an earlier call that timed out
        assertThat(Basic.calculateAndNotify(usd("5000"), usd("5000"))).isEqualTo(Result.ok(usd("125")));
        assertThat(Processes.messages()).containsExactly(stale);
        Processes.receive();
    }

    @Test
    void calculateAndNotifyReportsACrashAtOnceWithItsReason() {
        var result = Basic.calculateAndNotify(usd("10000"), Money.of("5000", "EUR"));
        assertThat(result).isInstanceOfSatisfying(Result.Error.class,
                error -> assertThat(error.reason()).isInstanceOf(ExitReason.Crash.class));
        assertMailboxEmpty();
    }

    @Test
    void processMessagesHandlesEachKindUntilStop() {
        try (var io = CapturedIO.start()) {
            var pid = Processes.spawn(Basic::processMessages);
            var ref = Processes.monitor(pid);
            pid.send(new Donation(usd("50")));
            pid.send(new Zakat(usd("10000"), usd("5000")));
            pid.send("refund");
            pid.send(new Stop());
            var down = assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
            assertThat(down.reason()).isEqualTo(ExitReason.NORMAL);
            assertThat(io.lines()).containsExactly("Handling donation: 50.00 USD", "Handling zakat: 250.00 USD",
                    "Unknown message: refund");
        }
    }

    @Test
    void waitForSpecificDonationLeavesOtherDonationsQueuedInOrder() {
        var self = Processes.self();
        var other1 = new IdentifiedDonation("d-1", usd("10"));
        var other2 = new IdentifiedDonation("d-2", usd("20"));
        self.send(other1);
        self.send(other2);
        self.send(new IdentifiedDonation("d-3", usd("30")));
        assertThat(Basic.waitForSpecificDonation("d-3")).isEqualTo(Result.ok(usd("30")));
        assertThat(Processes.messages()).containsExactly(other1, other2);
        assertThat(Basic.waitForSpecificDonation("d-1")).isEqualTo(Result.ok(usd("10")));
        assertThat(Processes.messages()).containsExactly(other2);
        Processes.receive();
    }

    @Test
    void waitForSpecificDonationTimesOutWithoutTakingAnything() {
        var other = new IdentifiedDonation("d-1", usd("10"));
        Processes.self().send(other);
        assertThat(Basic.waitForSpecificDonation("d-9", Duration.ofMillis(20)))
                .isEqualTo(Result.error(ExitReason.TIMEOUT));
        assertThat(Processes.messages()).containsExactly(other);
        Processes.receive();
    }

    @Test
    void waitForSpecificDonationTakesOneThatArrivesLater() {
        var self = Processes.self();
        Processes.spawn(() -> {
            self.send(new IdentifiedDonation("d-1", usd("10")));
            self.send(new IdentifiedDonation("d-2", usd("20")));
        });
        assertThat(Basic.waitForSpecificDonation("d-2")).isEqualTo(Result.ok(usd("20")));
        assertReceive(m -> m instanceof IdentifiedDonation d && d.id().equals("d-1") ? d : null);
    }
}
