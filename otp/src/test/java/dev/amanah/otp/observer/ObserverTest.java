package dev.amanah.otp.observer;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.supervisor.DynamicSupervisorOptions;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ObserverTest {

    /** A server that does nothing: a worker for the trees. */
    static final class Idle implements GenServer<Void> {
        @Override
        public InitResult<Void> init() {
            return new Ok<>(null);
        }

        @Override
        public Result<Void> handleInfo(Object message, Void state) {
            return new NoReply<>(state);
        }
    }

    /** A process that never receives, with {@code queued} messages waiting in its mailbox. */
    private static Pid withQueue(int queued) {
        var pid = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        for (int i = 0; i < queued; i++) {
            pid.send(i);
        }
        return pid;
    }

    /** A process that has taken {@code handled} messages from its mailbox, then waits. */
    private static Pid withReductions(int handled) {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            for (int i = 0; i < handled; i++) {
                Processes.receive();
            }
            self.send("handled");
            Processes.receive();
        });
        for (int i = 0; i < handled; i++) {
            pid.send(i);
        }
        assertReceive(m -> m.equals("handled") ? m : null);
        return pid;
    }

    private static void kill(Pid pid) {
        var ref = Processes.monitor(pid);
        Processes.exit(pid, ExitReason.KILL);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void topRanksProcessesByQueueLengthReductionsOrMemory() {
        var busy = withQueue(500);
        var quieter = withQueue(200);
        var worker = withReductions(300);

        assertThat(Observer.top(2, Observer.Metric.MESSAGE_QUEUE_LEN)).extracting(ProcessInfo::pid)
                .containsExactly(busy, quieter);
        assertThat(Observer.top(1, Observer.Metric.REDUCTIONS)).extracting(ProcessInfo::pid).containsExactly(worker);
        assertThat(Observer.topByMemory(2)).extracting(ProcessInfo::pid).containsExactly(busy, quieter);
        assertThat(Observer.top(0, Observer.Metric.MEMORY)).isEmpty();
        for (var pid : List.of(busy, quieter, worker)) {
            kill(pid);
        }
    }

    @Test
    void I1_listingByMemorySkipsProcessesThatDiedAfterBeingListed() {
        var alive = withQueue(10);
        var dying = new ArrayList<Pid>();
        for (int i = 0; i < 5; i++) {
            dying.add(withQueue(100));
        }
        var listed = new ArrayList<>(Processes.list());
        for (var pid : dying) {
            kill(pid); // dies after Process.list(), before Process.info: the seed's crash
        }
        assertThat(Observer.top(listed, 3, Observer.Metric.MEMORY)).extracting(ProcessInfo::pid)
                .contains(alive).doesNotContainAnyElementsOf(dying);
        kill(alive);
    }

    @Test
    void I1_listingWhileProcessesComeAndGoNeverFails() {
        var self = Processes.self();
        // One short-lived process at a time, each killed and awaited, so the churn stays bounded.
        var churn = Processes.spawn(() -> {
            while (Processes.receive(java.time.Duration.ZERO, m -> m.equals("stop") ? m : null) == null) {
                var victim = Processes.spawnMonitor(() -> Processes.receive());
                Processes.exit(victim.pid(), ExitReason.KILL);
                Processes.receive(m -> m instanceof Down d && d.ref() == victim.ref() ? d : null);
            }
            self.send("stopped");
        });
        for (int i = 0; i < 200; i++) {
            assertThat(Observer.topByMemory(10)).allMatch(info -> info.memory() > 0);
        }
        churn.send("stop");
        assertReceive(m -> m.equals("stopped") ? m : null);
    }

    @Test
    void theSupervisionTreeShowsIdsPidsTypesStatusesAndQueues() {
        var dynamic = new ArrayList<Pid>();
        var inner = List.of(
                ChildSpec.worker("ledger", () -> GenServer.startLink(new Idle())),
                ChildSpec.worker("receipts", () -> GenServer.startLink(new Idle())));
        var root = Supervisor.startLink(List.of(
                ChildSpec.worker("stats", () -> GenServer.startLink(new Idle())),
                Supervisor.childSpec("finance", inner, SupervisorOptions.DEFAULT),
                DynamicSupervisor.childSpec("campaigns", DynamicSupervisorOptions.DEFAULT),
                ChildSpec.worker("mailer", () -> GenServer.startLink(new Idle()))
                        .withRestart(ChildSpec.Restart.TRANSIENT))).orElseThrow();
        var children = Supervisor.whichChildren(root);
        var stats = children.get(0).pid().orElseThrow();
        var campaigns = children.get(2).pid().orElseThrow();
        dynamic.add(campaigns);
        var campaign = DynamicSupervisor.startChild(campaigns,
                ChildSpec.worker("campaign", () -> GenServer.startLink(new Idle()))).orElseThrow();
        Supervisor.terminateChild(root, "mailer");
        for (int i = 0; i < 3; i++) {
            stats.send("ping " + i);
        }

        var tree = Observer.supervisionTree(root, Set.copyOf(dynamic));
        var lines = tree.lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith(root + " supervisor (");
        assertThat(lines.get(1)).startsWith("├─ stats " + stats + " worker (").contains("queue ");
        assertThat(lines.get(2)).startsWith("├─ finance ").contains(" supervisor (");
        assertThat(lines.get(3)).startsWith("│  ├─ ledger ").contains(" worker (waiting, queue 0)");
        assertThat(lines.get(4)).startsWith("│  └─ receipts ").contains(" worker (");
        assertThat(lines.get(5)).startsWith("├─ campaigns " + campaigns + " supervisor (");
        assertThat(lines.get(6)).startsWith("│  └─ campaign " + campaign + " worker (");
        assertThat(lines.get(7)).isEqualTo("└─ mailer not running worker");
        Supervisor.stop(root);
    }

    record Tree(String text) {
    }

    @Test
    void aTaskSupervisorInTheTreeIsExpandedAsAnySupervisor() {
        var root = Supervisor.startLink(List.of(
                ChildSpec.supervisor("tasks", () -> TaskSupervisor.startLink())),
                SupervisorOptions.DEFAULT).orElseThrow();
        var tasks = TaskSupervisor.of(Supervisor.whichChildren(root).getFirst().pid().orElseThrow());
        var task = tasks.startChild(() -> Processes.receive());
        var self = Processes.self();
        // Linked: should the walk hang, the helper ends with this test's process.
        Processes.spawnLink(() -> self.send(new Tree(Observer.supervisionTree(root))));

        var lines = assertReceive(Duration.ofSeconds(10), m -> m instanceof Tree t ? t : null).text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("└─ tasks " + tasks.pid().orElseThrow() + " supervisor (");
        assertThat(lines.get(2)).startsWith("   └─ task " + task + " worker (");
        Supervisor.stop(root);
    }
}
