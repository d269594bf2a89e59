package dev.amanah.otp.task;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceiveEquals;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@InProcess.Tests
@SuppressWarnings("unchecked")
class TaskTest {
    private static final Duration LONG = Duration.ofSeconds(5);

    /** A task body that waits for "go" and then returns {@code value}. */
    private static <T> T afterGo(T value) {
        Processes.receive(m -> "go".equals(m) ? m : null);
        return value;
    }

    private static Object isDown(Object message, Ref ref) {
        return message instanceof Down down && down.ref() == ref ? down : null;
    }

    private static Object isReply(Object message, Ref ref) {
        return message instanceof TaskReply<?> reply && reply.ref() == ref ? reply : null;
    }

    private static void awaitQueued(Ref ref) {
        Leaks.await(() -> Processes.messages().stream().anyMatch(m -> isDown(m, ref) != null), "the Down to be queued");
    }

    @Test
    void T1_asyncLinksAndMonitorsAndRepliesWithItsRef() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        Task<Integer> task = Task.async(() -> {
            self.send(Task.callers());
            return afterGo(42);
        });
        var pid = task.pid().orElseThrow();
        assertThat((List<Object>) assertReceive(m -> m instanceof List<?> callers ? (List<Object>) callers : null)).containsExactly(self);
        var info = Processes.info(pid).orElseThrow();
        assertThat(info.links()).contains(self);
        assertThat(info.monitoredBy()).contains(self);
        assertThat(task.owner()).isEqualTo(self);

