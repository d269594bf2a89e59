package dev.amanah.otp.testing;

import dev.amanah.otp.Matcher;
import dev.amanah.otp.Processes;
import java.time.Duration;

/**
 * ExUnit's {@code assert_receive}, {@code assert_received}, {@code refute_receive} and
 * {@code refute_received} for the calling process's mailbox: tests wait on messages, with a
 * timeout, instead of sleeping. Failures throw {@link AssertionError} listing what the mailbox
 * held, so no test framework is needed. Call them from the process whose mailbox is meant.
 */
public final class MailboxAssertions {
    /** ExUnit's default for {@code assert_receive}, generous enough for a loaded CI machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private MailboxAssertions() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for a message the matcher accepts; returns its answer. */
    public static <T> T assertReceive(Matcher<T> matcher) {
        return assertReceive(DEFAULT_TIMEOUT, matcher);
    }

    /** Waits up to {@code timeout} for a message the matcher accepts; returns its answer. */
    public static <T> T assertReceive(Duration timeout, Matcher<T> matcher) {
        T answer = Processes.receive(timeout, matcher);
        if (answer == null) {
            throw new AssertionError("no matching message within " + timeout
                    + "; the mailbox holds " + Processes.messages());
        }
        return answer;
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for a message equal to {@code expected}. */
    public static void assertReceiveEquals(Object expected) {
        assertReceive(message -> message.equals(expected) ? message : null);
    }

    /** Asserts that a message the matcher accepts is already in the mailbox; takes it. */
    public static <T> T assertReceived(Matcher<T> matcher) {
        return assertReceive(Duration.ZERO, matcher);
    }

    /** Asserts that no message the matcher accepts is in the mailbox now; removes nothing. */
    public static void refuteReceived(Matcher<?> matcher) {
        refuteReceive(Duration.ZERO, matcher);
    }

    /** Asserts that no message the matcher accepts arrives within {@code timeout}; removes nothing. */
    public static void refuteReceive(Duration timeout, Matcher<?> matcher) {
        Object answer = Processes.receive(timeout, message -> matcher.match(message) != null ? message : null);
        if (answer != null) {
            throw new AssertionError("unexpected message " + answer);
        }
    }

    /** Asserts that the mailbox is empty. */
    public static void assertMailboxEmpty() {
        var messages = Processes.messages();
        if (!messages.isEmpty()) {
            throw new AssertionError("expected an empty mailbox, found " + messages);
        }
    }
}
