package dev.amanah.otp.pool;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class WorkerPoolTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    /** A worker that tells who it is, or crashes on request. */
    static final class Worker implements GenServer<Integer> {
        @Override
        public InitResult<Integer> init() {
            return new Ok<>(0);
        }

        @Override
        public CallResult<Integer> handleCall(Object request, ReplyTo from, Integer handled) {
            return switch (request) {
                case String s when s.equals("whoami") -> new Reply<>(Processes.self(), handled + 1);
                case String s when s.equals("crash") -> throw new IllegalStateException("worker asked to crash");
                default -> GenServer.super.handleCall(request, from, handled);
            };
        }
    }

    record Got(int caller, Pid worker) {
    }

    record Failed(int caller, ExitReason reason) {
    }

    private static PoolOptions options(int size) {
        return PoolOptions.of(size, () -> GenServer.startLink(new Worker()));
    }

    private static PoolStatus awaitStatus(Pid pool, Predicate<PoolStatus> condition) {
        long deadline = System.nanoTime() + LONG.toNanos();
        for (;;) {
            var status = WorkerPool.status(pool);
            if (condition.test(status)) {
                return status;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("pool status never matched; last " + status);
            }
            Processes.sleep(Duration.ofMillis(2));
        }
    }

    private static void awaitDeath(Pid pid) {
        var ref = Processes.monitor(pid);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    /** Stops the pool and checks that it took its workers with it. */
    private static void stopAndCheck(Pid pool, List<Pid> workers) {
        WorkerPool.stop(pool);
        for (var worker : workers) {
            awaitDeath(worker);
        }
        assertMailboxEmpty();
    }

    @Test
    void checkoutLendsEachWorkerToOneCallerUntilCheckedIn() {
        var pool = WorkerPool.startLink(options(2)).orElseThrow();
        var first = WorkerPool.checkout(pool, LONG);
        var second = WorkerPool.checkout(pool, LONG);
        assertThat(first).isNotEqualTo(second);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(0, 2, 0, 0));
        assertThat(WorkerPool.tryCheckout(pool)).isEmpty();

        WorkerPool.checkin(pool, first);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 1, 0, 0));
        assertThat(WorkerPool.tryCheckout(pool)).contains(first);
        WorkerPool.checkin(pool, first);
        WorkerPool.checkin(pool, second);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(2, 0, 0, 0));
        stopAndCheck(pool, List.of(first, second));
    }

    @Test
    void transactionReturnsTheWorkerWhetherTheWorkSucceedsOrThrows() {
        var pool = WorkerPool.startLink(options(1).withName("pool_transaction")).orElseThrow();
        Pid answer = WorkerPool.transaction("pool_transaction", LONG, worker -> GenServer.call(worker, "whoami"));
        assertThat(WorkerPool.status(pool).idle()).isEqualTo(1);

        assertThatThrownBy(() -> WorkerPool.transaction(pool, LONG, worker -> {
            throw new IllegalArgumentException("bad donation");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad donation");
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        stopAndCheck(pool, List.of(answer));
    }

    @Test
    void waitingCallersAreServedInArrivalOrder() {
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var held = WorkerPool.checkout(pool, LONG);
        var self = Processes.self();
        var callers = new ArrayList<Pid>();
        for (int i = 0; i < 5; i++) {
            int caller = i;
            callers.add(Processes.spawnLink(() -> {
                var worker = WorkerPool.checkout(pool, LONG);
                self.send(new Got(caller, worker));
                Processes.receive(m -> m.equals("release") ? m : null);
                WorkerPool.checkin(pool, worker);
            }));
            awaitStatus(pool, status -> status.waiting() == caller + 1);
        }
        WorkerPool.checkin(pool, held);
        for (int i = 0; i < 5; i++) {
            int expected = i;
            var got = assertReceive(m -> m instanceof Got g ? g : null);
            assertThat(got).isEqualTo(new Got(expected, held));
            callers.get(i).send("release");
        }
        awaitStatus(pool, status -> status.equals(new PoolStatus(1, 0, 0, 0)));
        stopAndCheck(pool, List.of(held));
    }

    @Test
    void aCheckoutThatTimesOutExitsTheCallerAndLosesNoWorker() {
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var held = WorkerPool.checkout(pool, LONG);
        var self = Processes.self();
        var timeout = Duration.ofMillis(20);
        Processes.spawn(() -> {
            try {
                WorkerPool.checkout(pool, timeout);
                self.send("unexpectedly served");
            } catch (ExitException e) {
                self.send(new Failed(0, e.reason()));
            }
        });
        var failed = assertReceive(m -> m instanceof Failed f ? f : null);
        assertThat(failed.reason()).isEqualTo(
                new ExitReason.InCall(ExitReason.TIMEOUT, "WorkerPool", "checkout", List.of(pool, timeout)));
        awaitStatus(pool, status -> status.waiting() == 0);

        WorkerPool.checkin(pool, held);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        assertThat(WorkerPool.tryCheckout(pool)).contains(held);
        WorkerPool.checkin(pool, held);
        stopAndCheck(pool, List.of(held));
    }

    @Test
    void aWorkerReadyJustAfterItsCallerGaveUpGoesToNobodyAndIsNotLost() {
        // The overflow worker's start blocks in the pool's process until released, so the waiting
        // caller times out (and asks to leave the line) before the worker is handed to it.
        var starts = new AtomicInteger();
        var pool = WorkerPool.startLink(PoolOptions.of(1, () -> {
            if (starts.incrementAndGet() == 2) {
                Processes.receive(m -> m.equals("go") ? m : null);
            }
            return GenServer.startLink(new Worker());
        }).withMaxOverflow(1)).orElseThrow();
        var held = WorkerPool.checkout(pool, LONG);
        var self = Processes.self();
        Processes.spawn(() -> {
            try {
                WorkerPool.checkout(pool, Duration.ofMillis(20));
                self.send("unexpectedly served");
            } catch (ExitException e) {
                self.send(new Failed(0, e.reason()));
            }
        });
        assertReceive(m -> m instanceof Failed f ? f : null);
        pool.send("go");

        var status = awaitStatus(pool, s -> s.overflow() == 0);
        assertThat(status).isEqualTo(new PoolStatus(0, 1, 0, 0));
        assertThat(starts).hasValue(2);
        WorkerPool.checkin(pool, held);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        stopAndCheck(pool, List.of(held));
    }

    @Test
    void aTimedOutCallerLeavesTheLineAndTheNextOneIsServed() {
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var held = WorkerPool.checkout(pool, LONG);
        var self = Processes.self();
        Processes.spawn(() -> {
            try {
                WorkerPool.checkout(pool, Duration.ofMillis(20));
            } catch (ExitException e) {
                self.send(new Failed(0, e.reason()));
            }
        });
        assertReceive(m -> m instanceof Failed f ? f : null);
        var patient = Processes.spawnLink(() -> {
            var worker = WorkerPool.checkout(pool, LONG);
            self.send(new Got(1, worker));
            Processes.receive(m -> m.equals("release") ? m : null);
            WorkerPool.checkin(pool, worker);
            self.send("released");
        });
        awaitStatus(pool, status -> status.waiting() == 1);
        WorkerPool.checkin(pool, held);
        Got got = assertReceive(m -> m instanceof Got g ? g : null);
        assertThat(got).isEqualTo(new Got(1, held));
        patient.send("release");
        assertReceive(m -> m.equals("released") ? m : null);
        stopAndCheck(pool, List.of(held));
    }

    @Test
    void aCrashedWorkerIsReplacedAndThePoolKeepsItsSize() {
        var pool = WorkerPool.startLink(options(3)).orElseThrow();
        var victim = WorkerPool.checkout(pool, LONG);
        Processes.trapExits(true); // the call below exits us with the worker's crash otherwise
        assertThatThrownBy(() -> GenServer.call(victim, "crash")).isInstanceOf(ExitException.class);
        Processes.trapExits(false);
        awaitDeath(victim);
        awaitStatus(pool, status -> status.equals(new PoolStatus(3, 0, 0, 0)));
        WorkerPool.checkin(pool, victim); // a dead worker's checkin is accepted and ignored

        var idleVictim = WorkerPool.checkout(pool, LONG);
        WorkerPool.checkin(pool, idleVictim);
        Processes.exit(idleVictim, ExitReason.KILL);
        awaitStatus(pool, status -> status.equals(new PoolStatus(3, 0, 0, 0)));

        var workers = new HashSet<Pid>();
        for (int i = 0; i < 3; i++) {
            workers.add(WorkerPool.checkout(pool, LONG));
        }
        assertThat(workers).hasSize(3).doesNotContain(victim, idleVictim).allMatch(Pid::isAlive);
        for (var worker : workers) {
            WorkerPool.checkin(pool, worker);
        }
        stopAndCheck(pool, List.copyOf(workers));
    }

    @Test
    void aWorkerHeldByAProcessThatDiesComesBackToThePool() {
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var self = Processes.self();
        var borrower = Processes.spawn(() -> {
            self.send(new Got(0, WorkerPool.checkout(pool, LONG)));
            Processes.receive();
        });
        var lent = assertReceive(m -> m instanceof Got g ? g : null).worker();
        assertThat(WorkerPool.tryCheckout(pool)).isEmpty();
        Processes.exit(borrower, ExitReason.KILL);

        assertThat(WorkerPool.checkout(pool, LONG)).isEqualTo(lent);
        WorkerPool.checkin(pool, lent);
        stopAndCheck(pool, List.of(lent));
    }

    @Test
    void aCallerKilledWhileWaitingLeavesTheLine() {
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var held = WorkerPool.checkout(pool, LONG);
        var waiter = Processes.spawn(() -> WorkerPool.checkout(pool, LONG));
        awaitStatus(pool, status -> status.waiting() == 1);
        Processes.exit(waiter, ExitReason.KILL);
        awaitStatus(pool, status -> status.waiting() == 0);
        WorkerPool.checkin(pool, held);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        stopAndCheck(pool, List.of(held));
    }

    @Test
    void onlyTheBorrowerChecksAWorkerInAndAnotherProcessIsRefusedAsAnyCallMadeByTheWrongProcess() {
        // As only a task's owner may await it: the pool watches the borrower, not the worker.
        var pool = WorkerPool.startLink(options(1)).orElseThrow();
        var self = Processes.self();
        var borrower = Processes.spawn(() -> {
            var worker = WorkerPool.checkout(pool, LONG);
            self.send(new Got(1, worker));
            Processes.receive(m -> "check it in".equals(m) ? m : null);
            WorkerPool.checkin(pool, worker);
            self.send("checked in");
            Processes.receive();
        });
        var lent = assertReceive(m -> m instanceof Got g ? g : null).worker();

        assertThatThrownBy(() -> WorkerPool.checkin(pool, lent))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOfSatisfying(CheckinException.class,
                        e -> assertThat(e.problem()).isEqualTo(CheckinException.Problem.NOT_THE_BORROWER));
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(0, 1, 0, 0));

        borrower.send("check it in");
        assertReceive(m -> "checked in".equals(m) ? m : null);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        Processes.exit(borrower, ExitReason.KILL);
        stopAndCheck(pool, List.of(lent));
        assertMailboxEmpty();
    }

    @Test
    void checkinMistakesAreRefusedWithTheirReason() {
        var pool = WorkerPool.startLink(options(2)).orElseThrow();
        var mine = WorkerPool.checkout(pool, LONG);
        WorkerPool.checkin(pool, mine);
        assertThatThrownBy(() -> WorkerPool.checkin(pool, mine))
                .isInstanceOfSatisfying(CheckinException.class, e -> {
                    assertThat(e.problem()).isEqualTo(CheckinException.Problem.NOT_CHECKED_OUT);
                    assertThat(e.worker()).isEqualTo(mine);
                })
                .hasMessageContaining("checkin of " + mine + " into pool " + pool);

        var stranger = Processes.spawn(Processes::receive);
        assertThatThrownBy(() -> WorkerPool.checkin(pool, stranger))
                .isInstanceOfSatisfying(CheckinException.class,
                        e -> assertThat(e.problem()).isEqualTo(CheckinException.Problem.NOT_A_WORKER));

        var self = Processes.self();
        var other = Processes.spawn(() -> {
            self.send(new Got(1, WorkerPool.checkout(pool, LONG)));
            Processes.receive();
        });
        var theirs = assertReceive(m -> m instanceof Got g ? g : null).worker();
        assertThatThrownBy(() -> WorkerPool.checkin(pool, theirs))
                .isInstanceOfSatisfying(CheckinException.class,
                        e -> assertThat(e.problem()).isEqualTo(CheckinException.Problem.NOT_THE_BORROWER));
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 1, 0, 0));

        Processes.exit(other, ExitReason.KILL);
        Processes.exit(stranger, ExitReason.KILL);
        awaitStatus(pool, status -> status.idle() == 2);
        stopAndCheck(pool, List.of(mine, theirs));
    }

    @Test
    void overflowWorkersServeTheBusyPeakAndStopWhenReturned() {
        var pool = WorkerPool.startLink(options(1).withMaxOverflow(1)).orElseThrow();
        var regular = WorkerPool.checkout(pool, LONG);
        var extra = WorkerPool.checkout(pool, LONG);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(0, 2, 1, 0));
        assertThat(WorkerPool.tryCheckout(pool)).isEmpty();

        var ref = Processes.monitor(extra);
        WorkerPool.checkin(pool, extra);
        assertThat(assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null).reason())
                .isEqualTo(ExitReason.SHUTDOWN);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(0, 1, 0, 0));
        WorkerPool.checkin(pool, regular);
        stopAndCheck(pool, List.of(regular));
    }

    @Test
    void anOverflowWorkerReturnedWhileACallerWaitsGoesToThatCaller() {
        var pool = WorkerPool.startLink(options(1).withMaxOverflow(1)).orElseThrow();
        var regular = WorkerPool.checkout(pool, LONG);
        var extra = WorkerPool.checkout(pool, LONG);
        var self = Processes.self();
        Processes.spawnLink(() -> {
            var worker = WorkerPool.checkout(pool, LONG);
            self.send(new Got(1, worker));
            WorkerPool.checkin(pool, worker);
            self.send("returned");
        });
        awaitStatus(pool, status -> status.waiting() == 1);
        WorkerPool.checkin(pool, extra);
        assertThat(assertReceive(m -> m instanceof Got g ? g : null).worker()).isEqualTo(extra);
        assertReceive(m -> m.equals("returned") ? m : null);
        awaitDeath(extra);
        WorkerPool.checkin(pool, regular);
        assertThat(WorkerPool.status(pool)).isEqualTo(new PoolStatus(1, 0, 0, 0));
        stopAndCheck(pool, List.of(regular));
    }

    @Test
    void aDismissedOverflowWorkerThatIgnoresShutdownIsKilledAfterTheWorkerShutdown() {
        // poolboy dismisses with supervisor:terminate_child: shutdown, then kill after the child's
        // shutdown time. A worker that traps exits and ignores the signal must not run on for ever.
        var pool = WorkerPool.startLink(PoolOptions.of(1, WorkerPoolTest::startDeafWorker)
                .withMaxOverflow(1).withWorkerShutdown(Duration.ofMillis(50))).orElseThrow();
        var regular = WorkerPool.checkout(pool, LONG);
        var extra = WorkerPool.checkout(pool, LONG);
        var ref = Processes.monitor(extra);
        WorkerPool.checkin(pool, extra);
        try {
            assertThat(assertReceive(LONG, m -> m instanceof Down d && d.ref() == ref ? d : null).reason())
                    .isEqualTo(ExitReason.KILLED);
        } finally {
            Processes.exit(extra, ExitReason.KILL);
        }
        WorkerPool.checkin(pool, regular);
        stopAndCheck(pool, List.of(regular));
    }

    /** A worker that traps exits and ignores every message, the shutdown signal included. */
    private static StartResult startDeafWorker() {
        var pool = Processes.self();
        var pid = Processes.spawnLink(() -> {
            Processes.trapExits(true);
            pool.send(new Got(0, Processes.self()));
            for (;;) {
                Processes.receive();
            }
        });
        Processes.receive(m -> m instanceof Got g && g.worker() == pid ? g : null);
        return new StartResult.Ok(pid);
    }

    @Test
    void aWorkerFactoryThatFailsFailsThePoolStart() {
        Processes.trapExits(true);
        var result = WorkerPool.startLink(PoolOptions.of(2, () -> new StartResult.Error(ExitReason.of("no database"))));
        assertThat(result).isEqualTo(new StartResult.Error(
                ExitReason.of(new WorkerStartFailed(new StartResult.Error(ExitReason.of("no database"))))));
    }

    @Test
    void callsToAMissingPoolExitWithNoproc() {
        assertThatThrownBy(() -> WorkerPool.checkout("no_such_pool", LONG))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(
                        new ExitReason.InCall(ExitReason.NOPROC, "WorkerPool", "checkout", List.of("no_such_pool", LONG))));
    }

    @Test
    void stoppingThePoolStopsEveryWorkerAndLeavesNoProcessBehind() {
        long threadsBefore = Processes.runningThreads();
        var pool = WorkerPool.startLink(options(4).withMaxOverflow(2)).orElseThrow();
        var workers = new ArrayList<Pid>();
        for (int i = 0; i < 6; i++) {
            workers.add(WorkerPool.checkout(pool, LONG));
        }
        var ref = Processes.monitor(pool);
        WorkerPool.stop(pool);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(workers).noneMatch(Pid::isAlive);
        long deadline = System.nanoTime() + LONG.toNanos();
        while (Processes.runningThreads() > threadsBefore && System.nanoTime() < deadline) {
            Processes.sleep(Duration.ofMillis(2));
        }
        assertThat(Processes.runningThreads()).isLessThanOrEqualTo(threadsBefore);
    }

    @Test
    void anAdoptedCallerKilledWithItsPoolWhileItChecksInEndsWithItsOwnExitRatherThanReturning() throws InterruptedException {
        // A checkin into a pool that died is a no-op, but a caller killed meanwhile (here by its
        // link to that pool) must still end with its exit, judged against the process that made
        // the call: a plain thread told of its death is adopted afresh by its next call.
        var self = Processes.self();
        var pool = startServerHoldingEveryCall(self);
        // Told by a future, not a message: what a killed process sends is dropped.
        var outcome = new CompletableFuture<Object>();
        var thread = new Thread(() -> {
            Processes.link(pool);
            try {
                WorkerPool.checkin(pool, self);
                outcome.complete("returned");
            } catch (ExitException e) {
                outcome.complete(e.reason());
            }
        });
        thread.start();
        assertReceive(m -> "holding".equals(m) ? m : null);

        Processes.exit(pool, ExitReason.KILL);

        // Bare if the kill woke it, named after the checkin if the pool's Down did: killed either way.
        assertThat(outcome).succeedsWithin(LONG).satisfies(reason -> assertThat(
                reason instanceof ExitReason.InCall call ? call.reason() : reason).isEqualTo(ExitReason.KILLED));
        assertThat(thread.join(LONG)).as("the caller's thread ended").isTrue();
        assertMailboxEmpty();
    }

    @Test
    void anAdoptedCallerKilledWhileItChecksOutEndsWithItsOwnExitNotACheckoutFailure() throws InterruptedException {
        // A plain thread told of its death is adopted afresh by its next call: the exit must be
        // judged against the process that made the call.
        var self = Processes.self();
        var pool = startServerHoldingEveryCall(self);
        var poolRef = Processes.monitor(pool);
        var thread = new Thread(() -> {
            self.send(Processes.self());
            try {
                WorkerPool.checkout(pool, LONG);
                self.send("returned");
            } catch (ExitException e) {
                self.send(e.reason());
            }
        });
        thread.start();
        var caller = (Pid) assertReceive(m -> m instanceof Pid pid ? pid : null);
        assertReceive(m -> "holding".equals(m) ? m : null);

        Processes.exit(caller, ExitReason.KILL);

        Object outcome = assertReceive(m -> m instanceof ExitReason || "returned".equals(m) ? m : null);
        assertThat(outcome).isEqualTo(ExitReason.KILLED);
        Processes.exit(pool, ExitReason.KILL);
        assertReceive(m -> m instanceof Down down && down.ref() == poolRef ? down : null);
        thread.join();
        assertMailboxEmpty();
    }

    // A stand-in for a pool that takes a call, tells the test "holding" and never answers it.
    private static Pid startServerHoldingEveryCall(Pid test) {
        return GenServer.start(new GenServer<String>() {
            @Override
            public InitResult<String> init() {
                return new Ok<>("holds every call");
            }

            @Override
            public CallResult<String> handleCall(Object request, ReplyTo from, String state) {
                test.send("holding");
                Processes.receive(m -> "go".equals(m) ? m : null);
                return new NoReply<>(state);
            }
        }).orElseThrow();
    }
}
