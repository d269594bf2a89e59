package dev.amanah.otp.supervisor;

import static dev.amanah.otp.supervisor.TestWorker.awaitStart;
import static dev.amanah.otp.supervisor.TestWorker.awaitStop;
import static dev.amanah.otp.supervisor.TestWorker.crash;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceived;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class SupervisorTest {

    private static Down down(Ref ref) {
        return assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    private static List<Optional<Pid>> pids(Pid supervisor) {
        return Supervisor.whichChildren(supervisor).stream().map(ChildInfo::pid).toList();
    }

    private static List<ChildSpec> abc(Pid observer) {
        return List.of(TestWorker.spec("a", observer), TestWorker.spec("b", observer), TestWorker.spec("c", observer));
    }

    @Test
    void S1_childrenStartInOrderAndStopInReverseOrder() {
        var self = Processes.self();
        var sup = Supervisor.startLink(abc(self)).orElseThrow();
        // startLink returned after all three started: their reports are already here, in order.
        assertThat(Processes.messages()).extracting(m -> ((TestWorker.Started) m).id()).containsExactly("a", "b", "c");
        var a = awaitStart("a");
        awaitStart("b");
        awaitStart("c");
        assertThat(Supervisor.whichChildren(sup)).extracting(ChildInfo::id).containsExactly("a", "b", "c");
        assertThat(pids(sup).get(0)).contains(a);

        Supervisor.stop(sup);
        assertThat(Processes.messages()).extracting(m -> ((TestWorker.Stopped) m).id()).containsExactly("c", "b", "a");
        assertThat(awaitStop("c")).isEqualTo(ExitReason.SHUTDOWN);
        awaitStop("b");
        awaitStop("a");
        assertThat(a.isAlive()).isFalse();
    }

    @Test
    void S2_moreThanThreeRestartsInFiveSecondsShutTheSupervisorDown() {
        var self = Processes.self();
        var sup = Supervisor.start(abc(self), SupervisorOptions.DEFAULT).orElseThrow();
        var ref = Processes.monitor(sup);
        var a = awaitStart("a");
        var c = awaitStart("c");
        awaitStart("b");
        for (int restart = 1; restart <= 3; restart++) {
            crash(a);
            a = awaitStart("a");
        }
        assertThat(sup.isAlive()).isTrue();
        crash(a);
        assertThat(down(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(c.isAlive()).isFalse();
        refuteReceived(m -> m instanceof TestWorker.Started s && s.id().equals("a") ? s : null);
    }

    @Test
    void S2_zeroRestartsAllowedGivesUpAtTheFirstCrash() {
        var sup = Supervisor.start(abc(Processes.self()),
                SupervisorOptions.DEFAULT.withMaxRestarts(0)).orElseThrow();
        var ref = Processes.monitor(sup);
        crash(awaitStart("b"));
        assertThat(down(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
    }

    /** A period of {@link Processes#INFINITY}, too long for nanoseconds, forgets no restart. */
    @Test
    void S2_anInfinitePeriodCountsEveryRestart() {
        var sup = Supervisor.start(abc(Processes.self()),
                SupervisorOptions.DEFAULT.withMaxRestarts(1).withMaxSeconds(Processes.INFINITY)).orElseThrow();
        var ref = Processes.monitor(sup);
        crash(awaitStart("a"));
        crash(awaitStart("a"));
        assertThat(down(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void S3_strategiesRestartTheRightSiblings() {
        var self = Processes.self();
        for (var strategy : Strategy.values()) {
            var sup = Supervisor.startLink(abc(self), SupervisorOptions.of(strategy)).orElseThrow();
            var before = pids(sup);
            var a = awaitStart("a");
            var b = awaitStart("b");
            var c = awaitStart("c");
            crash(b);
            awaitStart("b");
            if (strategy != Strategy.ONE_FOR_ONE) {
                awaitStart("c");
            }
            if (strategy == Strategy.ONE_FOR_ALL) {
                awaitStart("a");
            }
            var after = pids(sup);
            assertThat(after.get(0).equals(before.get(0))).as("a kept by %s", strategy).isEqualTo(strategy != Strategy.ONE_FOR_ALL);
            assertThat(after.get(1)).isNotEqualTo(before.get(1));
            assertThat(after.get(2).equals(before.get(2))).as("c kept by %s", strategy).isEqualTo(strategy == Strategy.ONE_FOR_ONE);
            assertThat(a.isAlive()).isEqualTo(strategy != Strategy.ONE_FOR_ALL);
            assertThat(c.isAlive()).isEqualTo(strategy == Strategy.ONE_FOR_ONE);
            Supervisor.stop(sup);
            while (Processes.receive(Duration.ZERO) != null) {
                // drop this round's reports
            }
        }
    }

    @Test
    void S4_restartTypesDecideWhetherAChildComesBack() {
        var self = Processes.self();
        var sup = Supervisor.startLink(List.of(
                TestWorker.spec("permanent", self),
                TestWorker.spec("transient", self).withRestart(ChildSpec.Restart.TRANSIENT),
                TestWorker.spec("temporary", self).withRestart(ChildSpec.Restart.TEMPORARY))).orElseThrow();
        var permanent = awaitStart("permanent");
        var transientChild = awaitStart("transient");
        var temporary = awaitStart("temporary");

        TestWorker.stopWith(permanent, ExitReason.NORMAL);
        awaitStart("permanent");

        crash(transientChild);
        transientChild = awaitStart("transient");
        var transientRef = Processes.monitor(transientChild);
        TestWorker.stopWith(transientChild, ExitReason.shutdown("done"));
        down(transientRef);

        var temporaryRef = Processes.monitor(temporary);
        crash(temporary);
        down(temporaryRef);
        // A process's link Exit is sent before its monitors' Down, and the supervisor handles
        // its mailbox in order: once this call returns, both exits were handled.
        var children = Supervisor.whichChildren(sup);
        assertThat(children).extracting(ChildInfo::id).containsExactly("permanent", "transient");
        assertThat(children.get(1).pid()).isEmpty();
        refuteReceived(m -> m instanceof TestWorker.Started s && !s.id().equals("permanent") ? s : null);

        // A temporary sibling taken down by one_for_all is not restarted either.
        var all = Supervisor.startLink(List.of(
                TestWorker.spec("x", self),
                TestWorker.spec("tmp", self).withRestart(ChildSpec.Restart.TEMPORARY)),
                SupervisorOptions.of(Strategy.ONE_FOR_ALL)).orElseThrow();
        var x = awaitStart("x");
        awaitStart("tmp");
        crash(x);
        awaitStart("x");
        assertThat(Supervisor.whichChildren(all)).extracting(ChildInfo::id).containsExactly("x");
        refuteReceived(m -> m instanceof TestWorker.Started s && s.id().equals("tmp") ? s : null);
    }

    @Test
    void S5_shutdownBrutalKillTimeoutAndDefaults() {
        var self = Processes.self();
        var sup = Supervisor.startLink(List.of(
                TestWorker.spec("graceful", self),
                TestWorker.spec("brutal", self).withShutdown(ChildSpec.Shutdown.BRUTAL_KILL),
                ChildSpec.worker("stubborn", () -> GenServer.startLink(new TestWorker("stubborn", self, true)))
                        .withShutdown(ChildSpec.Shutdown.timeout(Duration.ofMillis(50))))).orElseThrow();
        var graceful = awaitStart("graceful");
        var brutal = awaitStart("brutal");
        var stubborn = awaitStart("stubborn");
        var refs = List.of(Processes.monitor(graceful), Processes.monitor(brutal), Processes.monitor(stubborn));

        assertThat(Supervisor.terminateChild(sup, "graceful")).isTrue();
        assertThat(awaitStop("graceful")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(down(refs.get(0)).reason()).isEqualTo(ExitReason.SHUTDOWN);

        assertThat(Supervisor.terminateChild(sup, "brutal")).isTrue();
        assertThat(down(refs.get(1)).reason()).isEqualTo(ExitReason.KILLED);
        refuteReceived(m -> m instanceof TestWorker.Stopped s && s.id().equals("brutal") ? s : null);

        assertThat(Supervisor.terminateChild(sup, "stubborn")).isTrue();
        assertThat(awaitStop("stubborn")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(down(refs.get(2)).reason()).isEqualTo(ExitReason.KILLED);

        assertThat(Supervisor.terminateChild(sup, "nobody")).isFalse();
        assertThat(Supervisor.countChildren(sup)).isEqualTo(new ChildCounts(3, 0, 0, 3));
        assertThat(ChildSpec.worker("w", () -> null).shutdown()).isEqualTo(ChildSpec.Shutdown.timeout(Duration.ofSeconds(5)));
        assertThat(ChildSpec.supervisor("s", () -> null).shutdown()).isEqualTo(ChildSpec.Shutdown.INFINITY);
        assertThat(Supervisor.childSpec("nested", List.of(), SupervisorOptions.DEFAULT).shutdown())
                .isEqualTo(ChildSpec.Shutdown.INFINITY);
    }

    @Test
    void S6_childSpecDefaultsSignificantChildrenAndAutoShutdown() {
        var self = Processes.self();
        var spec = TestWorker.spec("w", self);
        assertThat(spec.restart()).isEqualTo(ChildSpec.Restart.PERMANENT);
        assertThat(spec.type()).isEqualTo(ChildSpec.Type.WORKER);
        assertThat(spec.significant()).isFalse();
        assertThatThrownBy(() -> spec.withSignificant(true)).isInstanceOf(IllegalArgumentException.class);
        var significant = spec.withRestart(ChildSpec.Restart.TRANSIENT).withSignificant(true);
        assertThatThrownBy(() -> Supervisor.startLink(List.of(significant)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Supervisor.startLink(List.of(spec, spec)))
                .isInstanceOf(IllegalArgumentException.class);

        var sup = Supervisor.start(List.of(TestWorker.spec("other", self), significant),
                SupervisorOptions.DEFAULT.withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)).orElseThrow();
        var ref = Processes.monitor(sup);
        var other = awaitStart("other");
        TestWorker.stopWith(awaitStart("w"), ExitReason.NORMAL);
        assertThat(down(ref).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(other.isAlive()).isFalse();
    }

    /** Sent by a start function that failed, once. */
    private record StartFailed() {
    }

    @Test
    void S6_allSignificantCountsARestartingSignificantChildAsStillThere() {
        var self = Processes.self();
        var failing = new AtomicBoolean();
        var told = new AtomicBoolean();
        var flaky = ChildSpec.worker("b", () -> {
            if (failing.get()) {
                if (!told.getAndSet(true)) {
                    self.send(new StartFailed());
                }
                return new StartResult.Error(ExitReason.of("not yet"));
            }
            return TestWorker.start("b", self);
        }).withRestart(ChildSpec.Restart.TRANSIENT).withSignificant(true);
        var steady = TestWorker.spec("a", self).withRestart(ChildSpec.Restart.TRANSIENT).withSignificant(true);
        // Retries count as restarts: allow plenty while b's start keeps failing.
        var sup = Supervisor.start(List.of(steady, flaky), SupervisorOptions.DEFAULT
                .withAutoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .withMaxRestarts(Integer.MAX_VALUE).withMaxSeconds(Duration.ofSeconds(60))).orElseThrow();
        var supRef = Processes.monitor(sup);
        var a = awaitStart("a");
        var b = awaitStart("b");

        failing.set(true);
        crash(b);
        assertReceive(m -> m instanceof StartFailed f ? f : null); // b is restarting now
        var aRef = Processes.monitor(a);
        TestWorker.stopWith(a, ExitReason.NORMAL);
        down(aRef);
        // a's Exit reached the supervisor before this call: b, restarting, is still a significant
        // child, so the supervisor goes on, as OTP counts a {restarting, _} child.
        assertThat(Supervisor.whichChildren(sup))
                .contains(new ChildInfo("b", Optional.empty(), true, ChildSpec.Type.WORKER));
        refuteReceived(m -> m instanceof Down d && d.ref() == supRef ? d : null);

        failing.set(false);
        awaitStart("b");
        Supervisor.stop(sup);
    }

    @Test
    void dynamicSupervisorTerminateChildOnASupervisorTakesThePidAsAnIdAndFindsNoChild() {
        // In Elixir DynamicSupervisor.terminate_child sends {:terminate_child, pid}, which a
        // Supervisor reads as an id: {:error, :not_found}, and every child goes on running.
        var self = Processes.self();
        var sup = Supervisor.startLink(abc(self)).orElseThrow();
        var a = awaitStart("a");
        awaitStart("b");
        awaitStart("c");

        assertThat(DynamicSupervisor.terminateChild(sup, a)).isFalse();

        assertThat(sup.isAlive()).isTrue();
        assertThat(pids(sup)).allMatch(Optional::isPresent);
        assertThat(pids(sup).getFirst()).contains(a);
        Supervisor.stop(sup);
    }

    @Test
    void S7_ignoredChildIsKeptForRestartChild() {
        var self = Processes.self();
        var attempts = new AtomicInteger();
        var shy = ChildSpec.worker("shy", () -> attempts.getAndIncrement() == 0
                ? new StartResult.Ignore() : TestWorker.start("shy", self));
        var sup = Supervisor.startLink(List.of(TestWorker.spec("a", self), shy)).orElseThrow();
        var a = awaitStart("a");
        assertThat(Supervisor.whichChildren(sup)).containsExactly(
                new ChildInfo("a", Optional.of(a), false, ChildSpec.Type.WORKER),
                new ChildInfo("shy", Optional.empty(), false, ChildSpec.Type.WORKER));
        assertThat(Supervisor.countChildren(sup)).isEqualTo(new ChildCounts(2, 1, 0, 2));

        var restarted = Supervisor.restartChild(sup, "shy");
        assertThat(restarted.orElseThrow()).isEqualTo(awaitStart("shy"));
        assertThat(Supervisor.restartChild(sup, "shy"))
                .isEqualTo(new StartResult.Error(ChildError.RUNNING.asReason()));
        assertThat(Supervisor.restartChild(sup, "ghost"))
                .isEqualTo(new StartResult.Error(ChildError.NOT_FOUND.asReason()));
        assertThat(Supervisor.deleteChild(sup, "shy")).contains(ChildError.RUNNING);
        assertThat(Supervisor.terminateChild(sup, "shy")).isTrue();
        assertThat(Supervisor.deleteChild(sup, "shy")).isEmpty();
        assertThat(Supervisor.deleteChild(sup, "shy")).contains(ChildError.NOT_FOUND);

        assertThat(Supervisor.startChild(sup, TestWorker.spec("a", self)))
                .isEqualTo(new StartResult.Error(new AlreadyStarted(a).asReason()));
        var late = Supervisor.startChild(sup, TestWorker.spec("late", self)).orElseThrow();
        assertThat(awaitStart("late")).isEqualTo(late);
        assertThat(Supervisor.whichChildren(sup)).extracting(ChildInfo::id).containsExactly("a", "late");
    }

    @Test
    void S7_aChildThatFailsToStartFailsTheSupervisorAfterStoppingTheOthers() {
        var self = Processes.self();
        var failing = ChildSpec.worker("broken", () -> new StartResult.Error(ExitReason.of("no database")));
        var result = Supervisor.start(List.of(TestWorker.spec("a", self), failing), SupervisorOptions.DEFAULT);
        assertThat(result).isEqualTo(new StartResult.Error(
                ExitReason.shutdown(new FailedToStartChild("broken", ExitReason.of("no database")))));
        awaitStart("a");
        assertThat(awaitStop("a")).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void S_nestedSupervisorsStopFromTheLeavesUp() {
        var self = Processes.self();
        var inner = Supervisor.childSpec("inner", List.of(TestWorker.spec("leaf", self)), SupervisorOptions.DEFAULT);
        var root = Supervisor.startLink(List.of(TestWorker.spec("first", self), inner)).orElseThrow();
        awaitStart("first");
        var leaf = awaitStart("leaf");
        assertThat(Supervisor.countChildren(root)).isEqualTo(new ChildCounts(2, 2, 1, 1));
        var innerPid = pids(root).get(1).orElseThrow();
        var leafRef = Processes.monitor(leaf);
        Processes.exit(innerPid, ExitReason.KILL);
        // The leaf traps exits: its parent's exit signal runs its terminate.
        assertThat(awaitStop("leaf")).isEqualTo(ExitReason.KILLED);
        var newLeaf = awaitStart("leaf");
        assertThat(newLeaf).isNotEqualTo(leaf);
        assertThat(down(leafRef).reason()).isEqualTo(ExitReason.KILLED);
        Supervisor.stop(root);
        assertThat(awaitStop("leaf")).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(awaitStop("first")).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void G11_aGenServerChildSpecIsPermanentWithFiveSecondShutdown() {
        var self = Processes.self();
        var spec = ChildSpec.worker("server", () -> GenServer.startLink(new TestWorker("server", self, false)));
        assertThat(spec.restart()).isEqualTo(ChildSpec.Restart.PERMANENT);
        assertThat(spec.shutdown()).isEqualTo(ChildSpec.Shutdown.timeout(Duration.ofMillis(5000)));
        assertThat(spec.type()).isEqualTo(ChildSpec.Type.WORKER);
        var sup = Supervisor.startLink(List.of(spec)).orElseThrow();
        assertThat(pids(sup).getFirst()).contains(awaitStart("server"));
    }
}
