package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A send wakes its mailbox's owner wherever the owner is in its wait: spinning, publishing
 * itself as the waiter, or parked. Each message is sent only once the previous one was
 * received, after a random number of pauses, so that over thousands of messages every one of
 * those moments is hit, on a virtual thread and on a platform thread, with untimed and timed
 * waits. A lost wake-up shows as a receive that never returns (caught by the latch's timeout) or
 * a timed receive that times out. A third case adds stray unparks, so that the owner is also
 * woken for nothing and must wait again; they would mask a lost wake-up, hence the cases without.
 */
class MailboxWakeUpTest {
    private static final int MESSAGES = 3_000;
    private static final long TIMED_WAIT = TimeUnit.SECONDS.toNanos(20);

    @Test
    void everySendWakesAVirtualThreadReceiver() throws InterruptedException {
        exchange(Thread.ofVirtual(), 1, false);
    }

    @Test
    void everySendWakesAPlatformThreadReceiver() throws InterruptedException {
        exchange(Thread.ofPlatform(), 2, false);
    }

    @Test
    void aReceiverWokenForNothingWaitsAgainAndMissesNothing() throws InterruptedException {
        exchange(Thread.ofVirtual(), 3, true);
    }

    private static void exchange(Thread.Builder receivers, long seed, boolean strayUnparks) throws InterruptedException {
        var inbox = new Mailbox();
        var acks = new Mailbox();
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var done = new CountDownLatch(2);
        var stop = new AtomicBoolean();
        var receiver = receivers.unstarted(() -> {
            try {
                for (int n = 0; n < MESSAGES; n++) {
                    long deadline = n % 2 == 0 ? Mailbox.FOREVER : System.nanoTime() + TIMED_WAIT;
                    Object message = inbox.takeAny(deadline);
                    if (!Integer.valueOf(n).equals(message)) {
                        throw new AssertionError("message " + n + " was received as " + message);
                    }
                    acks.enqueue(n);
                }
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                done.countDown();
            }
        });
        var sender = Thread.ofVirtual().unstarted(() -> {
            var random = new SplittableRandom(seed);
            try {
                for (int n = 0; n < MESSAGES; n++) {
                    // Up to a few microseconds: around the receiver's spin, and past it into its park.
                    for (int i = random.nextInt(2_000); i > 0; i--) {
                        Thread.onSpinWait();
                    }
                    inbox.enqueue(n);
                    Object ack = acks.takeAny(System.nanoTime() + TIMED_WAIT);
                    if (!Integer.valueOf(n).equals(ack)) {
                        throw new AssertionError("ack " + n + " came as " + ack);
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                done.countDown();
            }
        });
        var stray = Thread.ofPlatform().unstarted(() -> {
            var random = new SplittableRandom(seed + 100);
            while (strayUnparks && !stop.get()) {
                LockSupport.parkNanos(random.nextInt(50_000));
                LockSupport.unpark(receiver);
            }
        });
        receiver.start();
        sender.start();
        stray.start();
        try {
            assertThat(done.await(60, TimeUnit.SECONDS)).as("every message woke its receiver").isTrue();
            assertThat(failures).isEmpty();
        } finally {
            stop.set(true);
            stray.join();
        }
    }
}
