package dev.amanah.otp.supervisor;

import static dev.amanah.otp.supervisor.TestWorker.awaitStart;
import static dev.amanah.otp.supervisor.TestWorker.awaitStop;
import static dev.amanah.otp.supervisor.TestWorker.crash;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
    void supervisorTerminateChildByPidStopsThatChildAloneAsDynamicSupervisorsDoes() {
        // Elixir's Supervisor.terminate_child(dynamic_sup, pid) sends DynamicSupervisor's own
        // request, so it stops that child; it must not stop the supervisor and every child.
        var self = Processes.self();
        var sup = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT).orElseThrow();
        var one = DynamicSupervisor.startChild(sup, TestWorker.spec("one", self)).orElseThrow();
        var two = DynamicSupervisor.startChild(sup, TestWorker.spec("two", self)).orElseThrow();
        awaitStart("one");
        awaitStart("two");

        assertThat(Supervisor.terminateChild(sup, one)).isTrue();

        assertThat(awaitStop("one")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(sup.isAlive()).isTrue();
        assertThat(DynamicSupervisor.whichChildren(sup))
                .containsExactly(new ChildInfo("two", Optional.of(two), false, ChildSpec.Type.WORKER));
        assertThat(Supervisor.terminateChild(sup, one)).isFalse();
        assertThat(Supervisor.terminateChild(sup, "two")).isFalse(); // an id is no pid: not found
        assertThat(two.isAlive()).isTrue();
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

    record Started(Pid pid) {
    }

    record RestartFailed() {
    }

    /**
     * A worker whose start fails while {@code failing} is set, reporting its first failure once;
     * each successful start reports its pid.
     */
    private static ChildSpec flaky(Pid probe, AtomicBoolean failing) {
        var reported = new AtomicBoolean();
        return ChildSpec.worker("flaky", () -> {
            if (failing.get()) {
                if (reported.compareAndSet(false, true)) {
                    probe.send(new RestartFailed());
                }
                return new StartResult.Error(ExitReason.of("restart_failed"));
            }
            var pid = Processes.spawnLink(() -> Processes.receive());
            probe.send(new Started(pid));
            return new StartResult.Ok(pid);
        });
    }

    /** Restarts are retried at once, so the intensity must let them spin while a test looks. */
    private static final DynamicSupervisorOptions PATIENT =
            DynamicSupervisorOptions.DEFAULT.withMaxRestarts(Integer.MAX_VALUE).withMaxSeconds(Duration.ofMillis(1));

    @Test
    void aChildWhoseRestartFailedStaysAChildRestartingUntilARetryStartsIt() {
        var self = Processes.self();
        var failing = new AtomicBoolean();
        var sup = DynamicSupervisor.startLink(PATIENT.withMaxChildren(1)).orElseThrow();
        var first = DynamicSupervisor.startChild(sup, flaky(self, failing)).orElseThrow();
        assertReceive(m -> m instanceof Started s && s.pid() == first ? s : null);

        failing.set(true);
        Processes.exit(first, ExitReason.of("boom"));
        assertReceive(m -> m instanceof RestartFailed ? m : null);
        // From now on every answer comes between two failed attempts: the child is restarting.
        assertThat(DynamicSupervisor.whichChildren(sup))
                .containsExactly(new ChildInfo("flaky", Optional.empty(), true, ChildSpec.Type.WORKER));
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new ChildCounts(1, 0, 0, 1));
        assertThat(DynamicSupervisor.startChild(sup, TestWorker.spec("other", self)))
                .isEqualTo(new StartResult.Error(ChildError.MAX_CHILDREN.asReason()));

        failing.set(false);
        var restarted = assertReceive(m -> m instanceof Started s ? s.pid() : null);
        assertThat(DynamicSupervisor.whichChildren(sup))
                .containsExactly(new ChildInfo("flaky", Optional.of(restarted), false, ChildSpec.Type.WORKER));
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new ChildCounts(1, 1, 0, 1));
        DynamicSupervisor.stop(sup);
    }

    @Test
    void terminatingARestartingChildByItsLastPidForgetsItAndCancelsItsRetry() {
        var self = Processes.self();
        var failing = new AtomicBoolean();
        var sup = DynamicSupervisor.startLink(PATIENT).orElseThrow();
        var first = DynamicSupervisor.startChild(sup, flaky(self, failing)).orElseThrow();
        assertReceive(m -> m instanceof Started s && s.pid() == first ? s : null);
        failing.set(true);
        Processes.exit(first, ExitReason.of("boom"));
        assertReceive(m -> m instanceof RestartFailed ? m : null);

        assertThat(DynamicSupervisor.terminateChild(sup, first)).isTrue(); // Elixir: :ok
        failing.set(false);
        // The retry that was on its way is handled before this call: it must not start the child.
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new ChildCounts(0, 0, 0, 0));
        refuteReceived(m -> m instanceof Started ? m : null);
        assertThat(DynamicSupervisor.terminateChild(sup, first)).isFalse();
        DynamicSupervisor.stop(sup);
    }

    record Terminating(String id) {
    }

    /**
     * Traps exits; when shut down, reports it, then holds on until told "go" (or 10 s pass, so
     * that a failed test leaves nothing behind).
     */
    record SlowToStop(String id, Pid probe) implements GenServer<String> {
        @Override
        public InitResult<String> init() {
            Processes.trapExits(true);
            return new Ok<>(id);
        }

        @Override
        public void terminate(ExitReason reason, String state) {
            probe.send(new Terminating(id));
            Processes.receive(Duration.ofSeconds(10), m -> "go".equals(m) ? m : null);
        }
    }

    private static Pid startSlowToStop(Pid sup, String id, ChildSpec.Shutdown shutdown) {
        var probe = Processes.self();
        return DynamicSupervisor.startChild(sup,
                ChildSpec.worker(id, () -> GenServer.startLink(new SlowToStop(id, probe))).withShutdown(shutdown)).orElseThrow();
    }

    private static ExitReason downReason(Ref ref) {
        return assertReceive(m -> m instanceof Down d && d.ref() == ref ? d.reason() : null);
    }

    private static List<String> twoTerminating() {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            ids.add(assertReceive(m -> m instanceof Terminating t ? t.id() : null));
        }
        return ids;
    }

    @Test
    void aStoppingDynamicSupervisorShutsAllItsChildrenDownAtTheSameTime() {
        var sup = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT).orElseThrow();
        var supRef = Processes.monitor(sup);
        var a = startSlowToStop(sup, "a", ChildSpec.Shutdown.INFINITY);
        var b = startSlowToStop(sup, "b", ChildSpec.Shutdown.INFINITY);

        Processes.spawnLink(() -> DynamicSupervisor.stop(sup));
        try {
            // Both are told to shut down before either has finished.
            assertThat(twoTerminating()).containsExactlyInAnyOrder("a", "b");
        } finally {
            a.send("go");
            b.send("go");
        }
        assertThat(downReason(supRef)).isEqualTo(ExitReason.NORMAL);
    }

    @Test
    void aChildStillRunningAfterItsShutdownTimeoutIsKilledWhileTheOthersAreStillWaitedFor() {
        var sup = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT).orElseThrow();
        var supRef = Processes.monitor(sup);
        var quick = startSlowToStop(sup, "quick", ChildSpec.Shutdown.timeout(Duration.ofMillis(50)));
        var patient = startSlowToStop(sup, "patient", ChildSpec.Shutdown.INFINITY);
        var quickRef = Processes.monitor(quick);
        var patientRef = Processes.monitor(patient);

        Processes.spawnLink(() -> DynamicSupervisor.stop(sup));
        try {
            assertThat(twoTerminating()).containsExactlyInAnyOrder("quick", "patient");
            assertThat(downReason(quickRef)).isEqualTo(ExitReason.KILLED);
            assertThat(patient.isAlive()).isTrue(); // still in its terminate, waited for
        } finally {
            patient.send("go");
        }
        assertThat(downReason(patientRef)).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(downReason(supRef)).isEqualTo(ExitReason.NORMAL);
    }
}
