package dev.amanah.otp.server;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.Objects;

/**
 * The starting side of {@link GenServer#start}/{@link GenServer#startLink}, OTP's
 * {@code proc_lib:start_link} handshake: spawn, then wait for {@code init}'s outcome with
 * {@link Processes#request}, so that the wait is O(1), bounded by the init timeout, and ends
 * early if the new process dies first.
 */
final class Starter {
    private Starter() {
    }

    static <S> StartResult start(GenServer<S> server, StartOptions options, boolean link) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(options, "options");
        var self = Processes.self();
        var parent = link ? self : null;
        var pid = link
                ? Processes.spawnLink(() -> ServerLoop.run(server, options.name(), parent))
                : Processes.spawn(() -> ServerLoop.run(server, options.name(), null));
        StartResult result;
        try {
            result = (StartResult) Processes.request(pid, Messages.Start::new, options.timeout());
        } catch (ExitException e) {
            if (!self.isAlive()) {
                throw e;
            }
            if (e.reason() != ExitReason.TIMEOUT) {
                awaitEnd(pid, link); // it died before init returned: its Exit is queued already
                return new StartResult.Error(e.reason());
            }
            if (link) {
                Processes.unlink(pid);
            }
            Processes.exit(pid, ExitReason.KILL);
            awaitEnd(pid, link);
            return new StartResult.Error(ExitReason.TIMEOUT);
        }
        if (!(result instanceof StartResult.Ok)) {
            // As OTP 26's proc_lib: a failed start returns only once the process has ended, so
            // its name is free again when the caller retries.
            awaitEnd(pid, link);
        }
        return result;
    }

    /**
     * Waits until {@code pid} has ended. A linked caller that traps exits also takes the
     * {@link Exit} of the failed start out of its mailbox: the error is reported by the result.
     */
    private static void awaitEnd(Pid pid, boolean link) {
        var ref = Processes.monitor(pid);
        Processes.receive(message -> message instanceof Down down && down.ref() == ref ? down : null);
        if (link) {
            Processes.receive(java.time.Duration.ZERO,
                    message -> message instanceof Exit exit && exit.from() == pid ? exit : null);
        }
    }
}
