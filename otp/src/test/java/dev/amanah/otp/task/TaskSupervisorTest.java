package dev.amanah.otp.task;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.BadCall;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildCounts;
import dev.amanah.otp.supervisor.ChildInfo;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.supervisor.DynamicSupervisorOptions;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class TaskSupervisorTest {

    private static void awaitGo() {
        Processes.receive(m -> "go".equals(m) ? m : null);
    }

    private static Down awaitDown(Ref ref) {
        return (Down) assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    private static Pid receivePid() {
        return (Pid) assertReceive(m -> m instanceof Pid p ? p : null);
    }

    @Test
    void TS1_asyncNolinkRepliesThenDownsNormalAndACrashIsOnlyADown() {
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var self = Processes.self();

        Task<String> ok = sup.asyncNolink(() -> "receipt");
        assertThat(Processes.info(self).orElseThrow().links()).doesNotContain(ok.pid().orElseThrow());
        var reply = (TaskReply<?>) assertReceive(m -> m instanceof TaskReply<?> r && r.ref() == ok.ref() ? r : null);
        assertThat(reply.result()).isEqualTo("receipt");
        assertThat(awaitDown(ok.ref()).reason()).isEqualTo(ExitReason.NORMAL);

        var boom = new IllegalStateException("gateway down");
        Task<String> crashing = sup.asyncNolink(() -> {
            throw boom;
        });
        assertThat(awaitDown(crashing.ref()).reason()).isEqualTo(new ExitReason.Crash(boom));
        assertMailboxEmpty();

        Task<String> awaited = sup.asyncNolink(() -> {
            throw boom;
        });
        assertThatThrownBy(awaited::await).isInstanceOfSatisfying(ExitException.class, e ->
                assertThat(((ExitReason.InCall) e.reason()).reason()).isEqualTo(new ExitReason.Crash(boom)));
        assertThat(Processes.isAlive(self)).isTrue();
        assertThat(Task.callers()).isEmpty();
        Task<List<Pid>> callers = sup.asyncNolink(Task::callers);
        assertThat(callers.await()).containsExactly(self);

        sup.stop();
        leaks.assertNoneLeft();
    }

    @Test
    void TS2_startChildRestartsAsItsPolicySays() {
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var self = Processes.self();

        // temporary (default): never restarted.
        var temporary = sup.startChild(() -> {
            self.send(Processes.self());
            awaitGo();
            throw new IllegalStateException("temporary crash");
        });
        assertThat(receivePid()).isEqualTo(temporary);
        assertThat(sup.children()).containsExactly(temporary);
        var watch = Processes.monitor(temporary);
        temporary.send("go");
        awaitDown(watch);
        Leaks.await(() -> sup.children().isEmpty(), "the temporary child to be forgotten");

        // transient: restarted after a crash, not after a normal exit.
        var transientChild = sup.startChild(() -> {
            self.send(Processes.self());
            if (Processes.receive(m -> m instanceof String s ? s : null).equals("crash")) {
                throw new IllegalStateException("transient crash");
            }
        }, ChildOptions.DEFAULT.withRestart(Restart.TRANSIENT));
        assertThat(receivePid()).isEqualTo(transientChild);
        transientChild.send("crash");
        var restarted = receivePid();
        assertThat(restarted).isNotEqualTo(transientChild);
        restarted.send("end");
        Leaks.await(() -> sup.children().isEmpty(), "the transient child to end for good");

        // permanent: restarted even after a normal exit.
        var permanent = sup.startChild(() -> {
            self.send(Processes.self());
            awaitGo();
        }, ChildOptions.DEFAULT.withRestart(Restart.PERMANENT));
        assertThat(receivePid()).isEqualTo(permanent);
        permanent.send("go");
        var again = receivePid();
        assertThat(sup.children()).containsExactly(again);
        assertThat(sup.terminateChild(again)).isTrue();
        assertThat(sup.terminateChild(again)).isFalse();
        assertThat(sup.children()).isEmpty();

        sup.stop();
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void TS2_shutdownIsPoliteWithAGracePeriodOrBrutal() {
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var self = Processes.self();

        var polite = sup.startChild(TaskSupervisorTest::awaitGo);
        var politeWatch = Processes.monitor(polite);
        sup.terminateChild(polite);
        assertThat(awaitDown(politeWatch).reason()).isEqualTo(ExitReason.SHUTDOWN);

        ProcessBody stubborn = () -> {
            Processes.trapExits(true);
            self.send(Processes.self());
            for (;;) {
                Processes.receive();
            }
        };
        var graced = sup.startChild(stubborn, ChildOptions.DEFAULT.withShutdown(Shutdown.timeout(Duration.ofMillis(50))));
        receivePid();
        var gracedWatch = Processes.monitor(graced);
        sup.terminateChild(graced);
        assertThat(awaitDown(gracedWatch).reason()).isEqualTo(ExitReason.KILLED);

        var brutal = sup.startChild(stubborn, ChildOptions.DEFAULT.withShutdown(Shutdown.BRUTAL_KILL));
        receivePid();
        var brutalWatch = Processes.monitor(brutal);
        // Stopping the supervisor stops its children too.
        sup.stop();
        assertThat(awaitDown(brutalWatch).reason()).isEqualTo(ExitReason.KILLED);
        leaks.assertNoneLeft();
    }

    @Test
    void TS2_tooManyRestartsStopTheSupervisorAndItsParentSeesIt() {
        var leaks = Leaks.baseline();
        Processes.trapExits(true);
        var sup = TaskSupervisor.of(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withMaxRestarts(2).withMaxSeconds(Duration.ofSeconds(30))).orElseThrow());
        var supPid = sup.pid().orElseThrow();
        sup.startChild(() -> {
            throw new IllegalStateException("always failing");
        }, ChildOptions.DEFAULT.withRestart(Restart.PERMANENT));
        var exit = (dev.amanah.otp.Exit) assertReceive(m -> m instanceof dev.amanah.otp.Exit e && e.from() == supPid ? e : null);
        assertThat(exit.reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThatThrownBy(sup::children).isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                .isEqualTo(new ExitReason.InCall(ExitReason.NOPROC, "TaskSupervisor", "children", List.of(sup))));
        leaks.assertNoneLeft();
    }

    @Test
    void TS2_anInfiniteRestartWindowStillCountsRestartsAndStopsTheSupervisor() {
        // A window of Processes.INFINITY (more nanoseconds than a long holds) never ends: the
        // fourth restart is one too many, and the supervisor exits shutdown, not with a crash.
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start(TaskSupervisor.Options.DEFAULT.withMaxSeconds(Processes.INFINITY)).orElseThrow());
        var supWatch = Processes.monitor(sup.pid().orElseThrow());
        sup.startChild(() -> {
            throw new IllegalStateException("always failing");
        }, ChildOptions.DEFAULT.withRestart(Restart.PERMANENT));
        assertThat(awaitDown(supWatch).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void TS2_aNamedSupervisorIsFoundByNameAndItsParentsExitStopsIt() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var parent = Processes.spawnMonitor(() -> {
            TaskSupervisor.of(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withName("ts2.tasks")).orElseThrow());
            self.send("started");
            awaitGo();
            throw new ExitException(ExitReason.shutdown("maintenance"));
        });
        assertReceive(m -> "started".equals(m) ? m : null);
        var sup = TaskSupervisor.named("ts2.tasks");
        var child = sup.startChild(TaskSupervisorTest::awaitGo);
        var childWatch = Processes.monitor(child);
        var supWatch = Processes.monitor(sup.pid().orElseThrow());
        parent.pid().send("go");
        assertThat(awaitDown(childWatch).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(awaitDown(supWatch).reason()).isEqualTo(ExitReason.shutdown("maintenance"));
        awaitDown(parent.ref());
        assertThat(sup.pid()).isEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void aTakenNameIsReportedAsAlreadyStartedWithItsHolderAsEveryStartDoesAndLeavesNothingRunning() {
        // Elixir's Task.Supervisor.start_link(name: taken) is {:error, {:already_started, pid}}.
        var holder = TaskSupervisor.start(TaskSupervisor.Options.DEFAULT.withName("ts.taken")).orElseThrow();
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var refused = new StartResult.Error(new AlreadyStarted(holder).asReason());

        assertThat(TaskSupervisor.start(TaskSupervisor.Options.DEFAULT.withName("ts.taken"))).isEqualTo(refused);
        var caller = Processes.spawnMonitor(() -> {
            Processes.trapExits(true);
            self.send(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withName("ts.taken")));
            self.send(Optional.ofNullable(Processes.receive(Duration.ZERO)));
        });
        assertThat((Object) assertReceive(m -> m instanceof StartResult r ? r : null)).isEqualTo(refused);
        assertThat((Optional<?>) assertReceive(m -> m instanceof Optional<?> o ? o : null))
                .as("no exit signal from the refused supervisor").isEmpty();
        awaitDown(caller.ref());
        leaks.assertNoneLeft();
        assertThat(Processes.whereis("ts.taken")).contains(holder);
        TaskSupervisor.of(holder).stop();
        assertMailboxEmpty();
    }

    @Test
    void TS3_asyncStreamNolinkEmitsExitsWithoutKillingTheCaller() {
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var boom = new IllegalStateException("fraud check failed");
        try (var results = sup.asyncStreamNolink(List.of(1, 2, 3), (Integer i) -> {
            if (i == 2) {
                throw boom;
            }
            return i * 10;
        })) {
            assertThat(results.toList()).containsExactly(new TaskResult.Ok<>(10),
                    new TaskResult.Exit<>(new ExitReason.Crash(boom)), new TaskResult.Ok<>(30));
        }
        assertThat(Processes.isAlive(Processes.self())).isTrue();
        assertMailboxEmpty();
        sup.stop();
        leaks.assertNoneLeft();
    }

    @Test
    void TS3_asyncRaisesWhenMaxChildrenIsReached() {
        var leaks = Leaks.baseline();
        var sup = TaskSupervisor.of(TaskSupervisor.start(TaskSupervisor.Options.DEFAULT.withMaxChildren(1)).orElseThrow());
        var busy = sup.startChild(TaskSupervisorTest::awaitGo);
        assertThatThrownBy(() -> sup.asyncNolink(() -> 1)).isInstanceOfSatisfying(MaxChildrenException.class,
                e -> assertThat(e.maxChildren()).isEqualTo(1));
        assertThatThrownBy(() -> sup.async(() -> 1)).isInstanceOf(MaxChildrenException.class);
        assertThatThrownBy(() -> sup.startChild(() -> { })).isInstanceOf(MaxChildrenException.class);
        try (var results = sup.asyncStreamNolink(List.of(1), (Integer i) -> i)) {
            assertThat(results.toList()).containsExactly(new TaskResult.Exit<>(ExitReason.of("max_children")));
        }
        var watch = Processes.monitor(busy);
        busy.send("go");
        awaitDown(watch);
        Leaks.await(() -> sup.children().isEmpty(), "the busy child to be gone");
        Task<Integer> linked = sup.async(() -> {
            awaitGo();
            return 7;
        });
        var linkedPid = linked.pid().orElseThrow();
        assertThat(Processes.info(Processes.self()).orElseThrow().links()).contains(linkedPid);
        linkedPid.send("go");
        assertThat(linked.await()).isEqualTo(7);
        sup.stop();
        leaks.assertNoneLeft();
    }

    @Test
    void itAnswersSupervisorQueriesAsADynamicSupervisorAndStopsOnAnyOtherCall() {
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var pid = sup.pid().orElseThrow();
        var child = sup.startChild(() -> Processes.receive());
        assertThat(Supervisor.whichChildren(pid))
                .containsExactly(new ChildInfo("task", Optional.of(child), false, ChildSpec.Type.WORKER));
        assertThat(Supervisor.countChildren(pid)).isEqualTo(new ChildCounts(1, 1, 0, 1));

        var childRef = Processes.monitor(child);
        assertThatThrownBy(() -> GenServer.call(pid, "what?"))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isInstanceOfSatisfying(ExitReason.InCall.class, inCall -> assertThat(inCall.reason())
                                .isEqualTo(ExitReason.of(new BadCall("what?")))));
        ExitReason childEnd = assertReceive(m -> m instanceof Down d && d.ref() == childRef ? d.reason() : null);
        assertThat(childEnd).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void itsOptionsAreCheckedAsADynamicSupervisorsAreNoMaxChildrenAndAPositiveWindow() {
        // Elixir's DynamicSupervisor: max_children a non-negative integer, max_seconds positive.
        assertThat(TaskSupervisor.Options.DEFAULT.withMaxChildren(0).maxChildren()).isZero();
        assertThatThrownBy(() -> TaskSupervisor.Options.DEFAULT.withMaxSeconds(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSeconds must be positive: PT0S");
        assertThatThrownBy(() -> DynamicSupervisorOptions.DEFAULT.withMaxSeconds(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSeconds must be positive: PT0S");
        assertThatThrownBy(() -> TaskSupervisor.Options.DEFAULT.withMaxChildren(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("negative maxChildren: -1");
    }

    @Test
    void dynamicSupervisorStartChildIsACallItDoesNotTakeUnlikeElixirsSoItStopsWithBadCall() {
        // Documented difference: Elixir's Task.Supervisor is a DynamicSupervisor, ours starts tasks only.
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var pid = sup.pid().orElseThrow();
        var task = sup.startChild(() -> Processes.receive());
        var taskRef = Processes.monitor(task);
        var supRef = Processes.monitor(pid);
        var spec = ChildSpec.worker("worker", () -> new StartResult.Ok(Processes.spawnLink(Processes::receive)));

        assertThatThrownBy(() -> DynamicSupervisor.startChild(pid, spec))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isInstanceOfSatisfying(ExitReason.InCall.class, inCall -> assertThat(inCall.reason())
                                .isInstanceOfSatisfying(ExitReason.Term.class,
                                        term -> assertThat(term.term()).isInstanceOf(BadCall.class))));
        assertThat(awaitDown(taskRef).reason()).isEqualTo(ExitReason.SHUTDOWN);
        awaitDown(supRef);
        assertMailboxEmpty();
    }

    @Test
    void dynamicSupervisorAndSupervisorTerminateChildStopThatTaskAloneAsTerminateChildDoes() {
        // Elixir's Task.Supervisor.terminate_child is DynamicSupervisor.terminate_child: the
        // DynamicSupervisor call on its pid stops one task, not the supervisor and all its tasks.
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var pid = sup.pid().orElseThrow();
        var stopped = sup.startChild(() -> Processes.receive());
        var kept = sup.startChild(() -> Processes.receive());
        var stoppedRef = Processes.monitor(stopped);

        assertThat(DynamicSupervisor.terminateChild(pid, stopped)).isTrue();

        assertThat(awaitDown(stoppedRef).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(pid.isAlive()).isTrue();
        assertThat(sup.children()).containsExactly(kept);
        assertThat(DynamicSupervisor.terminateChild(pid, stopped)).isFalse();

        // Supervisor.terminateChild sends the same request in Elixir; a child is known by its pid.
        assertThat(Supervisor.terminateChild(pid, "task")).isFalse();
        var keptRef = Processes.monitor(kept);
        assertThat(Supervisor.terminateChild(pid, kept)).isTrue();
        assertThat(awaitDown(keptRef).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(sup.children()).isEmpty();
        sup.stop();
        assertMailboxEmpty();
    }

    @Test
    void supervisorStopEndsItWithTheReasonGivenAfterShuttingItsChildrenDown() {
        // Walking a tree hands out a task supervisor's pid like any other supervisor's; stopping it
        // by that pid must work as for a DynamicSupervisor, not leave the caller waiting for ever.
        var sup = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        var pid = sup.pid().orElseThrow();
        var child = sup.startChild(() -> Processes.receive());
        var childRef = Processes.monitor(child);
        var supRef = Processes.monitor(pid);
        var maintenance = ExitReason.of("maintenance");

        Supervisor.stop(pid, maintenance, Duration.ofSeconds(10));

        assertThat(awaitDown(childRef).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(awaitDown(supRef).reason()).isEqualTo(maintenance);

        var other = TaskSupervisor.start().orElseThrow();
        var otherRef = Processes.monitor(other);
        GenServer.stop(other, ExitReason.NORMAL, Duration.ofSeconds(10));
        assertThat(awaitDown(otherRef).reason()).isEqualTo(ExitReason.NORMAL);
        assertMailboxEmpty();
    }

    @Test
    void aCallToAProcessThatIsNoTaskSupervisorFailsTheCallerInsteadOfLeavingItWaiting() {
        // TaskSupervisor.of takes any pid: handed a GenServer's (a mix-up while walking a tree),
        // a call must end as a GenServer.call it does not handle ends, with bad_call, never hang.
        var server = startAServerThatIsNoTaskSupervisor();
        var serverRef = Processes.monitor(server);
        var self = Processes.self();
        var caller = Processes.spawn(() -> {
            try {
                TaskSupervisor.of(server).asyncNolink(() -> "never run");
                self.send("the call returned");
            } catch (ExitException e) {
                self.send(e.reason());
            }
        });

        try {
            var failure = (ExitReason.InCall) assertReceive(m -> m instanceof ExitReason.InCall inCall ? inCall : null);
            assertThat(failure.module()).isEqualTo("TaskSupervisor");
            assertThat(failure.function()).isEqualTo("asyncNolink");
            assertThat(failure.reason()).isInstanceOfSatisfying(ExitReason.Term.class,
                    reason -> assertThat(reason.term()).isInstanceOf(BadCall.class));
            assertThat(awaitDown(serverRef).reason()).isEqualTo(failure.reason());
        } finally {
            Processes.exit(caller, ExitReason.KILL);
        }
        assertMailboxEmpty();
    }

    @Test
    void stopOnAProcessThatIsNoTaskSupervisorStopsItAsSupervisorStopWouldInsteadOfWaitingForEver() {
        var server = startAServerThatIsNoTaskSupervisor();
        var serverRef = Processes.monitor(server);
        var self = Processes.self();
        var stopper = Processes.spawn(() -> {
            TaskSupervisor.of(server).stop();
            self.send("stopped");
        });

        try {
            assertReceive(m -> "stopped".equals(m) ? m : null);
            assertThat(awaitDown(serverRef).reason()).isEqualTo(ExitReason.NORMAL);
        } finally {
            Processes.exit(stopper, ExitReason.KILL);
            Processes.exit(server, ExitReason.KILL);
        }
        assertMailboxEmpty();
    }

    @Test
    void aChildSpecPutsItInASupervisionTreeThatRestartsItUnderItsNameAndStopsItWithItsTasks() {
        // Elixir's children = [{Task.Supervisor, name: ...}] under a Supervisor.
        var root = Supervisor.startLink(List.of(
                TaskSupervisor.childSpec("tasks", TaskSupervisor.Options.DEFAULT.withName("ts.tree")))).orElseThrow();
        var tasks = TaskSupervisor.named("ts.tree");
        var first = tasks.pid().orElseThrow();
        assertThat(Supervisor.whichChildren(root))
                .containsExactly(new ChildInfo("tasks", Optional.of(first), false, ChildSpec.Type.SUPERVISOR));

        var firstRef = Processes.monitor(first);
        Processes.exit(first, ExitReason.KILL);
        awaitDown(firstRef);
        Leaks.await(() -> tasks.pid().filter(pid -> pid != first).isPresent(), "the task supervisor restarted under its name");
        assertThat(tasks.asyncNolink(() -> 42).await()).isEqualTo(42);

        var child = tasks.startChild(() -> Processes.receive());
        var childRef = Processes.monitor(child);
        Supervisor.stop(root);
        assertThat(awaitDown(childRef).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(tasks.pid()).isEmpty();
        assertMailboxEmpty();
    }

    /** A server that tells {@code self} when it holds a call or its terminate, then waits for "go". */
    private static Pid holdingServer(Pid self) {
        return GenServer.start(new GenServer<String>() {
            @Override
            public InitResult<String> init() {
                return new Ok<>("holds");
            }

            @Override
            public CallResult<String> handleCall(Object request, ReplyTo from, String state) {
                self.send("holding");
                awaitGo();
                return new Reply<>(List.of(), state);
            }

            @Override
            public void terminate(ExitReason reason, String state) {
                self.send("holding");
                awaitGo();
            }
        }).orElseThrow();
    }

    /** Runs {@code call} on a plain thread, adopted as a process, and kills it while it waits. */
    private static Object outcomeOfAnAdoptedCallerKilledWhileItWaits(Consumer<TaskSupervisor> call)
            throws InterruptedException {
        var self = Processes.self();
        var server = holdingServer(self);
        var serverRef = Processes.monitor(server);
        var thread = new Thread(() -> {
            self.send(Processes.self());
            try {
                call.accept(TaskSupervisor.of(server));
                self.send("returned");
            } catch (ExitException e) {
                self.send(e.reason());
            }
        });
        thread.start();
        var caller = receivePid();
        assertReceive(m -> "holding".equals(m) ? m : null);
        Processes.exit(caller, ExitReason.KILL);
        var outcome = assertReceive(m -> m instanceof ExitReason || "returned".equals(m) ? m : null);
        Processes.exit(server, ExitReason.KILL);
        awaitDown(serverRef);
        thread.join();
        return outcome;
    }

    @Test
    void anAdoptedCallerKilledWhileItStopsOrCallsASupervisorEndsWithItsOwnExit() throws InterruptedException {
        // Once told of its death, an adopted thread is adopted afresh by its next call: the exit
        // must be judged against the process that made the call, or it is lost (stop) or taken
        // for the call's failure (a call).
        assertThat(outcomeOfAnAdoptedCallerKilledWhileItWaits(TaskSupervisor::stop)).isEqualTo(ExitReason.KILLED);
        assertThat(outcomeOfAnAdoptedCallerKilledWhileItWaits(TaskSupervisor::children)).isEqualTo(ExitReason.KILLED);
        assertMailboxEmpty();
    }

    private static Pid startAServerThatIsNoTaskSupervisor() {
        return GenServer.start(new GenServer<String>() {
            @Override
            public InitResult<String> init() {
                return new Ok<>("not a task supervisor");
            }
        }).orElseThrow();
    }
}
