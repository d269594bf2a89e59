package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A reply wakes its caller only once the caller has announced that it parks ({@link PendingCall}):
 * replies that land while the caller spins, while it announces itself, and while it is parked
 * must all reach it. The server delays each reply by a random number of pauses, so that over
 * thousands of calls every one of those moments is hit; a lost wake-up shows as a call that
 * times out (timed calls) or never returns (untimed calls, caught by the latch's timeout).
 */
@InProcess.Tests
class RequestWakeUpTest {
    private record Ask(ReplyTo to, int n, int delay) {
    }

    private static final int CALLS = 3_000;

    @Test
    void everyReplyWakesItsCallerWhereverItIsInItsWait() throws InterruptedException {
        var server = Processes.spawn(() -> {
            for (;;) {
                if (Processes.receive() instanceof Ask ask) {
                    for (int i = ask.delay(); i > 0; i--) {
                        Thread.onSpinWait();
                    }
                    Processes.reply(ask.to(), ask.n());
                }
            }
        });
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var done = new CountDownLatch(3);
        Runnable timed = () -> callRepeatedly(server, Duration.ofSeconds(20), 1, failures, done);
        Runnable untimed = () -> callRepeatedly(server, Processes.INFINITY, 2, failures, done);
        Processes.spawnLink(timed::run); // linked: a caller left hanging ends with the test
        Processes.spawnLink(untimed::run);
        // A platform thread never spins: its reply races its announcement and its park.
        Thread.ofPlatform().start(() -> callRepeatedly(server, Duration.ofSeconds(20), 3, failures, done));
        try {
            assertThat(done.await(60, TimeUnit.SECONDS)).as("every caller got all its replies").isTrue();
            assertThat(failures).isEmpty();
        } finally {
            Processes.exit(server, ExitReason.KILL);
        }
    }

    private static void callRepeatedly(Pid server, Duration timeout, long seed,
                                       ConcurrentLinkedQueue<Throwable> failures, CountDownLatch done) {
        var random = new SplittableRandom(seed);
        try {
            for (int n = 0; n < CALLS; n++) {
                int call = n;
                // Up to a few microseconds: around the caller's spin, and past it into its park.
                int delay = random.nextInt(2_000);
                var answer = Processes.request(server, to -> new Ask(to, call, delay), timeout);
                if (!Integer.valueOf(call).equals(answer)) {
                    throw new AssertionError("call " + call + " was answered " + answer);
                }
            }
        } catch (Throwable t) {
            failures.add(t);
        } finally {
            done.countDown();
        }
    }
}
