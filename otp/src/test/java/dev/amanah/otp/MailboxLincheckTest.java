package dev.amanah.otp;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the mailbox: concurrent senders against its single receiver, checked by
 * Lincheck both by model checking (exhaustive interleavings of small scenarios) and by stress.
 * The sequential specification is a plain list with Erlang's selective receive.
 *
 * <p>{@code queueLength} is deliberately not among the operations: it counts a send once the
 * send has linked its message, so while sends are in flight it may lag behind the order the
 * receiver sees (Lincheck finds such a history at once). It is exact whenever no send is in
 * flight, which {@code JavaRulesTest.J4_queueLengthIsExact} checks.
 */
@Param(name = "message", gen = IntGen.class, conf = "1:6")
public class MailboxLincheckTest {
    private static final Mailbox DEAD_SENDER = new Mailbox() {
        @Override
        boolean sendsNoMore() {
            return true;
        }
    };

    private final Mailbox mailbox = new Mailbox();

    @Operation
    public void send(@Param(name = "message") int message) {
        mailbox.enqueue(message);
    }

    /** A send from a process found dead once its node is in the queue: dropped, as if never sent. */
    @Operation
    public void sendFromDeadSender(@Param(name = "message") int message) {
        mailbox.enqueueFrom(DEAD_SENDER, message);
    }

    /** Two messages in one step (a dying process's last words and its Down): nothing comes between. */
    @Operation
    public void sendTwo(@Param(name = "message") int first, @Param(name = "message") int second) {
        mailbox.enqueueTwo(first, second);
    }

    @Operation(nonParallelGroup = "receiver")
    public Object receiveAny() {
        return mailbox.takeAny(Mailbox.NO_WAIT);
    }

    @Operation(nonParallelGroup = "receiver")
    public Object receiveEven() {
        return mailbox.take(message -> ((Integer) message) % 2 == 0 ? message : null, Mailbox.NO_WAIT);
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(300)
                .threads(3).actorsPerThread(3).sequentialSpecification(Sequential.class)
                .check(this.getClass());
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(500)
                .threads(3).actorsPerThread(3).sequentialSpecification(Sequential.class)
                .check(this.getClass());
    }

    /** The specification: a list, oldest first. */
    public static final class Sequential {
        private final List<Integer> messages = new ArrayList<>();

        public void send(int message) {
            messages.add(message);
        }

        public void sendFromDeadSender(int message) {
        }

        public void sendTwo(int first, int second) {
            messages.add(first);
            messages.add(second);
        }

        public Object receiveAny() {
            return messages.isEmpty() ? null : messages.remove(0);
        }

        public Object receiveEven() {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) % 2 == 0) {
                    return messages.remove(i);
                }
            }
            return null;
        }

    }
}
