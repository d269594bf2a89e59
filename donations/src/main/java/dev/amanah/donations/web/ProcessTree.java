package dev.amanah.donations.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.http.Json;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import dev.amanah.otp.observer.Observer;
import dev.amanah.otp.supervisor.ChildInfo;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.task.TaskSupervisor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of the running system for the process view, as JSON: the supervision tree under the
 * root with each process's status, queue length and messages handled; the top processes by queue
 * length and by messages handled; and counts. Read with {@link Processes#info} and the
 * supervisors' {@code whichChildren}, without stopping anyone: a process may die while it is being
 * listed, and is then shown as gone.
 *
 * <p>Every kind of supervisor (a {@link Supervisor}, a {@code DynamicSupervisor}, a
 * {@link TaskSupervisor}) answers {@link Supervisor#whichChildren}, so each is asked the same way;
 * the registered names of the dynamic and task supervisors, given at construction, only label
 * them ({@code "kind"}: {@code dynamic}, {@code tasks}, else {@code supervisor}). The children of
 * any supervisor are listed up to {@value #MAX_LISTED}, then counted ({@code "childCount"}): a
 * dynamic or task supervisor may have many, all alike. Thread-safe; each call reads afresh.
 */
final class ProcessTree {
    static final int MAX_LISTED = 25;
    private static final int TOP = 10;
    // The runtime's own receive loops: a process waiting there is idle, which its status says already.
    private static final Set<String> IDLE_FRAMES = Set.of("ServerLoop.loop", "SupervisorLoop.run");

    private final Pid root;
    private final Set<String> dynamicSupervisors;
    private final Set<String> taskSupervisors;

    ProcessTree(Pid root, Set<String> dynamicSupervisors, Set<String> taskSupervisors) {
        this.root = root;
        this.dynamicSupervisors = Set.copyOf(dynamicSupervisors);
        this.taskSupervisors = Set.copyOf(taskSupervisors);
    }

    /** The whole snapshot: {@code tree}, {@code topQueue}, {@code topHandled}, {@code totals}. */
    ObjectNode snapshot() {
        var inTree = new HashMap<Pid, String>();
        var body = Json.object();
        body.set("tree", node("amanah", Optional.of(root), false, ChildSpec.Type.SUPERVISOR, inTree));
        var all = Processes.list();
        body.set("topQueue", top(Observer.top(TOP, Observer.Metric.MESSAGE_QUEUE_LEN), inTree));
        body.set("topHandled", top(Observer.top(TOP, Observer.Metric.REDUCTIONS), inTree));
        long queued = 0;
        int running = 0;
        for (var pid : all) {
            var info = Processes.info(pid);
            if (info.isPresent()) {
                queued += info.get().messageQueueLen();
                running += info.get().status() == ProcessInfo.Status.RUNNING ? 1 : 0;
            }
        }
        var totals = body.putObject("totals");
        totals.put("processes", all.size());
        totals.put("inTree", inTree.size());
        totals.put("running", running);
        totals.put("queued", queued);
        totals.put("threads", Processes.runningThreads());
        return body;
    }

    private ObjectNode node(Object id, Optional<Pid> pid, boolean restarting, ChildSpec.Type type, Map<Pid, String> inTree) {
        var node = Json.object();
        node.put("id", String.valueOf(id));
        node.put("type", type == ChildSpec.Type.SUPERVISOR ? "supervisor" : "worker");
        if (pid.isEmpty()) {
            node.put("status", restarting ? "restarting" : "not running");
            return node;
        }
        var info = Processes.info(pid.get());
        describe(node, pid.get(), info);
        if (info.isEmpty()) {
            return node;
        }
        inTree.put(pid.get(), String.valueOf(id));
        if (type == ChildSpec.Type.SUPERVISOR) {
            var name = info.get().registeredName().orElse("");
            node.put("kind", dynamicSupervisors.contains(name) ? "dynamic" : taskSupervisors.contains(name) ? "tasks" : "supervisor");
            var children = node.putArray("children");
            try {
                listed(children, node, Supervisor.whichChildren(pid.get()), inTree);
            } catch (ExitException gone) {
                node.put("status", "gone");
            }
        }
        return node;
    }

    private void listed(ArrayNode children, ObjectNode parent, List<ChildInfo> infos, Map<Pid, String> inTree) {
        infos.stream().limit(MAX_LISTED).forEach(child -> children.add(node(child.id(), child.pid(), child.restarting(), child.type(), inTree)));
        parent.put("childCount", infos.size());
    }

    private static void describe(ObjectNode node, Pid pid, Optional<ProcessInfo> info) {
        node.put("pid", pid.toString());
        if (info.isEmpty()) {
            node.put("status", "dead");
            return;
        }
        var i = info.get();
        node.put("status", i.status().name().toLowerCase(Locale.ROOT));
        node.put("queue", i.messageQueueLen());
        node.put("handled", i.reductions());
        node.put("links", i.links().size());
        node.put("monitors", i.monitors().size());
        node.put("trapExit", i.trapExit());
        i.registeredName().ifPresent(name -> node.put("name", name));
        i.currentFrame().map(ProcessTree::shortFrame).filter(frame -> !IDLE_FRAMES.contains(frame))
                .ifPresent(frame -> node.put("doing", frame));
    }

    /** The rows of a top list, each named by its registered name or else its id in the tree. */
    private static ArrayNode top(List<ProcessInfo> infos, Map<Pid, String> inTree) {
        var out = Json.MAPPER.createArrayNode();
        for (var info : infos) {
            var row = out.addObject();
            describe(row, info.pid(), Optional.of(info));
            if (info.registeredName().isEmpty() && inTree.containsKey(info.pid())) {
                row.put("name", inTree.get(info.pid()));
            }
        }
        return out;
    }

    private static String shortFrame(StackTraceElement frame) {
        var className = frame.getClassName();
        return className.substring(className.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }
}
