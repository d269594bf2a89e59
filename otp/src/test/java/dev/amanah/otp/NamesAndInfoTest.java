package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names and process information: SEMANTICS.md rules N1, I1, I2. */
@InProcess.Tests
class NamesAndInfoTest {
    private static String uniqueName() {
        return "DonationWorker-" + System.nanoTime();
    }

    private static Pid idle() {
        return Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
    }

    @Test
    void N1_registerFailsWhenNameTakenPidNamedOrDead() {
        var name = uniqueName();
        var first = idle();
        var second = idle();
        Processes.register(name, first);
        assertThat(Processes.whereis(name)).contains(first);
        assertThat(Processes.registered()).contains(name);
        assertThatThrownBy(() -> Processes.register(name, second))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
        assertThatThrownBy(() -> Processes.register(uniqueName(), first))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        assertThatThrownBy(() -> Processes.register(uniqueName(), dead.pid()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not alive");
        first.send("stop");
        second.send("stop");
    }

    @Test
    void N1_nameIsFreedWhenProcessExits() {
        var name = uniqueName();
        var pid = idle();
        Processes.register(name, pid);
        var ref = Processes.monitor(pid);
        Processes.send(name, "stop");
        awaitDown(ref);
        assertThat(Processes.whereis(name)).isEmpty();
        assertThat(Processes.registered()).doesNotContain(name);
        var successor = idle();
        Processes.register(name, successor);
        successor.send("stop");
    }

    @Test
    void N1_unregisterFreesTheName() {
        var name = uniqueName();
        var pid = idle();
        Processes.register(name, pid);
        assertThat(Processes.unregister(name)).isTrue();
        assertThat(Processes.unregister(name)).isFalse();
        assertThat(Processes.whereis(name)).isEmpty();
        pid.send("stop");
    }

    @Test
    void I1_infoOfDeadProcessIsEmpty() {
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        assertThat(Processes.info(dead.pid())).isEmpty();
    }

    @Test
    void I1_listingByMemorySurvivesProcessesDyingMeanwhile() {
        // The seed's list_processes_by_memory, done safely: a process may die between list() and info().
        var doomed = Processes.spawnMonitor(() -> Processes.receive());
        var pids = Processes.list();
        assertThat(pids).contains(doomed.pid());
        Processes.exit(doomed.pid(), ExitReason.KILL);
        awaitDown(doomed.ref());
        var top = pids.stream()
                .map(Processes::info)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(ProcessInfo::memory).reversed())
                .limit(10)
                .toList();
        assertThat(top).isNotEmpty().noneMatch(info -> info.pid() == doomed.pid());
    }

    @Test
    void I2_registeredNameIsEmptyWhenNotRegistered() {
        var info = Processes.info(Processes.self()).orElseThrow();
        assertThat(info.registeredName()).isEmpty();
        var name = uniqueName();
        Processes.register(name, Processes.self());
        assertThat(Processes.info(Processes.self()).orElseThrow().registeredName()).contains(name);
        Processes.unregister(name);
    }

    @Test
    void infoReportsQueueReductionsStatusAndFrame() {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            Processes.receive();
            self.send("took one");
            Processes.receive(m -> m.equals("stop") ? m : null);
        });
        pid.send("first");
        assertReceive(m -> m.equals("took one") ? m : null);
        pid.send("a");
        pid.send("b");
        var info = eventuallyWaiting(pid);
        assertThat(info.reductions()).isEqualTo(1);
        assertThat(info.messageQueueLen()).isEqualTo(2);
        assertThat(info.status()).isEqualTo(ProcessInfo.Status.WAITING);
        assertThat(info.currentFrame()).hasValueSatisfying(
                frame -> assertThat(frame.getClassName()).startsWith(NamesAndInfoTest.class.getName()));
        assertThat(info.trapExit()).isFalse();
        assertThat(info.memory()).isPositive();
        Processes.exit(pid, ExitReason.KILL);
    }

    /** The process's info once it has parked again (it wakes to look at each new message). */
    private static ProcessInfo eventuallyWaiting(Pid pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (;;) {
            var info = Processes.info(pid).orElseThrow();
            if (info.status() == ProcessInfo.Status.WAITING || System.nanoTime() > deadline) {
                return info;
            }
            Thread.yield();
        }
    }

    @Test
    void processListContainsLiveProcessesOnly() {
        var pid = idle();
        assertThat(Processes.list()).contains(pid, Processes.self());
        var ref = Processes.monitor(pid);
        pid.send("stop");
        awaitDown(ref);
        assertThat(Processes.list()).doesNotContain(pid);
        assertThat(Processes.receive(Duration.ZERO)).isNull();
    }
}
