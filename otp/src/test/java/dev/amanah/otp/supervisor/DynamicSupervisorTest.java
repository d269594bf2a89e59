package dev.amanah.otp.supervisor;

import static dev.amanah.otp.supervisor.TestWorker.awaitStart;
import static dev.amanah.otp.supervisor.TestWorker.awaitStop;
import static dev.amanah.otp.supervisor.TestWorker.crash;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class DynamicSupervisorTest {

    @Test
    void D1_startsChildrenOnDemandUpToMaxChildrenAndRestartsOneForOne() {
        var self = Processes.self();
        var sup = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT.withMaxChildren(2)).orElseThrow();
        var one = DynamicSupervisor.startChild(sup, TestWorker.spec("one", self)).orElseThrow();
        var two = DynamicSupervisor.startChild(sup, TestWorker.spec("two", self)).orElseThrow();
        assertThat(awaitStart("one")).isEqualTo(one);
        assertThat(awaitStart("two")).isEqualTo(two);
        assertThat(DynamicSupervisor.startChild(sup, TestWorker.spec("three", self)))
                .isEqualTo(new StartResult.Error(ChildError.MAX_CHILDREN.asReason()));

        crash(one);
        var again = awaitStart("one");
        assertThat(two.isAlive()).isTrue();
        assertThat(DynamicSupervisor.whichChildren(sup)).containsExactly(
                new ChildInfo("two", Optional.of(two), false, ChildSpec.Type.WORKER),
                new ChildInfo("one", Optional.of(again), false, ChildSpec.Type.WORKER));

        assertThat(DynamicSupervisor.terminateChild(sup, two)).isTrue();
        assertThat(awaitStop("two")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(DynamicSupervisor.terminateChild(sup, two)).isFalse();
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new ChildCounts(1, 1, 0, 1));

        var temporary = DynamicSupervisor.startChild(sup,
                TestWorker.spec("temp", self).withRestart(ChildSpec.Restart.TEMPORARY)).orElseThrow();
        awaitStart("temp");
        var ref = Processes.monitor(temporary);
        crash(temporary);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(DynamicSupervisor.countChildren(sup).specs()).isEqualTo(1);
    }

    @Test
    void supervisorsQueriesOfChildrenAreAnsweredByADynamicSupervisorToo() {
        var self = Processes.self();
        var sup = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT).orElseThrow();
        var one = DynamicSupervisor.startChild(sup, TestWorker.spec("one", self)).orElseThrow();
        awaitStart("one");

        assertThat(Supervisor.whichChildren(sup)).isEqualTo(DynamicSupervisor.whichChildren(sup))
                .containsExactly(new ChildInfo("one", Optional.of(one), false, ChildSpec.Type.WORKER));
        assertThat(Supervisor.countChildren(sup)).isEqualTo(DynamicSupervisor.countChildren(sup));
        assertThat(sup.isAlive()).isTrue();
    }

    @Test
    void D1_moreThanThreeRestartsInFiveSecondsShutItDown() {
        var self = Processes.self();
        var sup = DynamicSupervisor.start(DynamicSupervisorOptions.DEFAULT).orElseThrow();
        var ref = Processes.monitor(sup);
        DynamicSupervisor.startChild(sup, TestWorker.spec("calm", self));
        var calm = awaitStart("calm");
        DynamicSupervisor.startChild(sup, TestWorker.spec("flaky", self));
        var flaky = awaitStart("flaky");
        for (int i = 0; i < 3; i++) {
            crash(flaky);
            flaky = awaitStart("flaky");
        }
        crash(flaky);
        var down = assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(down.reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(awaitStop("calm")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(calm.isAlive()).isFalse();
    }
}