        pid.send("go");
        var reply = (TaskReply<?>) assertReceive(m -> isReply(m, task.ref()));
        assertThat(reply.result()).isEqualTo(42);
        var down = (Down) assertReceive(m -> isDown(m, task.ref()));
        assertThat(down.reason()).isEqualTo(ExitReason.NORMAL);
        leaks.assertNoneLeft();
    }

    @Test
    void T1_aTaskWhoseFunctionLeavesAMessageToBeSentAsItEndsStillReplies() {
        var self = Processes.self();
        Task<String> task = Task.async(() -> {
            Processes.sendOnExit(self, "the function's own last words");
            return "zakat due";
        });
        assertThat(task.await()).isEqualTo("zakat due");
        assertReceiveEquals("the function's own last words");
        assertMailboxEmpty();
    }

    @Test
    void T1_onlyTheOwnerMayQueryTheTask() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        Task<String> task = Task.async(() -> afterGo("done"));
        Processes.spawn(() -> {
            for (var query : List.<Runnable>of(task::await, () -> task.yield(Duration.ZERO), task::shutdown, task::ignore)) {
                try {
                    query.run();
                    self.send("no exception");
                } catch (IllegalArgumentException e) {
                    self.send(e.getMessage());
                }
            }
        });
        for (int i = 0; i < 4; i++) {
            var message = (String) assertReceive(m -> m instanceof String s ? s : null);
            assertThat(message).contains("must be queried from the owner").contains(task.toString());
        }
        task.pid().orElseThrow().send("go");
        assertThat(task.await()).isEqualTo("done");
        leaks.assertNoneLeft();
    }

    @Test
    void T2_awaitTimeoutThrowsTimeoutNamingTheCallAndEndsTheCallerAndItsTask() {
        var leaks = Leaks.baseline();
        Task<String> task = Task.async(() -> afterGo("late"));
        var timeout = Duration.ofMillis(20);
        assertThatThrownBy(() -> task.await(timeout))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(ExitReason.TIMEOUT, "Task", "await", List.of(task, timeout))));
        // The late reply is never delivered.
        var pid = task.pid().orElseThrow();
        var watch = Processes.monitor(pid);
        pid.send("go");
        assertReceive(m -> isDown(m, watch));
        refuteReceived(m -> m instanceof TaskReply<?> ? m : null);

        // Uncaught, the exit ends the caller, and the link ends the task.
        var self = Processes.self();
        var caller = Processes.spawnMonitor(() -> {
            Task<String> blocked = Task.async(() -> afterGo("never"));
            self.send(blocked.pid().orElseThrow());
            blocked.await(Duration.ofMillis(20));
        });
        var taskPid = (Pid) assertReceive(m -> m instanceof Pid p ? p : null);
        var callerDown = (Down) assertReceive(m -> isDown(m, caller.ref()));
        assertThat(callerDown.reason()).isInstanceOfSatisfying(ExitReason.InCall.class, inCall -> {
            assertThat(inCall.reason()).isEqualTo(ExitReason.TIMEOUT);
            assertThat(inCall.function()).isEqualTo("await");
        });
        Leaks.awaitDead(taskPid);
        leaks.assertNoneLeft();
    }

    @Test
    void T2_awaitOfATaskThatDiedExitsWithItsReasonAndNormalCountsToo() {
        var leaks = Leaks.baseline();
        Processes.trapExits(true);
        var boom = new IllegalStateException("boom");
        Task<Object> crashing = Task.async(() -> {
            throw boom;
        });
        assertThatThrownBy(() -> crashing.await(LONG))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(new ExitReason.Crash(boom), "Task", "await", List.of(crashing, LONG))));
        assertReceive(m -> m instanceof Exit exit && exit.reason().equals(new ExitReason.Crash(boom)) ? exit : null);

        Task<Integer> quitting = Task.async(() -> {
            Processes.exit(ExitReason.NORMAL);
            return 1;
        });
        assertThatThrownBy(quitting::await)
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(ExitReason.NORMAL, "Task", "await", List.of(quitting, Task.DEFAULT_TIMEOUT))));
        Processes.trapExits(false);

        // Not trapping, the link ends the caller with the task's reason.
        var caller = Processes.spawnMonitor(() -> Task.async(() -> {
            throw boom;
        }).await());
        assertThat(((Down) assertReceive(m -> isDown(m, caller.ref()))).reason()).isEqualTo(new ExitReason.Crash(boom));
        leaks.assertNoneLeft();
    }

    @Test
    void T2_awaitIsOneShot() {
        var leaks = Leaks.baseline();
        Task<Integer> task = Task.async(() -> 7);
        assertThat(task.await()).isEqualTo(7);
        assertThatThrownBy(task::await).isInstanceOf(IllegalStateException.class).hasMessageContaining("already taken");
        leaks.assertNoneLeft();
    }

    @Test
    void T3_awaitYieldAndShutdownReturnTheReplyAndLeaveNoDownWhenBothAreQueued() {
        var leaks = Leaks.baseline();
        Task<String> awaited = Task.async(() -> "a");
        awaitQueued(awaited.ref());
        assertThat(awaited.await()).isEqualTo("a");

        Task<String> yielded = Task.async(() -> "y");
        awaitQueued(yielded.ref());
        assertThat(yielded.yield(Duration.ZERO)).contains(new TaskResult.Ok<>("y"));

        Task<String> shutDown = Task.async(() -> "s");
        awaitQueued(shutDown.ref());
        assertThat(shutDown.shutdown()).contains(new TaskResult.Ok<>("s"));

        refuteReceived(m -> m instanceof Down ? m : null);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T4_awaitManyReturnsResultsInInputOrderUnderOneSharedDeadline() {
        var leaks = Leaks.baseline();
        // The first task answers only once the second has ended: its reply comes last.
        var fast = Task.async(() -> "fast");
        var fastPid = fast.pid().orElseThrow();
        var tasks = List.of(
                Task.async(() -> {
                    var ref = Processes.monitor(fastPid);
                    if (Processes.receive(LONG, m -> isDown(m, ref)) == null) {
                        throw new IllegalStateException("the fast task never ended");
                    }
                    return "slow";
                }),
                fast,
                Task.completed("known"),
                Task.async(() -> null));
        assertThat(Task.awaitMany(tasks, LONG)).containsExactly("slow", "fast", "known", null);
        assertMailboxEmpty();

        // Each task would answer within the timeout counted from the previous answer; within
        // one deadline for both, the second cannot.
        var timeout = Duration.ofMillis(300);
        var firstAnswered = new CountDownLatch(1);
        var pair = List.of(
                Task.async(() -> {
                    Processes.sleep(Duration.ofMillis(200));
                    firstAnswered.countDown();
                    return 1;
                }),
                Task.async(() -> {
                    firstAnswered.await();
                    Processes.sleep(Duration.ofMillis(200));
                    return 2;
                }));
        assertThatThrownBy(() -> Task.awaitMany(pair, timeout))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(ExitReason.TIMEOUT, "Task", "awaitMany", List.of(pair, timeout))));
        // The caught exit left the slow task running, linked, and untracked: no stray messages.
        var slow = pair.get(1).pid().orElseThrow();
        var watch = Processes.monitor(slow);
        assertReceive(Duration.ofSeconds(5), m -> isDown(m, watch));
        refuteReceived(m -> m instanceof TaskReply<?> || m instanceof Down ? m : null);
        leaks.assertNoneLeft();
    }

    @Test
    void T4_awaitManyMatchesRepliesArrivingInReverseOrderTakesADuplicateOnceAndLeavesOtherMessages() {
        var leaks = Leaks.baseline();
        var unrelated = Processes.monitor(Processes.spawn(() -> { }));
        awaitQueued(unrelated);
        var tasks = new java.util.ArrayList<Task<Integer>>();
        for (int i = 0; i < 100; i++) {
            int value = i;
            tasks.add(Task.async(() -> afterGo(value)));
        }
        var expected = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        tasks.add(tasks.get(40));
        expected.add(40);
        // Released last first, one at a time: every reply comes from further ahead than the last.
        for (int i = 99; i >= 0; i--) {
            var pid = tasks.get(i).pid().orElseThrow();
            var watch = Processes.monitor(pid);
            pid.send("go");
            assertReceive(LONG, m -> isDown(m, watch));
        }
        assertThat(Task.awaitMany(tasks, LONG)).containsExactlyElementsOf(expected);
        assertReceive(Duration.ZERO, m -> isDown(m, unrelated));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T1_anOwnerListsItsRunningTasksAsLinksAndMonitorsAndNoneOnceTheyAreAwaitedAndGone() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var before = Processes.info(self).orElseThrow();
        var tasks = new java.util.ArrayList<Task<Integer>>();
        for (int i = 0; i < 50; i++) {
            int value = i;
            tasks.add(Task.async(() -> afterGo(value)));
        }
        var pids = tasks.stream().map(task -> task.pid().orElseThrow()).toList();
        var during = Processes.info(self).orElseThrow();
        assertThat(during.links()).containsAll(pids).hasSize(before.links().size() + pids.size());
        assertThat(during.monitors()).containsAll(pids).hasSize(before.monitors().size() + pids.size());
        for (var pid : pids) {
            assertThat(Processes.info(pid).orElseThrow().links()).containsExactly(self);
        }
        pids.forEach(pid -> pid.send("go"));
        assertThat(Task.awaitMany(tasks, LONG)).hasSize(50);
        leaks.assertNoneLeft();
        // A task is unlisted as soon as it is dead, and the thread count a leftover thread of an
        // earlier test may offset; a monitor of a dead process answers only once its links and
        // monitors are all told, which is what the links below depend on.
        for (var pid : pids) {
            var watch = Processes.monitor(pid);
            assertReceive(LONG, m -> m instanceof Down down && down.ref() == watch ? down : null);
        }
        var after = Processes.info(self).orElseThrow();
        assertThat(after.links()).isEqualTo(before.links());
        assertThat(after.monitors()).isEqualTo(before.monitors());
    }

    @Test
    void T4_awaitManyRefusingAnotherOwnersTaskLeavesTheCallersOwnTasksTracked() throws Exception {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        Task<String> mine = Task.async(() -> afterGo("mine"));
        var foreign = new java.util.concurrent.CompletableFuture<Task<String>>();
        var stranger = Processes.spawn(() -> {
            foreign.complete(Task.async(() -> "theirs"));
            Processes.receive(m -> m.equals("stop") ? m : null);
        });
        var theirs = foreign.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThatThrownBy(() -> Task.awaitMany(List.of(mine, theirs), LONG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be queried from the owner");
        assertThatThrownBy(() -> Task.yieldMany(List.of(mine, theirs), LONG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be queried from the owner");
        // Neither refusal took the caller's own task: it can still be collected, once.
        mine.pid().orElseThrow().send("go");
        assertThat(Task.awaitMany(List.of(mine), LONG)).containsExactly("mine");
        assertThatThrownBy(() -> Task.awaitMany(List.of(mine), LONG)).isInstanceOf(IllegalStateException.class);
        var watch = Processes.monitor(stranger);
        stranger.send("stop");
        assertReceive(m -> isDown(m, watch));
        assertThat(self).isEqualTo(Processes.self());
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T4_awaitManyExitsWhenAnyTaskDies() {
        var leaks = Leaks.baseline();
        Processes.trapExits(true);
        var boom = new IllegalArgumentException("bad donation");
        var tasks = List.<Task<String>>of(Task.async(() -> afterGo("never")), Task.async(() -> {
            throw boom;
        }));
        assertThatThrownBy(() -> Task.awaitMany(tasks))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(new ExitReason.Crash(boom), "Task", "awaitMany",
                                List.of(tasks, Task.DEFAULT_TIMEOUT))));
        var pending = tasks.get(0).pid().orElseThrow();
        Processes.exit(pending, ExitReason.KILL);
        assertReceive(m -> m instanceof Exit exit && exit.from() == pending ? exit : null);
        assertReceive(m -> m instanceof Exit exit && exit.reason().equals(new ExitReason.Crash(boom)) ? exit : null);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T5_yieldAnswersEmptyOkOrExitAndEmptyKeepsTheTaskTracked() {
        var leaks = Leaks.baseline();
        Task<String> task = Task.async(() -> afterGo("v"));
        assertThat(task.yield(Duration.ofMillis(10))).isEmpty();
        assertThat(task.yield(Duration.ZERO)).isEmpty();
        task.pid().orElseThrow().send("go");
        assertThat(task.yield(LONG)).contains(new TaskResult.Ok<>("v"));

        Task<String> normal = Task.async(() -> {
            Processes.exit(ExitReason.NORMAL);
            return "unreachable";
        });
        assertThat(normal.yield(LONG)).contains(new TaskResult.Exit<>(ExitReason.NORMAL));

        // A task may still be finishing after its result was yielded: let both finish before
        // trapping exits, or their normal exit signals would arrive as Exit messages.
        for (var finished : List.of(task, normal)) {
            var watch = Processes.monitor(finished.pid().orElseThrow());
            assertReceive(m -> isDown(m, watch));
        }
        Processes.trapExits(true);
        var boom = new RuntimeException("boom");
        Task<String> crashing = Task.async(() -> {
            throw boom;
        });
        assertThat(crashing.yield(LONG)).contains(new TaskResult.Exit<>(new ExitReason.Crash(boom)));
        var crashed = crashing.pid().orElseThrow();
        assertReceive(m -> m instanceof Exit exit && exit.from() == crashed ? exit : null);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T6_yieldManyKeepsInputOrderAndHonoursLimitAndOnTimeout() {
        var leaks = Leaks.baseline();
        List<Task<String>> tasks = List.of(Task.async(() -> "first"), Task.async(() -> afterGo("blocked")), Task.async(() -> "third"));
        var results = Task.yieldMany(tasks, Duration.ofMillis(200));
        assertThat(results).extracting(Task.Yielded::task).containsExactlyElementsOf(tasks);
        assertThat(results).extracting(Task.Yielded::result)
                .containsExactly(Optional.of(new TaskResult.Ok<>("first")), Optional.empty(), Optional.of(new TaskResult.Ok<>("third")));
        // NOTHING: the blocked task is still tracked and may be yielded again.
        var blocked = tasks.get(1);
        blocked.pid().orElseThrow().send("go");
        assertThat(blocked.yield(LONG)).contains(new TaskResult.Ok<>("blocked"));

        // The limit returns as soon as enough tasks have a result, without on_timeout.
        List<Task<String>> two = List.of(Task.async(() -> afterGo("a")), Task.async(() -> "b"));
        var limited = Task.yieldMany(two, YieldOptions.DEFAULT.withLimit(1).withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        assertThat(limited).extracting(Task.Yielded::result).containsExactly(Optional.empty(), Optional.of(new TaskResult.Ok<>("b")));
        assertThat(two.get(0).pid().orElseThrow().isAlive()).isTrue();
        assertThat(two.get(0).shutdown(Shutdown.BRUTAL_KILL)).isEmpty();

        // KILL_TASK kills what did not make it; IGNORE lets it run, unlinked.
        Task<String> killed = Task.async(() -> afterGo("x"));
        var afterKill = Task.yieldMany(List.of(killed), YieldOptions.DEFAULT.withTimeout(Duration.ofMillis(20))
                .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        assertThat(afterKill.getFirst().result()).isEmpty();
        assertThat(killed.pid().orElseThrow().isAlive()).isFalse();

        Task<String> ignored = Task.async(() -> afterGo("y"));
        var afterIgnore = Task.yieldMany(List.of(ignored), YieldOptions.DEFAULT.withTimeout(Duration.ofMillis(20))
                .withOnTimeout(YieldOptions.OnTimeout.IGNORE));
        assertThat(afterIgnore.getFirst().result()).isEmpty();
        var ignoredPid = ignored.pid().orElseThrow();
        assertThat(Processes.info(ignoredPid).orElseThrow().links()).doesNotContain(Processes.self());
        var watch = Processes.monitor(ignoredPid);
        ignoredPid.send("go");
        assertReceive(m -> isDown(m, watch));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T7_shutdownStopsTheTaskAndReportsWhatHappened() {
        var leaks = Leaks.baseline();
        Task<String> blocked = Task.async(() -> afterGo("never"));
        assertThat(blocked.shutdown()).isEmpty();
        assertThat(blocked.pid().orElseThrow().isAlive()).isFalse();

        // The idiom: yield a while, then shut down.
        Task<String> slow = Task.async(() -> afterGo("never"));
        assertThat(slow.yield(Duration.ofMillis(10)).or(slow::shutdown)).isEmpty();

        // A task that traps exits and ignores the polite shutdown is killed after the grace
        // period, which Elixir's Task.shutdown reports as {:exit, :killed}.
        var self = Processes.self();
        Task<String> stubborn = Task.async(() -> {
            Processes.trapExits(true);
            self.send("trapping");
            return afterGo("never");
        });
        assertReceiveEquals("trapping");
        assertThat(stubborn.shutdown(Duration.ofMillis(20))).contains(new TaskResult.Exit<>(ExitReason.KILLED));
        // One that takes the signal and returns within its grace period has replied.
        Task<String> obliging = Task.async(() -> {
            Processes.trapExits(true);
            self.send("trapping");
            Processes.receive(m -> m instanceof Exit exit && exit.reason().equals(ExitReason.SHUTDOWN) ? exit : null);
            return "finished on shutdown";
        });
        assertReceiveEquals("trapping");
        assertThat(obliging.shutdown(Duration.ofSeconds(5))).contains(new TaskResult.Ok<>("finished on shutdown"));
        Task<String> brutal = Task.async(() -> {
            Processes.trapExits(true);
            self.send("trapping");
            return afterGo("never");
        });
        assertReceiveEquals("trapping");
        assertThat(brutal.shutdown(Shutdown.BRUTAL_KILL)).isEmpty();

        // It had died otherwise: Exit with its reason; the result already taken: Exit(noproc).
        Processes.trapExits(true);
        var boom = new RuntimeException("boom");
        Task<String> crashed = Task.async(() -> {
            throw boom;
        });
        assertReceive(m -> m instanceof Exit exit ? exit : null);
        assertThat(crashed.shutdown()).contains(new TaskResult.Exit<>(new ExitReason.Crash(boom)));
        assertThat(crashed.shutdown()).contains(new TaskResult.Exit<>(ExitReason.NOPROC));
        // Killed by another process before the shutdown: it died otherwise too.
        Task<String> victim = Task.async(() -> afterGo("never"));
        var victimPid = victim.pid().orElseThrow();
        Processes.exit(victimPid, ExitReason.KILL);
        assertReceive(m -> m instanceof Exit exit && exit.from().equals(victimPid) ? exit : null);
        assertThat(victim.shutdown()).contains(new TaskResult.Exit<>(ExitReason.KILLED));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    /**
     * An await or awaitMany that timed out, caught, leaves its tasks running and linked; shutdown
     * still stops them (Elixir's shutdown monitors the task afresh), and answers noproc for one
     * that ended meanwhile.
     */
    @Test
    void T7_shutdownStopsTasksThatACaughtAwaitTimeoutLeftRunning() {
        var leaks = Leaks.baseline();
        Task<String> awaited = Task.async(() -> afterGo("never"));
        assertThatThrownBy(() -> awaited.await(Duration.ofMillis(10))).isInstanceOf(ExitException.class);
        var watch = Processes.monitor(awaited.pid().orElseThrow());
        assertThat(awaited.shutdown(Shutdown.BRUTAL_KILL)).isEmpty();
        assertReceive(m -> m instanceof Down down && down.ref() == watch ? down : null);
        assertThat(awaited.shutdown()).contains(new TaskResult.Exit<>(ExitReason.NOPROC));

        var self = Processes.self();
        Task<String> slow = Task.async(() -> afterGo("never"));
        Task<String> waiting = Task.async(() -> {
            Processes.receive(m -> m.equals("end") ? m : null);
            self.send("ended");
            return "late";
        });
        assertThatThrownBy(() -> Task.awaitMany(List.of(slow, waiting), Duration.ofMillis(10)))
                .isInstanceOf(ExitException.class);
        assertThat(slow.shutdown()).isEmpty();
        assertThat(slow.pid().orElseThrow().isAlive()).isFalse();
        var waitingPid = waiting.pid().orElseThrow();
        var waitingEnd = Processes.monitor(waitingPid);
        waitingPid.send("end");
        assertReceiveEquals("ended");
        assertReceive(m -> m instanceof Down down && down.ref() == waitingEnd ? down : null);
        assertThat(waiting.shutdown()).contains(new TaskResult.Exit<>(ExitReason.NOPROC)); // ended meanwhile

        // ignore, rather than shutdown, unlinks such a task: its crash no longer takes the owner down
        Task<String> ignored = Task.async(() -> afterGo("never"));
        assertThatThrownBy(() -> ignored.await(Duration.ofMillis(10))).isInstanceOf(ExitException.class);
        assertThat(ignored.ignore()).isEmpty();
        var ignoredPid = ignored.pid().orElseThrow();
        var ignoredEnd = Processes.monitor(ignoredPid);
        Processes.exit(ignoredPid, ExitReason.of("boom"));
        assertReceive(m -> m instanceof Down down && down.ref() == ignoredEnd ? down : null);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    /** A completed task's reply taken by another receive: yield and await still keep their timeout. */
    @Test
    void T5_yieldAndAwaitOfACompletedTaskWhoseReplyWasTakenKeepTheirTimeout() {
        var yielded = Task.completed(1);
        Processes.receive(Duration.ZERO); // a catch-all receive, as a server loop's, takes the reply
        assertThat(yielded.yield(Duration.ofMillis(10))).isEmpty();
        var awaited = Task.completed(2);
        Processes.receive(Duration.ZERO);
        assertThatThrownBy(() -> awaited.await(Duration.ofMillis(10)))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(new ExitReason.InCall(ExitReason.TIMEOUT, "Task", "await", List.of(awaited, Duration.ofMillis(10)))));
        assertMailboxEmpty();
    }

    /**
     * An owner that is an adopted thread, killed through the link by its crashed task while it
     * ran its own code, stops at its next call with the task's reason, as a spawned owner does.
     */
    @Test
    void T2_anAdoptedOwnerKilledByItsCrashedTaskExitsAtItsNextAwait() throws Exception {
        var ownerPid = new AtomicReference<Pid>();
        var started = new CountDownLatch(1);
        var ownerDead = new AtomicBoolean();
        var thrown = new AtomicReference<Throwable>();
        var boom = new IllegalStateException("boom");
        var crash = new CountDownLatch(1);
        var thread = new Thread(() -> {
            try {
                ownerPid.set(Processes.self());
                Task<String> task = Task.async(() -> {
                    crash.await(); // until the test watches the owner
                    throw boom;
                });
                started.countDown();
                while (!ownerDead.get()) {
                    Thread.onSpinWait(); // busy with other work: not parked, so not interrupted
                }
                task.await();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "adopted-owner");
        thread.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        var watch = Processes.monitor(ownerPid.get());
        crash.countDown();
        assertReceive(m -> m instanceof Down down && down.ref() == watch
                && down.reason().equals(new ExitReason.Crash(boom)) ? down : null);
        ownerDead.set(true);
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOfSatisfying(ExitException.class,
                e -> assertThat(e.reason()).isEqualTo(new ExitReason.Crash(boom)));
    }

    @Test
    void T8_ignoreUnlinksAndStopsTrackingWhileTheTaskRunsOn() {
        var leaks = Leaks.baseline();
        Task<String> task = Task.async(() -> afterGo("unseen"));
        assertThat(task.ignore()).isEmpty();
        var pid = task.pid().orElseThrow();
        assertThat(pid.isAlive()).isTrue();
        assertThat(Processes.info(Processes.self()).orElseThrow().links()).doesNotContain(pid);
        var watch = Processes.monitor(pid);
        pid.send("go");
        assertReceive(m -> isDown(m, watch));
        // Its reply, sent before it ended, would be queued by now: there is none.
        refuteReceived(m -> m instanceof TaskReply<?> ? m : null);

        Task<String> done = Task.async(() -> "early");
        awaitQueued(done.ref());
        assertThat(done.ignore()).contains(new TaskResult.Ok<>("early"));

        Task<Integer> completed = Task.completed(5);
        assertThat(completed.pid()).isEmpty();
        assertThat(completed.await(Duration.ZERO)).isEqualTo(5);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T10_startIsFireAndForgetStartLinkLinksAndCallersAreRecorded() throws Exception {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var started = Task.start(() -> {
            self.send(Task.callers());
            throw new IllegalStateException("a fire-and-forget crash hurts nobody");
        });
        assertThat((List<Object>) assertReceive(m -> m instanceof List<?> l ? (List<Object>) l : null)).containsExactly(self);
        Leaks.awaitDead(started);
        assertThat(Processes.isAlive(self)).isTrue();

        var linked = Task.startLink(() -> afterGo(null));
        assertThat(Processes.info(self).orElseThrow().links()).contains(linked);
        Processes.unlink(linked);
        Processes.exit(linked, ExitReason.KILL);

        // Callers chain through nested tasks, nearest first.
        Task<List<Pid>> outer = Task.async(() -> Task.async(Task::callers).await());
        var chain = outer.await();
        assertThat(chain).hasSize(2).endsWith(self);
        assertThat(chain.getFirst()).isEqualTo(outer.pid().orElseThrow());
        // Like every task, a child is temporary unless told otherwise.
        assertThat(ChildOptions.DEFAULT.restart()).isEqualTo(Restart.TEMPORARY);
        leaks.assertNoneLeft();
    }

    @Test
    void seedClaim_fourTasksRunConcurrently() {
        var leaks = Leaks.baseline();
        // Each task answers only once all four have started: run one after another, none would.
        var allStarted = new CountDownLatch(4);
        var tasks = List.of(1, 2, 3, 4).stream().map(n -> Task.async(() -> {
            allStarted.countDown();
            if (!allStarted.await(LONG.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("task " + n + " ran without the others");
            }
            return n;
        })).toList();
        assertThat(Task.awaitMany(tasks, LONG.multipliedBy(2))).containsExactly(1, 2, 3, 4);
        leaks.assertNoneLeft();
    }
}
