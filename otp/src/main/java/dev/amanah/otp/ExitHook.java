package dev.amanah.otp;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Clean-up attached to a process, run once when it dies, before anyone is told of the death: for
 * runtime services (the {@code Registry}) that keep state about a process and must drop it when
 * the process ends, without a message to a process of their own and its round trip.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A hook attached to a process ({@link #attach()}, by the process itself, while alive) runs
 *       exactly once when it dies, unless {@link #detach()}ed or {@link #discard()}ed before; never
 *       if attaching failed.</li>
 *   <li>A hook that is not to run is no longer referenced by the process: a service that ends
 *       before the processes it watches {@link #discard()}s its hooks, so that they, and the
 *       state they hold, do not stay with those processes until they die.</li>
 *   <li>It runs after the process is dead for everyone ({@link Pid#isAlive()} false, its sends
 *       dropped) and before any of its links, monitors or callers is told: whoever receives its
 *       {@link Down} or {@link Exit}, or finds it dead when linking, monitoring or calling it,
 *       finds the hook's work done.</li>
 *   <li>It runs on the thread that finishes the death: the process's own, or the thread of the
 *       process whose exit signal killed it. It must be short, must not block nor wait for a
 *       process, and should not throw: a throw is logged and the death goes on.</li>
 * </ul>
 * Thread-safe.
 */
public abstract class ExitHook {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.exit-hook");
    private static final VarHandle ATTACHED_TO;

    static {
        try {
            ATTACHED_TO = MethodHandles.lookup().findVarHandle(ExitHook.class, "attachedTo", ProcessCell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next hook of the same process; guarded by that process's cell. */
    ExitHook next;
    /** The process it was attached to, once; see {@link #claim}. */
    private volatile ProcessCell attachedTo;

    /** For subclasses. */
    protected ExitHook() {
    }

    /**
     * Runs once when the process it is attached to dies; see the class comment for when and where.
     *
     * @param pid the dead process
     */
    protected abstract void exited(Pid pid);

    /**
     * Attaches this hook to the calling process (adopting a plain thread as a process, as every
     * call does). Returns false, and attaches nothing, if the caller is dying: then the hook will
     * never run.
     *
     * @throws IllegalStateException if this hook was attached before, to any process: a hook is
     *                               attached once
     */
    public final boolean attach() {
        var self = Node.current();
        if (!ATTACHED_TO.compareAndSet(this, null, self)) {
            throw new IllegalStateException("exit hook " + this + " was attached before");
        }
        return self.addExitHook(this);
    }

    /**
     * Detaches this hook from the calling process: its death will not run it. Returns false if it
     * was not attached to the caller, or if the caller is dying (then the hook runs, or has run).
     */
    public final boolean detach() {
        var self = Node.current();
        return attachedTo == self && self.removeExitHook(this);
    }

    /**
     * Detaches this hook from the process it was attached to, from any thread: for a service that
     * ends while the processes it watches live on (a registry restarted under its supervisor,
     * under owners that trap exits), whose hooks would otherwise stay with them, and keep the
     * service's state reachable, until they die. Returns false if it is not attached (never was,
     * or was detached or discarded before), or if that process is dying (then the hook runs, or
     * has run). Takes that process's lock for as long as it takes to unchain the hook.
     */
    public final boolean discard() {
        var cell = attachedTo;
        return cell != null && cell.removeExitHook(this);
    }

    /**
     * Removes the link between {@code dead} and {@code peer}, if any, so that {@code peer} is not
     * sent {@code dead}'s exit signal: for a hook that does itself what {@code peer} would do on
     * that signal. Does nothing while {@code dead} is alive, so it cannot undo a live link.
     */
    protected static void unlinkDead(Pid dead, Pid peer) {
        if (!dead.cell.isAlive()) {
            dead.cell.unlink(peer.cell);
        }
    }

    /** Runs {@code first} and the hooks chained after it for the death of {@code pid}. */
    static void runAll(ExitHook first, Pid pid) {
        for (var hook = first; hook != null; hook = hook.next) {
            try {
                hook.exited(pid);
            } catch (Throwable failure) {
                LOG.log(Level.ERROR, "Exit hook " + hook + " of " + pid + " failed", failure);
            }
        }
    }
}
