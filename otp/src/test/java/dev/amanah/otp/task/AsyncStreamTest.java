package dev.amanah.otp.task;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.CellLocks;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class AsyncStreamTest {

    /** Waits for "go"; for tasks that must not finish on their own. */
    private static void awaitGo() {
        Processes.receive(m -> "go".equals(m) ? m : null);
    }

    private static Down awaitDown(dev.amanah.otp.Ref ref) {
        return (Down) assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void T9_defaultsAreSchedulersOrderedFiveSecondsAndExit() {
        var defaults = StreamOptions.DEFAULT;
        assertThat(defaults.maxConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.ordered()).isTrue();
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.onTimeout()).isEqualTo(StreamOptions.OnTimeout.EXIT);
        assertThat(defaults.zipInputOnExit()).isFalse();
    }

    @Test
    void T9_aStreamPulledByAnotherProcessThanItsOwnerIsRefusedAsATaskQueriedByAnotherIs() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        try (var results = Task.asyncStream(List.of(1, 2, 3), i -> i * 10)) {
            var iterator = results.iterator();
            assertThat(iterator.next()).isEqualTo(new TaskResult.Ok<>(10));
            var other = Processes.spawnMonitor(() -> {
                try {
                    iterator.next();
                    self.send("pulled");
                } catch (RuntimeException e) {
                    self.send(e);
                }
            });
            assertThat((Object) assertReceive(m -> m instanceof RuntimeException || "pulled".equals(m) ? m : null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertReceive(m -> m instanceof Down d && d.ref() == other.ref() ? d : null);
            assertThat(iterator.next()).isEqualTo(new TaskResult.Ok<>(20));
        }
        leaks.assertNoneLeft();
        assertMailboxEmpty();
    }

    @Test
    void T9_isLazyOrderedAndNeverRunsMoreThanMaxConcurrencyTasks_seedClaim() {
        var leaks = Leaks.baseline();
        var pulled = new AtomicInteger();
        Iterable<Integer> input = () -> IntStream.range(0, 100).peek(i -> pulled.incrementAndGet()).iterator();
        var started = new AtomicInteger();
        var tenStarted = new CountDownLatch(10);
        var tenHeld = new CountDownLatch(1);
        var startedWhileTenRan = new AtomicInteger();
        var options = StreamOptions.DEFAULT.withMaxConcurrency(10);
        try (var results = Task.asyncStream(input, (Integer i) -> {
            started.incrementAndGet();
            if (i < 10) {
                tenStarted.countDown();
            }
            if (i == 0) {
                // The first ten run until ten have started and an eleventh had a window to start
                // too, were the bound broken; a correct stream starts none whatever the window.
                if (!tenStarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fewer than ten elements ran at once");
                }
                Processes.sleep(Duration.ofMillis(100));
                startedWhileTenRan.set(started.get());
                tenHeld.countDown();
            } else if (i < 10) {
                if (!tenHeld.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("element " + i + " was never let go");
                }
            }
            return i * 2;
        }, options)) {
            assertThat(pulled).hasValue(0);
            var iterator = results.iterator();
            assertThat(iterator.next()).isEqualTo(new TaskResult.Ok<>(0));
            assertThat(pulled.get()).isLessThanOrEqualTo(11);
            var rest = new ArrayList<TaskResult<Integer>>();
            iterator.forEachRemaining(rest::add);
            assertThat(rest).isEqualTo(IntStream.range(1, 100).mapToObj(i -> new TaskResult.Ok<>(i * 2)).toList());
        }
        assertThat(startedWhileTenRan).hasValue(10);
        leaks.assertNoneLeft();
    }

    @Test
    void T9_neverHasMoreThanMaxConcurrencyTaskProcessesAlive() {
        var leaks = Leaks.baseline();
        for (boolean ordered : new boolean[] {true, false}) {
            // Counts processes alive, not functions running: a task that has handed its result
            // over but not yet ended still counts. The count is over a copy of the started set,
            // checked after the copy is complete: a process alive at its check was alive when the
            // copy ended too (a process never comes back), so everything counted was alive at
            // one moment. Counting while iterating the live set could count a task that died
            // mid-scan together with the task started in its place.
            var started = ConcurrentHashMap.<Pid>newKeySet();
            var highWater = new AtomicInteger();
            try (var results = Task.asyncStream(IntStream.range(0, 300).boxed(), (Integer i) -> {
                started.add(Processes.self());
                var startedSoFar = List.copyOf(started);
                highWater.accumulateAndGet((int) startedSoFar.stream().filter(Pid::isAlive).count(), Math::max);
                return i;
            }, StreamOptions.DEFAULT.withMaxConcurrency(2).withOrdered(ordered))) {
                assertThat(results.count()).isEqualTo(300);
            }
            assertThat(started).hasSize(300);
            assertThat(highWater.get()).isBetween(1, 2);
        }
        leaks.assertNoneLeft();
    }

    @Test
    void T9_aTaskThatExitsNormalWithoutResultIsAnExitNormalElement() {
        var leaks = Leaks.baseline();
        try (var results = Task.asyncStream(List.of(1, 2, 3), (Integer i) -> {
            if (i == 2) {
                Processes.exit(ExitReason.NORMAL);
            }
            return i;
        })) {
            assertThat(results.toList()).containsExactly(new TaskResult.Ok<>(1),
                    new TaskResult.Exit<>(ExitReason.NORMAL), new TaskResult.Ok<>(3));
        }
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T9_aTaskThatEndsAtOnceIsSeenEvenBeforeTheStreamMonitorRuns() {
        // A linked stream's tasks link themselves to the stream's monitor; one that ends before
        // the monitor traps exits would be lost (its normal exit ignored). A new stream per round,
        // so that each first task races its monitor's start.
        var leaks = Leaks.baseline();
        for (int round = 0; round < 500; round++) {
            try (var results = Task.asyncStream(List.of(round), (Integer i) -> {
                Processes.exit(ExitReason.NORMAL);
                return i;
            })) {
                assertThat(results.toList()).containsExactly(new TaskResult.Exit<>(ExitReason.NORMAL));
            }
        }
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T9_unorderedEmitsInCompletionOrder() {
        var leaks = Leaks.baseline();
        var tasks = new ConcurrentHashMap<Integer, Pid>();
        // A helper finishes the tasks in the order 2, 1, 0, each once the previous one is dead.
        var releaser = Processes.spawn(() -> {
            Leaks.await(() -> tasks.size() == 3, "three tasks");
            for (int i = 2; i >= 0; i--) {
                var ref = Processes.monitor(tasks.get(i));
                tasks.get(i).send("go");
                Processes.receive(m -> m instanceof Down d && d.ref() == ref ? d : null);
            }
        });
        try (var results = Task.asyncStream(List.of(0, 1, 2), (Integer i) -> {
            tasks.put(i, Processes.self());
            awaitGo();
            return i;
        }, StreamOptions.DEFAULT.withMaxConcurrency(3).withOrdered(false))) {
            assertThat(results.toList()).containsExactly(new TaskResult.Ok<>(2), new TaskResult.Ok<>(1), new TaskResult.Ok<>(0));
        }
        Leaks.awaitDead(releaser);
        leaks.assertNoneLeft();
    }

    record Started(int item, Pid pid) {
    }

    @Test
    void T9_aCrashingTaskEndsTheCallerAndEveryOtherTask() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var boom = new IllegalStateException("bad item");
        var consumer = Processes.spawnMonitor(() -> {
            try (var results = Task.asyncStream(List.of(1, 2, 3), (Integer i) -> {
                self.send(new Started(i, Processes.self()));
                awaitGo();
                if (i == 3) {
                    throw boom;
                }
                return i;
            }, StreamOptions.DEFAULT.withMaxConcurrency(3))) {
                results.forEach(result -> { });
            }
        });
        var started = new ArrayList<Started>();
        for (int i = 0; i < 3; i++) {
            started.add((Started) assertReceive(m -> m instanceof Started s ? s : null));
        }
        started.stream().filter(s -> s.item() == 3).findFirst().orElseThrow().pid().send("go");
        assertThat(awaitDown(consumer.ref()).reason()).isEqualTo(new ExitReason.Crash(boom));
        started.forEach(s -> Leaks.awaitDead(s.pid()));
        leaks.assertNoneLeft();
    }

    @Test
    void T9_aCallerThatTrapsExitsGetsExitElementsAndZippedInputs() {
        var leaks = Leaks.baseline();
        Processes.trapExits(true);
        var boom = new IllegalStateException("bad item");
        TaskFunction<Integer, Integer> fn = i -> {
            if (i == 2) {
                throw boom;
            }
            return i;
        };
        try (var results = Task.asyncStream(List.of(1, 2, 3), fn)) {
            assertThat(results.toList()).containsExactly(new TaskResult.Ok<>(1),
                    new TaskResult.Exit<>(new ExitReason.Crash(boom)), new TaskResult.Ok<>(3));
        }
        try (var results = Task.asyncStream(List.of(1, 2, 3), fn, StreamOptions.DEFAULT.withZipInputOnExit(true))) {
            assertThat(results.toList().get(1)).isEqualTo(
                    new TaskResult.Exit<>(ExitReason.of(new ZippedExit(2, new ExitReason.Crash(boom)))));
        }
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T9_aTaskKilledWhileItsFunctionRunsStillEndsItsElement() {
        // The kill runs the task's exit hook at once, on the killer's thread, while the function
        // still runs. Whether the function returns before the monitor hears of the kill or after,
        // the element must come: a result, or the exit.
        var leaks = Leaks.baseline();
        Processes.trapExits(true);
        for (int round = 0; round < 50; round++) {
            int item = round;
            var released = new AtomicBoolean();
            var killer = Processes.spawn(() -> {
                var task = (Pid) Processes.receive();
                Processes.exit(task, ExitReason.KILL);
                released.set(true);
            });
            try (var results = Task.asyncStream(List.of(item), (Integer i) -> {
                killer.send(Processes.self());
                while (!released.get()) {
                    Thread.onSpinWait(); // no call into the runtime: a killed task's code goes on
                }
                return i;
            })) {
                assertThat(results.toList()).singleElement()
                        .isIn(new TaskResult.Ok<>(item), new TaskResult.Exit<>(ExitReason.KILLED));
            }
            Leaks.awaitDead(killer);
        }
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void T9_killTaskOnTimeoutEmitsExitTimeoutAndGoesOn() {
        var leaks = Leaks.baseline();
        var options = StreamOptions.DEFAULT.withTimeout(Duration.ofMillis(100))
                .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK);
        try (var results = Task.asyncStream(Stream.of("a", "stuck", "c"), (String s) -> {
            if (s.equals("stuck")) {
                awaitGo();
            }
            return s;
        }, options)) {
            assertThat(results.toList()).containsExactly(new TaskResult.Ok<>("a"),
                    new TaskResult.Exit<>(ExitReason.TIMEOUT), new TaskResult.Ok<>("c"));
        }
        leaks.assertNoneLeft();
    }

    @Test
    void T9_exitOnTimeoutThrowsNamingTheStreamAndKillsEveryTask() {
        var leaks = Leaks.baseline();
        var timeout = Duration.ofMillis(100);
        var started = ConcurrentHashMap.<Pid>newKeySet();
        try (var results = Task.asyncStream(List.of(1, 2, 3), (Integer i) -> {
            started.add(Processes.self());
            awaitGo();
            return i;
        }, StreamOptions.DEFAULT.withMaxConcurrency(3).withTimeout(timeout))) {
            assertThatThrownBy(results::toList).isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                    .isEqualTo(new ExitReason.InCall(ExitReason.TIMEOUT, "Task", "asyncStream", List.of(timeout))));
        }
        assertThat(started).hasSize(3).allMatch(pid -> !pid.isAlive());
        leaks.assertNoneLeft();
    }

    @Test
    void T9_closingEarlyOverAnInfiniteInputKillsEveryTaskStillRunning() {
        var leaks = Leaks.baseline();
        var started = ConcurrentHashMap.<Pid>newKeySet();
        try (var results = Task.asyncStream(Stream.iterate(0, i -> i + 1), (Integer i) -> {
            started.add(Processes.self());
            if (i >= 5) {
                awaitGo(); // never comes: only closing ends these
            }
            return i;
        }, StreamOptions.DEFAULT.withMaxConcurrency(4))) {
            assertThat(results.limit(5).map(TaskResult::orElseThrow).toList()).containsExactly(0, 1, 2, 3, 4);
        }
        assertThat(started.size()).isBetween(5, 9);
        assertThat(started).allMatch(pid -> !pid.isAlive());
        leaks.assertNoneLeft();
    }

    @Test
    void T9_anExceptionInTheConsumerClosesTheStreamInTryWithResources() {
        var leaks = Leaks.baseline();
        var started = ConcurrentHashMap.<Pid>newKeySet();
        Iterable<Integer> endless = () -> Stream.iterate(0, i -> i + 1).iterator();
        assertThatThrownBy(() -> {
            try (var results = Task.asyncStream(endless, (Integer i) -> {
                started.add(Processes.self());
                if (i > 0) {
                    awaitGo();
                }
                return i;
            }, StreamOptions.DEFAULT.withMaxConcurrency(3))) {
                results.forEach(r -> {
                    throw new IllegalStateException("the consumer fails on " + r);
                });
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("fails on");
        assertThat(started).isNotEmpty().allMatch(pid -> !pid.isAlive());
        leaks.assertNoneLeft();
    }

    @Test
    void T9_aDyingCallerTakesItsTasksDown() {
        var leaks = Leaks.baseline();
        var self = Processes.self();
        var consumer = Processes.spawnMonitor(() -> Task.asyncStream(List.of(1, 2), (Integer i) -> {
            self.send(Processes.self());
            awaitGo();
            return i;
        }).forEach(result -> { }));
        var tasks = List.of((Pid) assertReceive(m -> m instanceof Pid p ? p : null), (Pid) assertReceive(m -> m instanceof Pid p ? p : null));
        Processes.exit(consumer.pid(), ExitReason.KILL);
        assertThat(awaitDown(consumer.ref()).reason()).isEqualTo(ExitReason.KILLED);
        tasks.forEach(Leaks::awaitDead);
        leaks.assertNoneLeft();
    }

    @Test
    void T9_anAbandonedUnclosedStreamIsStoppedOnceUnreachable() {
        var leaks = Leaks.baseline();
        var started = ConcurrentHashMap.<Pid>newKeySet();
        consumeTwoAndDrop(started);
        var first = started.iterator().next();
        // Only the garbage collector can tell that the stream is gone.
        Leaks.await(() -> {
            System.gc();
            return started.stream().noneMatch(Pid::isAlive);
        }, "the abandoned stream's tasks to be killed");
        assertThat(first.isAlive()).isFalse();
        leaks.assertNoneLeft();
    }

    private static void consumeTwoAndDrop(Set<Pid> started) {
        var results = Task.asyncStream(Stream.iterate(0, i -> i + 1), (Integer i) -> {
            started.add(Processes.self());
            if (i >= 2) {
                awaitGo();
            }
            return i;
        }, StreamOptions.DEFAULT.withMaxConcurrency(2));
        assertThat(results.limit(2).toList()).hasSize(2);
    }

    /**
     * T9: a task failure reaches the stream, even for a task killed by a third party while it links
     * to the stream's monitor: the link never forms, so only the monitor's look through the ring
     * can find it, and only if the task is still marked as not started. Deterministic: the test
     * holds the monitor's cell lock, which the task's link takes, kills the task blocked there, and
     * then lets it go on, dead.
     */
    @Test
    void T9_aTaskKilledWhileLinkingToTheMonitorEndsItsElementEvenWithAnInfiniteTimeout() {
        var leaks = Leaks.baseline();
        var test = Processes.self();
        var input = oneElementAfter(() -> {
            test.send("pulled");
            awaitGo(); // the test holds the monitor's lock before this element's task starts
        });
        var consumer = Processes.spawnMonitor(() -> {
            Processes.trapExits(true);
            try (var results = Task.asyncStream(input, (Integer i) -> i,
                    StreamOptions.DEFAULT.withMaxConcurrency(1).withTimeout(Processes.INFINITY))) {
                test.send(new Outcome(results.toList()));
            }
        });
        try {
            assertReceive(m -> "pulled".equals(m) ? m : null);
            var links = Processes.info(consumer.pid()).orElseThrow().links();
            assertThat(links).as("the consumer's only link is the stream's monitor").hasSize(1);
            var monitor = links.getFirst();
            var before = Set.copyOf(Processes.list());
            CellLocks.holding(monitor, () -> {
                consumer.pid().send("go");
                var task = new AtomicReference<Pid>();
                Leaks.await(() -> {
                    Processes.list().stream().filter(pid -> !before.contains(pid)).findFirst().ifPresent(task::set);
                    return task.get() != null;
                }, "the element's task to start");
                // Linking takes the lower pid's lock first: the monitor's, so the task holds none.
                assertThat(monitor.id()).isLessThan(task.get().id());
                CellLocks.awaitBlockedInCell(CellLocks.threadOf(task.get()), "link");
                Processes.exit(task.get(), ExitReason.KILL);
            });
            var outcome = (Outcome) assertReceive(m -> m instanceof Outcome o ? o : null);
            assertThat(outcome.results()).isEqualTo(List.of(new TaskResult.Exit<>(ExitReason.KILLED)));
            assertThat(awaitDown(consumer.ref()).reason()).isEqualTo(ExitReason.NORMAL);
        } finally {
            Processes.exit(consumer.pid(), ExitReason.KILL); // a no-op once it ended; else frees the stream
        }
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    private record Outcome(List<?> results) {
    }

    /** An input of the one element 1, which runs {@code beforeGiving} in the stream's pull of it. */
    private static Iterable<Integer> oneElementAfter(Runnable beforeGiving) {
        return () -> new Iterator<>() {
            boolean given;

            @Override
            public boolean hasNext() {
                return !given;
            }

            @Override
            public Integer next() {
                given = true;
                beforeGiving.run();
                return 1;
            }
        };
    }

    /**
     * T9: a task failure reaches the stream. A linked stream's task links to the stream's monitor
     * only once it runs; one killed before that still ends its element, even with no timeout to
     * make the monitor look. Deterministic: every carrier is held by a spinning process while
     * a platform thread kills the new task, which therefore cannot have run.
     */
    @Test
    void T9_aTaskKilledBeforeItRunsEndsItsElementEvenWithAnInfiniteTimeout() throws Exception {
        int carriers = Runtime.getRuntime().availableProcessors();
        var spinning = new AtomicInteger();
        var release = new AtomicBoolean();
        var before = new AtomicReference<Set<Pid>>();
        var result = new AtomicReference<Object>();
        var consumerPid = new AtomicReference<Pid>();
        var input = oneElementAfter(() -> {
            for (int i = 0; i < carriers; i++) {
                Processes.spawn(() -> {
                    spinning.incrementAndGet();
                    while (!release.get()) {
                        Thread.onSpinWait(); // holds its carrier: no other virtual thread runs
                    }
                });
            }
            while (spinning.get() < carriers) {
                Thread.onSpinWait();
            }
            before.set(Set.copyOf(Processes.list()));
        });
        var consumer = new Thread(() -> {
            consumerPid.set(Processes.self());
            Processes.trapExits(true);
            try (var results = Task.asyncStream(input, (Integer i) -> i,
                    StreamOptions.DEFAULT.withMaxConcurrency(1).withTimeout(Processes.INFINITY))) {
                result.set(results.toList());
            } catch (Throwable t) {
                result.set(t);
            }
        }, "stream-consumer");
        consumer.start();
        var killer = new Thread(() -> {
            for (;;) {
                var known = before.get();
                if (known != null) {
                    for (var pid : Processes.list()) {
                        if (!known.contains(pid)) {
                            Processes.exit(pid, ExitReason.KILL);
                            release.set(true);
                            return;
                        }
                    }
                }
                Thread.onSpinWait();
            }
        }, "killer");
        killer.start();
        killer.join(10_000);
        release.set(true);
        consumer.join(10_000);
        try {
            assertThat(consumer.isAlive()).as("the consumer still waits for the killed task's element").isFalse();
            assertThat(result.get()).isEqualTo(List.of(new TaskResult.Exit<>(ExitReason.KILLED)));
        } finally {
            if (consumer.isAlive()) {
                Processes.exit(consumerPid.get(), ExitReason.KILL);
            }
        }
    }
}
