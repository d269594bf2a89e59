package dev.amanah.otp.supervisor;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import java.util.List;

/**
 * A supervisor that starts with no children and starts them on demand: Elixir's
 * {@code DynamicSupervisor}, for many children of one kind (a server per campaign, per
 * connection).
 *
 * <pre>{@code
 * Pid campaigns = DynamicSupervisor.startLink(DynamicSupervisorOptions.DEFAULT.withMaxChildren(10_000)).orElseThrow();
 * var result = DynamicSupervisor.startChild(campaigns,
 *         ChildSpec.worker("campaign", () -> GenServer.startLink(new CampaignServer(campaignId))));
 * }</pre>
 *
 * <p>Strategy one for one only; the same restart rules and intensity as {@link Supervisor} (3
 * restarts in 5 s by default; one more and it stops all children and exits {@code shutdown}).
 * Children are known by pid: their ids are not used and need not be unique; a child that ends
 * and is not restarted is forgotten. A child whose restart fails is retried (each retry counts as
 * a restart) and, until a retry starts it, stays a child: restarting, under the pid it last ran
 * as, counted toward {@code maxChildren} (Elixir's {@code {:restarting, child}}). On shutdown,
 * all children are shut down at the same time, in no particular order: each is sent its exit
 * signal first, then all are waited for, each killed if it outlives its own shutdown timeout.
 * Elixir's {@code extra_arguments} has no counterpart: a start function is a closure, which
 * carries whatever arguments the caller gives it.
 */
public final class DynamicSupervisor {
    private DynamicSupervisor() {
    }

    /** Starts a dynamic supervisor linked to the caller. */
    public static StartResult startLink(DynamicSupervisorOptions options) {
        return GenServer.startLink(new DynamicSupervisorServer(options), startOptions(options));
    }

    /** Starts a dynamic supervisor not linked to the caller. */
    public static StartResult start(DynamicSupervisorOptions options) {
        return GenServer.start(new DynamicSupervisorServer(options), startOptions(options));
    }

    /** Its spec as the child of another supervisor: type supervisor, permanent, infinite shutdown. */
    public static ChildSpec childSpec(Object id, DynamicSupervisorOptions options) {
        return ChildSpec.supervisor(id, () -> startLink(options));
    }

    /**
     * Starts a child under {@code supervisor}, in its process. Returns the start's result, or
     * {@code Error(Term(MAX_CHILDREN))} when it already has {@code maxChildren} children,
     * restarting ones included. An {@code Ignore}d or failed child is not kept. Unlike Elixir,
     * whose {@code Task.Supervisor} is a DynamicSupervisor, a {@code TaskSupervisor} does not take
     * this call: it stops with {@code bad_call}, its tasks first, and the caller exits with it
     * (use its own {@code startChild}).
     */
    public static StartResult startChild(Pid supervisor, ChildSpec spec) {
        return GenServer.call(supervisor, new DynamicSupervisorServer.StartChild(spec), Processes.INFINITY);
    }

    /**
     * Stops the child {@code pid} by its shutdown and forgets it; false (OTP's
     * {@code {:error, :not_found}}) if it is not a child of {@code supervisor}. A restarting child
     * is known by the pid it last ran as: it is forgotten and its retry cancelled, and the answer
     * is true (Elixir's {@code :ok}). On a {@link Supervisor}, as in Elixir, {@code pid} is taken
     * as a child's id, so it is normally not found.
     */
    public static boolean terminateChild(Pid supervisor, Pid pid) {
        return GenServer.call(supervisor, new DynamicSupervisorServer.TerminateChild(pid), Processes.INFINITY);
    }

    /**
     * The children, in start order: a running one with its pid, a restarting one with no pid and
     * {@code restarting} set (Elixir's {@code {:undefined, :restarting, type, modules}}).
     */
    public static List<ChildInfo> whichChildren(Pid supervisor) {
        return GenServer.call(supervisor, new SupervisorServer.WhichChildren(), Processes.INFINITY);
    }

    /**
     * How many children there are, by kind: {@code specs}, {@code supervisors} and {@code workers}
     * count restarting children, {@code active} only running ones (as Elixir's
     * {@code count_children}).
     */
    public static ChildCounts countChildren(Pid supervisor) {
        return GenServer.call(supervisor, new SupervisorServer.CountChildren(), Processes.INFINITY);
    }

    /** Stops the supervisor with {@code normal}, its children first; returns once it has ended. */
    public static void stop(Pid supervisor) {
        GenServer.stop(supervisor, ExitReason.NORMAL, Processes.INFINITY);
    }

    private static StartOptions startOptions(DynamicSupervisorOptions options) {
        return options.name().map(StartOptions::named).orElse(StartOptions.DEFAULT);
    }
}
