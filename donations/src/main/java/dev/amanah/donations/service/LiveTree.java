package dev.amanah.donations.service;

import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The processes of a supervision tree alive now, read without calling into any of them.
 *
 * <p>Why not {@code Supervisor.whichChildren}, as the observer and the process view walk the
 * tree: it is a call, and a supervisor that is stopping its children answers no call until it
 * has done so; asking the tree that failed to stop would wait with it. Every supervisor is linked
 * to its children, and watches the one it is stopping through a monitor (it unlinks it first, as
 * OTP's does), so the walk follows links and monitors instead, breadth first from the root,
 * reading each process with {@link Processes#info}, which neither blocks nor fails. It therefore
 * also lists a process outside the tree that one inside is linked to or waits on (a task's
 * caller, a server being called): worth naming when a stop is stuck. The process walking is left
 * out, and so is any process that ends during the walk.
 */
final class LiveTree {
    private LiveTree() {
    }

    /**
     * What a walk found.
     *
     * @param processes the live processes, root first
     * @param complete  false when the walk stopped at its limit with processes left to look at
     */
    record Walk(List<ProcessInfo> processes, boolean complete) {
        Walk {
            processes = List.copyOf(processes);
        }
    }

    /**
     * The live processes reached from {@code root} through links and monitors, root first, at most
     * {@code limit} of them (the walk stops there: a task supervisor may hold thousands of tasks,
     * and each snapshot reads a stack). Empty if {@code root} is dead.
     */
    static Walk walk(Pid root, int limit) {
        var self = Processes.self();
        var found = new ArrayList<ProcessInfo>();
        var seen = new HashSet<Pid>(List.of(root, self));
        var next = new ArrayDeque<Pid>(List.of(root));
        while (!next.isEmpty() && found.size() < limit) {
            var info = Processes.info(next.poll());
            if (info.isEmpty()) {
                continue;
            }
            found.add(info.get());
            Stream.concat(info.get().links().stream(), info.get().monitors().stream()).filter(seen::add).forEach(next::add);
        }
        return new Walk(found, next.isEmpty());
    }

    /**
     * One process on one line: pid, registered name, status, whether it traps exits, its queue,
     * and the innermost frame of its own code (where a stuck process is stuck), as
     * {@code <0.42.0> name=donations.fraud status=waiting trap_exit=true queue=0 at=Cls.method:12}.
     */
    static String describe(ProcessInfo info) {
        var line = new StringBuilder().append(info.pid());
        info.registeredName().ifPresent(name -> line.append(" name=").append(name));
        line.append(" status=").append(info.status().name().toLowerCase(Locale.ROOT))
                .append(" trap_exit=").append(info.trapExit())
                .append(" queue=").append(info.messageQueueLen());
        info.currentFrame().ifPresent(frame -> line.append(" at=").append(frame.getClassName()).append('.')
                .append(frame.getMethodName()).append(':').append(frame.getLineNumber()));
        return line.toString();
    }
}
