package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Exit signals and links: SEMANTICS.md rules X1–X8. */
@InProcess.Tests
class ExitSignalsTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    /** A process that reports to {@code parent} when it is up, then waits for ever. */
    static Pid waiter(Pid parent, boolean trap, Object ready) {
        return Processes.spawn(() -> {
            Processes.trapExits(trap);
            parent.send(ready);
            for (;;) {
                var message = Processes.receive();
                parent.send(new Forwarded(Processes.self(), message));
            }
        });
    }

    record Forwarded(Pid by, Object message) {}

    static Down awaitDown(Ref ref) {
        return assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    static void awaitReady(Object token) {
        assertReceive(m -> m.equals(token) ? m : null);
    }

    /** Spawns a process linked to a peer; the peer ends with {@code reason}; returns the first. */
    private Pid partnerOfPeerEnding(ExitReason reason, boolean trap) {
        var self = Processes.self();
        var partner = Processes.spawn(() -> {
            Processes.trapExits(trap);
            var peer = Processes.spawnLink(() -> Processes.receive(m -> m.equals("go") ? m : null));
            self.send(peer);
            for (;;) {
                self.send(new Forwarded(Processes.self(), Processes.receive()));
            }
        });
        var peer = assertReceive(m -> m instanceof Pid p ? p : null);
        var peerRef = Processes.monitor(peer);
        if (reason.isNormal()) {
            peer.send("go");
        } else {
            Processes.exit(peer, reason);
        }
        assertThat(awaitDown(peerRef).reason()).isEqualTo(reason);
        return partner;
    }

    @Test
    void X1_linkedPeerExitingNormallyLeavesNonTrappingPartnerAlive() {
        var partner = partnerOfPeerEnding(ExitReason.NORMAL, false);
        var ref = Processes.monitor(partner);
        refuteReceive(SHORT, m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(partner.isAlive()).isTrue();
        Processes.exit(partner, ExitReason.KILL);
        awaitDown(ref);
    }

    @Test
    void X1_trappingPartnerReceivesExitNormal() {
        var partner = partnerOfPeerEnding(ExitReason.NORMAL, true);
        var forwarded = assertReceive(m -> m instanceof Forwarded f && f.by() == partner ? f : null);
        assertThat(forwarded.message()).isInstanceOfSatisfying(Exit.class,
                exit -> assertThat(exit.reason()).isEqualTo(ExitReason.NORMAL));
        Processes.exit(partner, ExitReason.KILL);
    }

    @Test
    void X2_linkedPeerExitingAbnormallyTakesPartnerDownWithSameReason() {
        for (var reason : new ExitReason[] {ExitReason.SHUTDOWN, ExitReason.shutdown("maintenance"), ExitReason.of("boom")}) {
            var self = Processes.self();
            var partner = Processes.spawn(() -> {
                var peer = Processes.spawnLink(() -> Processes.receive());
                self.send(peer);
                Processes.receive();
            });
            var peer = assertReceive(m -> m instanceof Pid p ? p : null);
            var ref = Processes.monitor(partner);
            Processes.exit(peer, reason);
            assertThat(awaitDown(ref).reason()).isEqualTo(reason);
        }
    }

    @Test
    void X2_trappingPartnerReceivesExitWithReason() {
        var partner = partnerOfPeerEnding(ExitReason.shutdown("done"), true);
        var forwarded = assertReceive(m -> m instanceof Forwarded f && f.by() == partner ? f : null);
        assertThat(forwarded.message()).isInstanceOfSatisfying(Exit.class,
                exit -> assertThat(exit.reason()).isEqualTo(ExitReason.shutdown("done")));
        Processes.exit(partner, ExitReason.KILL);
    }

    @Test
    void X3_exitNormalIsIgnoredByNonTrappingTarget() {
        var target = waiter(Processes.self(), false, "up");
        awaitReady("up");
        var ref = Processes.monitor(target);
        Processes.exit(target, ExitReason.NORMAL);
        refuteReceive(SHORT, m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(target.isAlive()).isTrue();
        Processes.exit(target, ExitReason.KILL);
        awaitDown(ref);
    }

    @Test
    void X3_exitNormalReachesTrappingTargetAsMessage() {
        var target = waiter(Processes.self(), true, "up");
        awaitReady("up");
        Processes.exit(target, ExitReason.NORMAL);
        var forwarded = assertReceive(m -> m instanceof Forwarded f ? f : null);
        assertThat(forwarded.message()).isEqualTo(new Exit(Processes.self(), ExitReason.NORMAL));
        Processes.exit(target, ExitReason.KILL);
    }

    @Test
    void X3_exitSelfNormalEndsTheCallerWithNormal() {
        var monitored = Processes.spawnMonitor(() -> {
            Processes.exit(Processes.self(), ExitReason.NORMAL);
            throw new AssertionError("still running after exit(self, normal)");
        });
        assertThat(awaitDown(monitored.ref()).reason()).isEqualTo(ExitReason.NORMAL);
    }

    @Test
    void X4_killCannotBeTrapped() {
        var target = waiter(Processes.self(), true, "up");
        awaitReady("up");
        var ref = Processes.monitor(target);
        Processes.exit(target, ExitReason.KILL);
        assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.KILLED);
        refuteReceived(m -> m instanceof Forwarded f ? f : null);
    }

    @Test
    void X4_linksSeeKilledWhichIsTrappable() {
        var self = Processes.self();
        var partner = Processes.spawn(() -> {
            Processes.trapExits(true);
            var peer = Processes.spawnLink(() -> Processes.receive());
            self.send(peer);
            self.send(new Forwarded(Processes.self(), Processes.receive()));
        });
        var peer = assertReceive(m -> m instanceof Pid p ? p : null);
        Processes.exit(peer, ExitReason.KILL);
        var forwarded = assertReceive(m -> m instanceof Forwarded f ? f : null);
        assertThat(forwarded.message()).isEqualTo(new Exit(peer, ExitReason.KILLED));
        assertThat(forwarded.by()).isSameAs(partner);
    }

    @Test
    void X5_otherReasonEndsNonTrappingTarget() {
        var target = waiter(Processes.self(), false, "up");
        awaitReady("up");
        var ref = Processes.monitor(target);
        Processes.exit(target, ExitReason.of("audit_failed"));
        assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.of("audit_failed"));
    }

    @Test
    void X5_otherReasonReachesTrappingTargetAsExitFromSender() {
        var target = waiter(Processes.self(), true, "up");
        awaitReady("up");
        Processes.exit(target, ExitReason.of("audit_failed"));
        var forwarded = assertReceive(m -> m instanceof Forwarded f ? f : null);
        assertThat(forwarded.message()).isEqualTo(new Exit(Processes.self(), ExitReason.of("audit_failed")));
        assertThat(target.isAlive()).isTrue();
        Processes.exit(target, ExitReason.KILL);
    }

    @Test
    void X6_exitOfSelfCanBeCaught() {
        var monitored = Processes.spawnMonitor(() -> {
            try {
                Processes.exit(ExitReason.of("reconsidered"));
            } catch (ExitException caught) {
                Processes.self(); // still alive and usable
                throw new ExitException(ExitReason.of("caught " + caught.reason()));
            }
        });
        assertThat(awaitDown(monitored.ref()).reason()).isEqualTo(ExitReason.of("caught reconsidered"));
    }

    @Test
    void X6_exitSignalFromOthersCannotBeCaught() {
        var self = Processes.self();
        var target = Processes.spawn(() -> {
            for (;;) {
                try {
                    self.send("waiting");
                    Processes.receive();
                } catch (ExitException ignoredOnPurpose) {
                    // Swallowing the exit does not bring the process back: the loop's next
                    // receive throws again, and its sends are dropped.
                    self.send("still here");
                }
            }
        });
        awaitReady("waiting");
        var ref = Processes.monitor(target);
        Processes.exit(target, ExitReason.of("stop"));
        assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.of("stop"));
        assertThat(target.isAlive()).isFalse();
        refuteReceive(SHORT, m -> m.equals("still here") ? m : null);
    }

    @Test
    void X7_linkIsIdempotentAndLinkingSelfDoesNothing() {
        var peer = waiter(Processes.self(), false, "up");
        awaitReady("up");
        Processes.link(peer);
        Processes.link(peer);
        Processes.link(Processes.self());
        var info = Processes.info(Processes.self()).orElseThrow();
        assertThat(info.links()).containsExactly(peer);
        Processes.unlink(peer);
        assertThat(Processes.info(peer).orElseThrow().links()).isEmpty();
        Processes.exit(peer, ExitReason.KILL);
    }

    @Test
    void X7_aChildThatUnlinksAndLinksAgainIsLinkedOnceAndHearsOneExit() {
        var self = Processes.self();
        var parent = Processes.spawn(() -> {
            var me = Processes.self();
            Processes.spawnLink(() -> {
                Processes.trapExits(true);
                Processes.unlink(me);
                Processes.link(me);
                self.send(new Forwarded(Processes.self(), "relinked"));
                for (;;) {
                    self.send(new Forwarded(Processes.self(), Processes.receive()));
                }
            });
            Processes.receive();
        });
        Forwarded relinked = assertReceive(m -> m instanceof Forwarded f && f.message().equals("relinked") ? f : null);
        var child = relinked.by();
        assertThat(Processes.info(parent).orElseThrow().links()).containsExactly(child);
        assertThat(Processes.info(child).orElseThrow().links()).containsExactly(parent);
        var ref = Processes.monitor(parent);
        Processes.exit(parent, ExitReason.of("stop"));
        awaitDown(ref);
        var exit = new Forwarded(child, new Exit(parent, ExitReason.of("stop")));
        assertReceive(m -> m.equals(exit) ? m : null);
        refuteReceive(SHORT, m -> m.equals(exit) ? m : null);
        assertThat(Processes.info(child).orElseThrow().links()).isEmpty();
        Processes.exit(child, ExitReason.KILL);
    }

    @Test
    void X7_unlinkOfNonLinkOrDeadPidDoesNotFail() {
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        Processes.unlink(dead.pid());
        var stranger = waiter(Processes.self(), false, "up");
        awaitReady("up");
        Processes.unlink(stranger);
        Processes.exit(stranger, ExitReason.KILL);
    }

    @Test
    void X7_linkToDeadProcessSendsNoprocExit() {
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        Processes.trapExits(true);
        Processes.link(dead.pid());
        Exit exit = assertReceive(m -> m instanceof Exit e ? e : null);
        assertThat(exit).isEqualTo(new Exit(dead.pid(), ExitReason.NOPROC));
        Processes.trapExits(false);
        var monitored = Processes.spawnMonitor(() -> Processes.link(dead.pid()));
        assertThat(awaitDown(monitored.ref()).reason()).isEqualTo(ExitReason.NOPROC);
    }

    /** Erlang's link/1 raises a noproc error, which the caller may catch and carry on from. */
    @Test
    void X7_linkToDeadProcessRaisesNoprocThatTheCallerMayCatch() {
        var self = Processes.self();
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        var linker = Processes.spawnMonitor(() -> {
            try {
                Processes.link(dead.pid());
                self.send("linked");
            } catch (ExitException e) {
                self.send(e.reason());
            }
            self.send(Processes.info(Processes.self()).isPresent() ? "carries on" : "dead");
        });
        assertReceive(m -> m.equals(ExitReason.NOPROC) ? m : null);
        assertReceive(m -> m.equals("carries on") ? m : null);
        assertThat(awaitDown(linker.ref()).reason()).isEqualTo(ExitReason.NORMAL);
    }

    /**
     * Erlang's unlink/1: once it has returned, the link has no effect on the caller. A dying
     * peer takes its link first and signals after its other clean-up (here 200,000 timers to
     * cancel); a partner unlinking in between gets the signal inside unlink, never after it.
     */
    @Test
    void X7_onceUnlinkHasReturnedThePeersExitNoLongerReachesTheCaller() {
        var self = Processes.self();
        var partner = Processes.spawnMonitor(() -> {
            var peer = (Pid) Processes.receive(m -> m instanceof Pid p ? p : null);
            var timer = (TimerRef) Processes.receive(m -> m instanceof TimerRef t ? t : null);
            self.send("watching");
            while (timer.remaining().isPresent()) {
                Thread.onSpinWait(); // in its own code until the peer's clean-up has begun
            }
            Processes.unlink(peer);
            self.send("unlinked");
            Processes.receive(m -> "stop".equals(m) ? m : null);
        });
        var peer = Processes.spawnMonitor(() -> {
            Processes.link(partner.pid()); // the link is held in this process's own field
            self.send("linked");
            Processes.receive(m -> "die".equals(m) ? m : null);
            Processes.exit(ExitReason.of("peer_failed"));
        });
        awaitReady("linked");
        TimerRef first = null;
        for (int i = 0; i < 200_000; i++) {
            var timer = Processes.sendAfter(peer.pid(), "tick", Duration.ofHours(1));
            first = first == null ? timer : first;
        }
        partner.pid().send(peer.pid());
        partner.pid().send(first);
        awaitReady("watching");
        peer.pid().send("die");
        assertThat(awaitDown(peer.ref()).reason()).isEqualTo(ExitReason.of("peer_failed"));
        assertThat(awaitDown(partner.ref()).reason()).isEqualTo(ExitReason.of("peer_failed"));
        refuteReceived(m -> "unlinked".equals(m) ? m : null);
    }

    /**
     * A killed process sends nothing, exit signals included: the exit/2 in its finally block
     * throws its exit instead of taking another process down.
     */
    @Test
    void X5_aKilledProcessSendsNoExitSignal() throws InterruptedException {
        var bystander = Processes.spawnMonitor(() -> Processes.receive(m -> "stop".equals(m) ? m : null));
        var outcome = inTheFinallyOfAKilledProcess(() -> {
            Processes.exit(bystander.pid(), ExitReason.of("from_beyond"));
            return "signalled";
        });
        assertThat(outcome).isEqualTo(ExitReason.KILLED);
        bystander.pid().send("stop");
        assertThat(awaitDown(bystander.ref()).reason()).isEqualTo(ExitReason.NORMAL);
    }

    /** A killed process starts nothing: the spawn in its finally block throws its exit. */
    @Test
    void X5_aKilledProcessSpawnsNothing() throws InterruptedException {
        var outcome = inTheFinallyOfAKilledProcess(() -> Processes.spawn(() -> Processes.receive(m -> "never".equals(m) ? m : null)));
        if (outcome instanceof Pid orphan) {
            Processes.exit(orphan, ExitReason.KILL);
        }
        assertThat(outcome).isEqualTo(ExitReason.KILLED);
    }

    /**
     * What {@code action} returns, or the reason of the exit it throws, run in the finally block
     * of a process killed while it waited. Handed over outside the runtime: a dead process can
     * send no message.
     */
    private static Object inTheFinallyOfAKilledProcess(Callable<Object> action) throws InterruptedException {
        var self = Processes.self();
        var outcome = new AtomicReference<Object>();
        var cleanedUp = new CountDownLatch(1);
        var victim = Processes.spawnMonitor(() -> {
            try {
                self.send("waiting");
                Processes.receive(m -> "never".equals(m) ? m : null);
            } finally {
                try {
                    outcome.set(action.call());
                } catch (ExitException e) {
                    outcome.set(e.reason());
                }
                cleanedUp.countDown();
            }
        });
        awaitReady("waiting");
        Processes.exit(victim.pid(), ExitReason.KILL);
        assertThat(awaitDown(victim.ref()).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(cleanedUp.await(5, TimeUnit.SECONDS)).isTrue();
        return outcome.get();
    }

    /**
     * Spawning linked is atomic: a caller killed after its own check but before the child is
     * related to it (here inside the body factory, which runs in that window) starts nothing,
     * and its spawn throws its exit.
     */
    @Test
    void X2_aCallerKilledWhileSpawningLinkedStartsNoChild() throws InterruptedException {
        var outcome = new AtomicReference<Object>();
        var done = new CountDownLatch(1);
        var parent = Processes.spawnMonitor(() -> {
            try {
                var child = Processes.spawnLinkMonitor(ref -> {
                    try {
                        Processes.exit(Processes.self(), ExitReason.KILL);
                    } catch (ExitException killed) {
                        // dead now; the spawn goes on to relate the child
                    }
                    return () -> Processes.receive(m -> "never".equals(m) ? m : null);
                });
                outcome.set(child.pid());
            } catch (ExitException e) {
                outcome.set(e.reason());
            } finally {
                done.countDown();
            }
        });
        assertThat(awaitDown(parent.ref()).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        if (outcome.get() instanceof Pid orphan) {
            Processes.exit(orphan, ExitReason.KILL);
        }
        assertThat(outcome.get()).as("a child of a dead parent, unlinked, was started").isEqualTo(ExitReason.KILLED);
    }

    @Test
    void X8_onlyAbnormalReasonsAreLogged() {
        try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
            for (var reason : new ExitReason[] {ExitReason.NORMAL, ExitReason.SHUTDOWN, ExitReason.shutdown("x")}) {
                var monitored = Processes.spawnMonitor(() -> Processes.exit(reason));
                awaitDown(monitored.ref());
            }
            assertThat(log.records()).isEmpty();
            var crashed = Processes.spawnMonitor(() -> {
                throw new IllegalStateException("ledger out of balance");
            });
            awaitDown(crashed.ref());
            var exited = Processes.spawnMonitor(() -> Processes.exit(ExitReason.of("bad_input")));
            awaitDown(exited.ref());
            assertThat(log.records()).hasSize(2);
            assertThat(log.records().get(0).getMessage()).contains(crashed.pid().toString(), "ledger out of balance");
            assertThat(log.records().get(0).getThrown()).hasMessage("ledger out of balance");
            assertThat(log.records().get(1).getMessage()).contains(exited.pid().toString(), "bad_input");
        }
    }

    @Test
    void exitSignalWithNullReasonIsRejected() {
        assertThatThrownBy(() -> Processes.exit(Processes.self(), null)).isInstanceOf(NullPointerException.class);
    }
}
