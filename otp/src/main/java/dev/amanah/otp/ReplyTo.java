package dev.amanah.otp;

import java.util.Objects;

/**
 * Where to send the answer of a request made with {@link Processes#request}: the caller and a
 * tag unique to this one request (OTP's {@code from = {pid, tag}}). Pass it to
 * {@link Processes#reply(ReplyTo, Object)} from any process, once.
 *
 * @param pid the process waiting for the answer
 * @param tag the request's tag
 */
public record ReplyTo(Pid pid, Ref tag) {
    public ReplyTo {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(tag, "tag");
    }
}
