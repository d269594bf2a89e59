package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The process view's snapshot of a supervision tree holding task supervisors. */
@InProcess.Tests
class ProcessTreeTest {
    private static final int TASKS = ProcessTree.MAX_LISTED + 5;

    /**
     * A task supervisor whose name the view was not given is walked as any supervisor (it answers
     * {@code Supervisor.whichChildren}): the snapshot does not wait for ever, and its tasks are
     * listed up to {@link ProcessTree#MAX_LISTED}, then counted. A named one is shown as tasks.
     */
    @Test
    void taskSupervisorsNamedOrNotAreWalkedAndTheirTasksListedThenCounted() {
        var root = Supervisor.start(List.of(
                ChildSpec.supervisor("unnamed", () -> TaskSupervisor.startLink()),
                ChildSpec.supervisor("named", () -> TaskSupervisor.startLink(
                        TaskSupervisor.Options.DEFAULT.withName("test.tasks")))),
                SupervisorOptions.of(Strategy.ONE_FOR_ONE)).orElseThrow();
        try {
            var unnamed = child(root, "unnamed");
            for (int i = 0; i < TASKS; i++) {
                TaskSupervisor.of(unnamed).startChild(() -> Processes.sleep(Duration.ofMinutes(1)));
            }
            TaskSupervisor.named("test.tasks").startChild(() -> Processes.sleep(Duration.ofMinutes(1)));
            var tree = new ProcessTree(root, Set.of(), Set.of("test.tasks"));

            var snapshot = assertTimeoutPreemptively(Duration.ofSeconds(10), tree::snapshot);

            var nodes = snapshot.get("tree").get("children");
            var unnamedNode = node(nodes, "unnamed");
            assertThat(unnamedNode.get("childCount").asInt()).isEqualTo(TASKS);
            assertThat(unnamedNode.get("children")).hasSize(ProcessTree.MAX_LISTED)
                    .allSatisfy(task -> {
                        assertThat(task.get("id").asText()).isEqualTo("task");
                        assertThat(task.get("type").asText()).isEqualTo("worker");
                        assertThat(task.get("status").asText()).isNotIn("dead", "gone");
                    });
            var namedNode = node(nodes, "named");
            assertThat(namedNode.get("kind").asText()).isEqualTo("tasks");
            assertThat(namedNode.get("childCount").asInt()).isEqualTo(1);
            assertThat(namedNode.get("children")).hasSize(1);
        } finally {
            Supervisor.stop(root);
        }
    }

    /**
     * A process's status is the same word on a machine whose default language is Turkish, where
     * {@code "WAITING".toLowerCase()} is "waıtıng" (dotless i), which the page's script would not know.
     */
    @Test
    void statusesAreTheSameWordsWhateverTheMachinesLanguage() {
        var root = Supervisor.start(List.of(ChildSpec.worker("sleeper",
                        () -> new StartResult.Ok(Processes.spawnLink(() -> Processes.sleep(Duration.ofMinutes(1)))))),
                SupervisorOptions.of(Strategy.ONE_FOR_ONE)).orElseThrow();
        var language = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            var snapshot = new ProcessTree(root, Set.of(), Set.of()).snapshot();
            assertThat(node(snapshot.get("tree").get("children"), "sleeper").get("status").asText()).isIn("waiting", "running");
        } finally {
            Locale.setDefault(language);
            Supervisor.stop(root);
        }
    }

    private static Pid child(Pid supervisor, String id) {
        return Supervisor.whichChildren(supervisor).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow().pid().orElseThrow();
    }

    private static JsonNode node(JsonNode nodes, String id) {
        return StreamSupport.stream(nodes.spliterator(), false).filter(n -> n.get("id").asText().equals(id))
                .findFirst().orElseThrow();
    }
}
