package dev.amanah.otp.server;

import dev.amanah.otp.ExitReason;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link GenServer#stop} as it arrives in the mailbox of a process that is not a GenServer but
 * must obey it as one does, as OTP's {@code sys:terminate} is obeyed by every {@code proc_lib}
 * process (a {@code TaskSupervisor}, which stands in for Elixir's DynamicSupervisor). The process
 * obeys by doing its own clean-up and then ending with {@link #reason()}: nothing is sent back,
 * the caller of {@code stop} learns of the end, and its reason, from the process's death.
 *
 * @param reason the reason the process is asked to end with
 */
public record IncomingStop(ExitReason reason) {
    public IncomingStop {
        Objects.requireNonNull(reason, "reason");
    }

    /** The stop {@code message} carries, if it is a {@code GenServer.stop}; empty for any other message. */
    public static Optional<IncomingStop> of(Object message) {
        return message instanceof Messages.Stop stop ? Optional.of(new IncomingStop(stop.reason())) : Optional.empty();
    }
}
