package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.List;

/**
 * Elixir's {@code $callers}: each process started by this package records the process that
 * started it, followed by that process's own callers, in its process ({@link Processes#putCallers}).
 */
final class Callers {
    /**
     * The last list made by {@link #forChildOf} on this thread: a process that starts many tasks
     * gives them all the same list, and building it for each (an ArrayList and a copy) was a
     * visible part of starting a task.
     */
    private static final ThreadLocal<List<Pid>> FOR_CHILDREN = new ThreadLocal<>();

    private Callers() {
    }

    /** The calling process's callers, nearest first; empty if it was not started as a task. */
    static List<Pid> current() {
        return Processes.callers();
    }

    /** The callers list for a process started now by the calling process. */
    static List<Pid> forChildOf(Pid parent) {
        var inherited = current();
        var last = FOR_CHILDREN.get();
        if (last != null && last.get(0) == parent && isTail(last, inherited)) {
            return last;
        }
        var chain = new ArrayList<Pid>(inherited.size() + 1);
        chain.add(parent);
        chain.addAll(inherited);
        var made = List.copyOf(chain);
        FOR_CHILDREN.set(made);
        return made;
    }

    /** Whether {@code chain} is its first element followed by exactly {@code tail}'s elements. */
    private static boolean isTail(List<Pid> chain, List<Pid> tail) {
        if (chain.size() != tail.size() + 1) {
            return false;
        }
        for (int i = 0; i < tail.size(); i++) {
            if (chain.get(i + 1) != tail.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The callers list for a process started now by the caller. */
    static List<Pid> forChild() {
        return forChildOf(Processes.self());
    }

    /** Records {@code callers} for the calling process; called first thing in a task's body. */
    static void set(List<Pid> callers) {
        Processes.putCallers(callers);
    }
}
