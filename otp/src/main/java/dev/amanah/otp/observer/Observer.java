package dev.amanah.otp.observer;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import dev.amanah.otp.supervisor.ChildInfo;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.supervisor.Supervisor;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A small text version of Erlang's {@code :observer}: the busiest processes and the shape of a
 * supervision tree, for a console, a log line or a health endpoint. The seed's answer to "ignoring
 * process mailbox size" and to "profile with :observer".
 *
 * <pre>{@code
 * Observer.top(10, Observer.Metric.MESSAGE_QUEUE_LEN).forEach(System.out::println);
 * System.out.print(Observer.supervisionTree(root));
 * }</pre>
 *
 * <p>Everything here reads snapshots ({@link Processes#info}) without stopping anyone, so a
 * listing is not one instant: a process may die, or its queue change, while it is being listed.
 * A process that dies meanwhile is left out, never an exception (the seed's
 * {@code list_processes_by_memory} would crash on it: rule I1).
 */
public final class Observer {
    private Observer() {
    }

    /** What to rank processes by. */
    public enum Metric {
        /** Messages waiting in the mailbox: a growing queue is the first sign of overload. */
        MESSAGE_QUEUE_LEN(ProcessInfo::messageQueueLen),
        /** Messages handled so far (Amanah's reductions): who does the work. */
        REDUCTIONS(ProcessInfo::reductions),
        /** Approximate bytes held by mailbox and bookkeeping (see {@link ProcessInfo#memory()}). */
        MEMORY(ProcessInfo::memory);

        private final ToLongFunction<ProcessInfo> value;

        Metric(ToLongFunction<ProcessInfo> value) {
            this.value = value;
        }

        /** This metric's value in {@code info}. */
        public long of(ProcessInfo info) {
            return value.applyAsLong(info);
        }
    }

    /**
     * The {@code n} live processes with the highest {@code metric}, highest first (ties in pid
     * order). Processes that die while being listed are left out.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static List<ProcessInfo> top(int n, Metric metric) {
        return top(Processes.list(), n, metric);
    }

    /** The seed's {@code list_processes_by_memory}: {@code top(n, MEMORY)}, safe against dying processes. */
    public static List<ProcessInfo> topByMemory(int n) {
        return top(n, Metric.MEMORY);
    }

    /** {@link #top(int, Metric)} over {@code pids}, some of which may be dead. */
    static List<ProcessInfo> top(Collection<Pid> pids, int n, Metric metric) {
        Objects.requireNonNull(metric, "metric");
        if (n < 0) {
            throw new IllegalArgumentException("negative n: " + n);
        }
        return pids.stream()
                .map(Processes::info)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(metric::of).reversed().thenComparing(ProcessInfo::pid))
                .limit(n)
                .toList();
    }

    /**
     * The supervision tree under {@code root} (a {@link Supervisor}) as indented text: one line per
     * child with its id, pid (or why it has none), type, and, for a live process, its status and
     * queue length; child supervisors are expanded recursively. See
     * {@link #supervisionTree(Pid, Set)} for trees holding dynamic supervisors.
     */
    public static String supervisionTree(Pid root) {
        return supervisionTree(root, Set.of());
    }

    /**
     * The supervision tree under {@code root}, expanding the supervisors in
     * {@code dynamicSupervisors} with {@link DynamicSupervisor#whichChildren} and every other
     * supervisor with {@link Supervisor#whichChildren}. Every kind of supervisor (a
     * {@code Supervisor}, a {@code DynamicSupervisor}, a {@code TaskSupervisor}) answers both, so
     * the set changes nothing in the result. A supervisor that ends while the tree is walked is
     * shown as gone.
     *
     * <pre>
     * &lt;0.12.0&gt; supervisor (waiting, queue 0)
     * ├─ registry &lt;0.13.0&gt; supervisor (waiting, queue 0)
     * │  └─ partition-0 &lt;0.14.0&gt; worker (waiting, queue 0)
     * └─ stats not running worker
     * </pre>
     */
    public static String supervisionTree(Pid root, Set<Pid> dynamicSupervisors) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dynamicSupervisors, "dynamicSupervisors");
        var out = new StringBuilder();
        out.append(root).append(" supervisor").append(describe(root)).append('\n');
        expand(out, root, "", dynamicSupervisors);
        return out.toString();
    }

    private static void expand(StringBuilder out, Pid supervisor, String indent, Set<Pid> dynamic) {
        List<ChildInfo> children;
        try {
            children = dynamic.contains(supervisor) ? DynamicSupervisor.whichChildren(supervisor)
                    : Supervisor.whichChildren(supervisor);
        } catch (ExitException gone) {
            if (supervisor.isAlive()) {
                throw gone;
            }
            out.append(indent).append("└─ (gone: ").append(gone.reason()).append(")\n");
            return;
        }
        for (int i = 0; i < children.size(); i++) {
            var child = children.get(i);
            boolean last = i == children.size() - 1;
            out.append(indent).append(last ? "└─ " : "├─ ").append(child.id()).append(' ');
            var type = child.type() == ChildSpec.Type.SUPERVISOR ? "supervisor" : "worker";
            if (child.pid().isPresent()) {
                var pid = child.pid().get();
                out.append(pid).append(' ').append(type).append(describe(pid)).append('\n');
                if (child.type() == ChildSpec.Type.SUPERVISOR && pid.isAlive()) {
                    expand(out, pid, indent + (last ? "   " : "│  "), dynamic);
                }
            } else {
                out.append(child.restarting() ? "restarting " : "not running ").append(type).append('\n');
            }
        }
    }

    private static String describe(Pid pid) {
        return Processes.info(pid)
                .map(info -> " (" + info.status().name().toLowerCase(Locale.ROOT) + ", queue " + info.messageQueueLen()
                        + info.registeredName().map(name -> ", registered as " + name).orElse("") + ")")
                .orElse(" (dead)");
    }
}
