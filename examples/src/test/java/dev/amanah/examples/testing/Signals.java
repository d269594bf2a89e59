package dev.amanah.examples.testing;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;

/** Waiting for the exit and down messages tests care about, by pid or ref. */
public final class Signals {
    private Signals() {
    }

    /** Waits (5 s at most) for the {@link Exit} from {@code pid}, which the trapping caller is linked to; its reason. */
    public static ExitReason awaitExit(Pid pid) {
        return assertReceive(m -> m instanceof Exit(var from, var reason) && from.equals(pid) ? reason : null);
    }

    /** Waits (5 s at most) for the {@link Down} of monitor {@code ref}; its reason. */
    public static ExitReason awaitDown(Ref ref) {
        return assertReceive(m -> m instanceof Down(var r, var pid, var reason) && r == ref ? reason : null);
    }

    /** Kills {@code pid}, unlinked first, and waits until it is dead. */
    public static void kill(Pid pid) {
        Processes.unlink(pid);
        var ref = Processes.monitor(pid);
        Processes.exit(pid, ExitReason.KILL);
        awaitDown(ref);
    }
}
