package dev.amanah.otp.supervisor;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** How a supervisor stops its children: one, as OTP's {@code supervisor:shutdown/2}, or all at once. */
final class ChildTermination {
    private ChildTermination() {
    }

    /**
     * Stops {@code pid} as {@code shutdown} says and waits until it has ended; returns its exit
     * reason. Runs in the supervisor's process, which is linked to the child: the link is removed
     * first and the child's {@link Exit}, if it was already on its way, is taken out of the
     * mailbox, so that the child's end is not mistaken for a crash to restart.
     */
    static ExitReason stop(Pid pid, ChildSpec.Shutdown shutdown) {
        var ref = Processes.monitor(pid);
        Processes.unlink(pid);
        Down down;
        switch (shutdown) {
            case ChildSpec.Shutdown.BrutalKill kill -> {
                Processes.exit(pid, ExitReason.KILL);
                down = awaitDown(ref, Processes.INFINITY);
            }
            case ChildSpec.Shutdown.Timeout(var timeout) -> {
                Processes.exit(pid, ExitReason.SHUTDOWN);
                down = awaitDown(ref, timeout);
                if (down == null) {
                    Processes.exit(pid, ExitReason.KILL);
                    down = awaitDown(ref, Processes.INFINITY);
                }
            }
        }
        // A dying process sends its link's Exit before its monitors' Down, so once the Down is
        // here, any Exit from it is here too.
        Processes.receive(Duration.ZERO, message -> message instanceof Exit exit && exit.from() == pid ? exit : null);
        return down.reason();
    }

    /**
     * Stops all {@code children} at once, as a dynamic supervisor stops its children when it
     * ends (Elixir's {@code DynamicSupervisor}): each is unlinked and sent its signal first
     * ({@code shutdown}, or {@code kill} for a brutal kill), then all are waited for together, and
     * one still running when its own shutdown timeout is over is killed. So it takes as long as
     * the slowest child, not the sum of them all. Runs in the supervisor's process.
     */
    static void stopAll(Map<Pid, ChildSpec.Shutdown> children) {
        long now = System.nanoTime();
        var waiting = new HashMap<Ref, Stopping>();
        var byDeadline = new ArrayList<Stopping>(children.size());
        children.forEach((pid, shutdown) -> {
            var ref = Processes.monitor(pid);
            Processes.unlink(pid);
            long deadline = switch (shutdown) {
                case ChildSpec.Shutdown.BrutalKill kill -> {
                    Processes.exit(pid, ExitReason.KILL);
                    yield NEVER;
                }
                case ChildSpec.Shutdown.Timeout(var timeout) -> {
                    Processes.exit(pid, ExitReason.SHUTDOWN);
                    yield deadline(now, timeout);
                }
            };
            var stopping = new Stopping(ref, pid, deadline);
            waiting.put(ref, stopping);
            byDeadline.add(stopping);
        });
        byDeadline.sort(Comparator.comparingLong(Stopping::deadline));
        int next = 0; // byDeadline before it has ended or been killed
        while (!waiting.isEmpty()) {
            while (!waiting.containsKey(byDeadline.get(next).ref())) {
                next++;
            }
            var earliest = byDeadline.get(next);
            var down = Processes.receive(remaining(earliest.deadline()),
                    message -> message instanceof Down d && waiting.containsKey(d.ref()) ? d : null);
            if (down != null) {
                waiting.remove(down.ref());
            } else { // its shutdown timeout is over: a kill ends it at once
                waiting.remove(earliest.ref());
                Processes.exit(earliest.pid(), ExitReason.KILL);
                awaitDown(earliest.ref(), Processes.INFINITY);
            }
        }
    }

    /** A child told to stop: the monitor whose {@code Down} says it ended, and when to kill it. */
    private record Stopping(Ref ref, Pid pid, long deadline) {
    }

    /** A deadline no {@link System#nanoTime()} reaches: wait for the child as long as it takes. */
    private static final long NEVER = Long.MAX_VALUE;

    private static long deadline(long now, Duration timeout) {
        try {
            return Math.addExact(now, timeout.toNanos());
        } catch (ArithmeticException tooLong) { // Processes.INFINITY, or near enough
            return NEVER;
        }
    }

    private static Duration remaining(long deadline) {
        return deadline == NEVER ? Processes.INFINITY : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Down awaitDown(Ref ref, Duration timeout) {
        return Processes.receive(timeout, message -> message instanceof Down down && down.ref() == ref ? down : null);
    }
}
