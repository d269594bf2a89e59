package dev.amanah.examples.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.testing.CapturedIO;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class StagedProducerConsumerTest {
    private static List<String> ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "don-" + i).toList();
    }

    @Test
    void processesEveryItemInOrderThenReportsTheCount() {
        var leaks = Leaks.baseline();
        try (var io = CapturedIO.start()) {
            assertThat(new StagedProducerConsumer().run(ids(3))).isEqualTo(3);
            assertThat(io.lines()).containsExactly("Processed donation don-1", "Processed donation don-2",
                    "Processed donation don-3", "Processed 3 donations");
        }
        leaks.assertNoneLeft();
    }

    @Test
    void withBackpressureASlowConsumerHoldsBackTheProducer() throws Exception {
        var leaks = Leaks.baseline();
        var pulled = new AtomicInteger();
        Iterable<String> source = () -> new Iterator<>() {
            private final Iterator<String> ids = ids(200).iterator();

            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public String next() {
                pulled.incrementAndGet();
                return ids.next();
            }
        };
        var busy = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var processed = new ConcurrentLinkedQueue<String>();
        var pipeline = new StagedProducerConsumer(10, id -> {
            busy.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            processed.add(id);
        }).start(source);

        assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
        // The consumer is stuck on its first item: only its first demand, 10 items, left the source
        // (the seed's version had sent all 200 by now).
        assertThat(pulled.get()).isEqualTo(10);
        release.countDown();
        assertThat(pipeline.awaitCompletion(Duration.ofSeconds(10))).isTrue();
        assertThat(List.copyOf(processed)).isEqualTo(ids(200));
        leaks.assertNoneLeft();
    }
}
