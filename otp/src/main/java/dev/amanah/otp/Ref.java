package dev.amanah.otp;

/**
 * A unique reference, like Erlang's {@code make_ref()}: names one monitor, one timer or one
 * request, so that the message answering it can be told from every other.
 *
 * <p>Equality is identity, so creating one takes no shared counter: it is as cheap as an
 * allocation and thread-safe. The printed form is for people, not for comparison. The ref of a
 * monitor is the runtime's record of that monitor too (an internal subclass), so that
 * {@link Processes#demonitor} finds it without a table; that changes nothing of the above.
 */
public sealed class Ref permits MonitorRef {
    /** A new reference, different from every other. */
    public Ref() {
    }

    @Override
    public String toString() {
        return "#Ref<" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
