package dev.amanah.examples.processes;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.Down;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ProcessInspectorTest {
    private static Pid idle() {
        return Processes.spawnLink(() -> Processes.receive(m -> m.equals("stop") ? m : null));
    }

    private static void stopAndAwait(Pid pid) {
        var ref = Processes.monitor(pid);
        pid.send("stop");
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void inspectSelfDescribesTheCaller() {
        var peer = idle();
        Processes.register("InspectorTest.self", Processes.self());
        Processes.self().send("queued");
        var info = ProcessInspector.inspectSelf();
        assertThat(info.pid()).isEqualTo(Processes.self());
        assertThat(info.registeredName()).contains("InspectorTest.self");
        assertThat(info.messageQueueLen()).isEqualTo(1);
        assertThat(info.links()).contains(peer);
        assertThat(info.memory()).isPositive();
        assertThat(info.currentFunction()).isPresent();
        Processes.receive();
        stopAndAwait(peer);
    }

    @Test
    void listsTheTenBiggestProcessesFirstAndOmitsOnesThatEnded() {
        var leaks = Leaks.baseline();
        var hoarder = idle();
        for (int i = 0; i < 2_000; i++) {
            hoarder.send(i); // stays queued: it only takes "stop"
        }
        var dead = Processes.spawn(() -> { });
        var ref = Processes.monitor(dead);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);

        var pids = new ArrayList<>(Processes.list());
        pids.add(dead); // as if it ended between Process.list() and Process.info/2
        var top = ProcessInspector.listProcessesByMemory(pids);
        assertThat(top).hasSizeLessThanOrEqualTo(10);
        assertThat(top.getFirst().pid()).isEqualTo(hoarder);
        assertThat(top).extracting(ProcessInspector.ProcessMemory::pid).doesNotContain(dead);
        assertThat(top).extracting(ProcessInspector.ProcessMemory::memory).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ProcessInspector.listProcessesByMemory()).isNotEmpty();
        stopAndAwait(hoarder);
        leaks.assertNoneLeft();
    }

    @Test
    void findsRegisteredDonationWorkersAndSkipsNamesFreedMeanwhile() {
        var leaks = Leaks.baseline();
        var first = idle();
        var second = idle();
        var other = idle();
        Processes.register("DonationWorker.1", first);
        Processes.register("DonationWorker.2", second);
        Processes.register("ReceiptWorker.1", other);

        var workers = ProcessInspector.findDonationWorkers();
        assertThat(workers).extracting(ProcessInspector.Worker::name).containsExactly("DonationWorker.1", "DonationWorker.2");
        assertThat(workers).extracting(ProcessInspector.Worker::pid).containsExactly(first, second);
        assertThat(workers.getFirst().info().registeredName()).contains("DonationWorker.1");

        var names = List.copyOf(Processes.registered());
        stopAndAwait(second); // its name is freed after Process.registered() was read
        assertThat(ProcessInspector.findDonationWorkers(names)).extracting(ProcessInspector.Worker::pid)
                .containsExactly(first);
        stopAndAwait(first);
        stopAndAwait(other);
        leaks.assertNoneLeft();
    }
}
