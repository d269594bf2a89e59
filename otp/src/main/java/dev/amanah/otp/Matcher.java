package dev.amanah.otp;

/**
 * The pattern of a selective receive: answers the value to return for a message it wants, or
 * {@code null} for a message that should stay in the mailbox.
 *
 * <p>Written naturally as a pattern-matching switch:
 * <pre>{@code
 * long amountMinor = Processes.receive(msg -> switch (msg) {
 *     case Donation(var id, var minor) when id.equals(expected) -> minor;
 *     default -> null;                     // not mine: stays queued, in order
 * });
 * }</pre>
 * A matcher runs in the receiving process and must not block. If it throws, the message stays
 * in the mailbox and the exception propagates out of the receive.
 *
 * @param <T> what the receive returns
 */
@FunctionalInterface
public interface Matcher<T> {
    /** The value for {@code message}, or null to leave the message in the mailbox. */
    T match(Object message);
}
