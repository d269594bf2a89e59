package dev.amanah.otp.supervisor;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;

/** How a supervisor stops one child, OTP's {@code supervisor:shutdown/2}. */
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

    private static Down awaitDown(dev.amanah.otp.Ref ref, Duration timeout) {
        return Processes.receive(timeout, message -> message instanceof Down down && down.ref() == ref ? down : null);
    }
}
