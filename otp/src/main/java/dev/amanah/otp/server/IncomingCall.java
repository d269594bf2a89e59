package dev.amanah.otp.server;

import dev.amanah.otp.ReplyTo;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link GenServer#call} as it arrives in the mailbox of a process that is not a GenServer but
 * answers calls, as a plain OTP process matches {@code {:"$gen_call", from, request}}. Answer it
 * once with {@link GenServer#reply}; a caller that is never answered waits as long as its
 * timeout says (for ever, with {@code Processes.INFINITY}).
 *
 * @param from    where the answer goes
 * @param request what was asked
 */
public record IncomingCall(ReplyTo from, Object request) {
    public IncomingCall {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(request, "request");
    }

    /** The call {@code message} carries, if it is a {@code GenServer.call}; empty for any other message. */
    public static Optional<IncomingCall> of(Object message) {
        return message instanceof Messages.Call call ? Optional.of(new IncomingCall(call.from, call.request)) : Optional.empty();
    }
}
