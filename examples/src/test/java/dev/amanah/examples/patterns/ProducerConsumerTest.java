package dev.amanah.examples.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.testing.CapturedIO;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ProducerConsumerTest {
    private static List<String> ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "don-" + i).toList();
    }

    @Test
    void theConsumerProcessesEveryItemInOrderThenReportsTheCount() {
        var leaks = Leaks.baseline();
        try (var io = CapturedIO.start()) {
            new ProducerConsumer().start(ids(3));
            io.awaitLine(line -> line.equals("Processed 3 donations"));
            assertThat(io.lines()).containsExactly("Processed donation don-1", "Processed donation don-2",
                    "Processed donation don-3", "Processed 3 donations");
        }
        leaks.assertNoneLeft();
    }

    @Test
    void seedFlawWithoutBackpressureTheConsumersMailboxHoldsEverythingTheProducerSent() throws Exception {
        var leaks = Leaks.baseline();
        var release = new CountDownLatch(1);
        var stuck = new CountDownLatch(1);
        var processed = new ConcurrentLinkedQueue<String>();
        var pipeline = new ProducerConsumer(Duration.ZERO, id -> {
            stuck.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue(); // a consumer slower than its producer
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            processed.add(id);
        });
        try (var io = CapturedIO.start()) {
            var started = pipeline.start(ids(200));
            // The producer finishes while the consumer is stuck on the first item: nothing slowed it
            // down, and the other 199 items plus :done wait in the consumer's mailbox.
            Leaks.await(() -> !started.producer().isAlive(), "the producer to send everything and end");
            assertThat(stuck.await(10, TimeUnit.SECONDS)).as("the consumer took its first item").isTrue();
            assertThat(Processes.info(started.consumer()).orElseThrow().messageQueueLen()).isEqualTo(200);
            release.countDown();
            io.awaitLine(line -> line.equals("Processed 200 donations"));
        }
        assertThat(List.copyOf(processed)).isEqualTo(ids(200));
        leaks.assertNoneLeft();
    }
}
