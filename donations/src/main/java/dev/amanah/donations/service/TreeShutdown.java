package dev.amanah.donations.service;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.supervisor.Supervisor;
import java.time.Duration;
import java.util.Objects;

/**
 * Stops a supervision tree within a bound, and when the bound passes, says why and ends it anyway.
 *
 * <p>Why it exists: once, under heavy load, {@code Supervisor.stop(root)} waited for over twenty
 * minutes on a tree that was alive and idle (the cause was never found; possibly a lost
 * virtual-thread unpark). Without a bound, Ctrl-C on {@code amanah serve} waited for ever, and
 * said nothing.
 *
 * <p>What it does: stops the root with {@code normal} ({@link Supervisor#stop(Pid, ExitReason,
 * Duration)}: children in reverse start order, each by its own shutdown), waiting up to the
 * timeout; the normal path is that and nothing more. Past the timeout it logs one ERROR,
 * {@code event=shutdown_cut_short}, naming every process of the tree still alive (see
 * {@link LiveTree}), then kills the root ({@link ExitReason#KILL}, which its children see through
 * their links) and waits up to {@link #KILL_WAIT} for it to end. A process that ignores even its
 * parent's death (one blocked in its {@code terminate}) is left running: it is named in the log,
 * and the caller goes on.
 *
 * <p>Call from one process at a time; it receives the root's {@code Down} in the caller's mailbox
 * and leaves nothing else behind there.
 */
final class TreeShutdown {
    /** How long a killed root may take to end: at once by the runtime's rules; this bounds a runtime in trouble. */
    static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** The most processes the log names; a task supervisor may hold thousands, alike. */
    static final int LISTED = 100;

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.service");

    private final Duration timeout;

    /**
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    TreeShutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the shutdown timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Stops the tree under {@code root}; returns once it has stopped, or once the timeout passed
     * and the root was killed (waiting up to {@link #KILL_WAIT} more for it to end). A root that
     * had already ended, or ends with a reason other than {@code normal}, is
     * {@link StopOutcome.Ended}, logged as a WARNING {@code event=tree_already_ended}.
     *
     * @throws ExitException only if the caller itself is killed meanwhile
     */
    StopOutcome stop(Pid root) {
        try {
            Supervisor.stop(root, ExitReason.NORMAL, timeout);
            return new StopOutcome.Drained();
        } catch (ExitException e) {
            if (!Processes.self().isAlive()) {
                throw e;
            }
            var reason = e.reason() instanceof ExitReason.InCall call ? call.reason() : e.reason();
            if (reason.equals(ExitReason.TIMEOUT)) {
                return cutShort(root);
            }
            LOG.log(System.Logger.Level.WARNING, "event=tree_already_ended root=" + root + " reason=" + reason
                    + " why=\"the supervision tree was not running when the stop came (or ended otherwise): nothing to drain\"");
            return new StopOutcome.Ended(reason);
        }
    }

    private StopOutcome cutShort(Pid root) {
        var walk = LiveTree.walk(root, LISTED);
        var alive = walk.processes().stream().map(LiveTree::describe).toList();
        // Logged before the kill, so that what was stuck is on record even if the kill is not the end of it.
        LOG.log(System.Logger.Level.ERROR, "event=shutdown_cut_short root=" + root + " timeout=" + timeout
                + " alive=" + alive.size() + (walk.complete() ? "" : "+") + " next=kill_tree"
                + " why=\"the supervision tree did not stop in time: the drain was cut short, and the work of these"
                + " processes may be unfinished (donations in flight are settled by recovery at the next start)\""
                + " processes=[" + String.join("; ", alive) + "]");
        var ref = Processes.monitor(root);
        Processes.exit(root, ExitReason.KILL);
        var down = Processes.receive(KILL_WAIT, message -> message instanceof Down d && d.ref().equals(ref) ? d : null);
        if (down == null) {
            Processes.demonitor(ref, true);
            LOG.log(System.Logger.Level.ERROR, "event=tree_kill_unconfirmed root=" + root + " waited=" + KILL_WAIT);
        }
        return new StopOutcome.CutShort(timeout, alive, walk.complete());
    }
}
