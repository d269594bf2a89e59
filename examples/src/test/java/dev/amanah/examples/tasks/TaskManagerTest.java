package dev.amanah.examples.tasks;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceiveEquals;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class TaskManagerTest {
    @Test
    void processesADonationUnderTheNamedSupervisorWithTheSeedsSimulation() {
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withName(TaskManager.SUPERVISOR)).orElseThrow());
        var task = new TaskManager().processDonationSupervised("don-1");
        assertThat(supervisor.children()).contains(task.pid().orElseThrow());
        assertThat(task.await()).isEqualTo(Result.ok("don-1"));
        assertMailboxEmpty();
        supervisor.stop();
    }

    @Test
    void aBatchReportsEachDonationsResultCrashOrTimeoutInOrderAndTheCallerSurvives() {
        var leaks = Leaks.baseline();
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var manager = new TaskManager(supervisor).withDonationProcessor(id -> switch (id) {
            case "crash" -> throw new IllegalStateException("gateway refused " + id);
            case "slow" -> {
                Processes.sleep(Processes.INFINITY);
                yield Result.ok(id);
            }
            default -> Result.ok(id);
        }, Duration.ofSeconds(2));

        var results = manager.processDonationsBatch(List.of("don-1", "crash", "slow", "don-2"));

        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo(Result.ok("don-1"));
        assertThat(results.get(1)).isInstanceOfSatisfying(Result.Error.class, error -> assertThat(error.reason())
                .isInstanceOfSatisfying(ExitReason.Crash.class,
                        crash -> assertThat(crash.exception()).hasMessage("gateway refused crash")));
        assertThat(results.get(2)).isEqualTo(Result.error(ExitReason.TIMEOUT));
        assertThat(results.get(3)).isEqualTo(Result.ok("don-2"));
        assertThat(supervisor.children()).isEmpty(); // the slow one was killed
        assertMailboxEmpty();
        supervisor.stop();
        leaks.assertNoneLeft();
    }

    @Test
    void receiptsAreSentFireAndForgetAndOneFailureAffectsNobody() {
        var leaks = Leaks.baseline();
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var self = Processes.self();
        var manager = new TaskManager(supervisor).withReceiptSender(id -> {
            if (id.equals("bad")) {
                throw new IllegalStateException("mail server down");
            }
            self.send("receipt " + id);
        });
        manager.sendReceiptsAsync(List.of("don-1", "bad", "don-2"));
        assertReceiveEquals("receipt don-1");
        assertReceiveEquals("receipt don-2");
        refuteReceive(Duration.ofMillis(50), m -> true); // no exit signal, no monitor message
        Leaks.await(() -> supervisor.children().isEmpty(), "the receipt tasks to end");
        supervisor.stop();
        leaks.assertNoneLeft();
    }
}
