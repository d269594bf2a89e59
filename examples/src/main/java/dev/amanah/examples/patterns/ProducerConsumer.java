package dev.amanah.examples.patterns;

import dev.amanah.examples.IO;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The seed's {@code FinancialDomain.Processing.ProducerConsumer}: a producer process sends work
 * items to a consumer process as fast as it likes, then {@code :done}.
 *
 * <p>Kept as the seed wrote it, to show its flaw, which the seed itself lists under Common
 * Mistakes ("No backpressure in producer-consumer"): the producer sends an item every 10 ms, the
 * consumer takes 100 ms per item, so the consumer's mailbox grows by nine items in ten, without
 * bound, and the producer never knows. The two are also unlinked: if the consumer crashed, the
 * producer would go on sending into the void. The demand-driven version, where the consumer asks
 * for items and the producer sends no more than asked, is the otp module's {@code stage}
 * package (GenStage).
 *
 * <p>The seed's timings are the defaults; the processing step can be replaced, for tests. Nothing
 * else is changed.
 */
public final class ProducerConsumer {
    private final Duration rateLimit;
    private final Consumer<String> processor;

    /** The seed's timings: an item every 10 ms, 100 ms to process one. */
    public ProducerConsumer() {
        this(Duration.ofMillis(10), ProducerConsumer::processDonation);
    }

    /** A producer pausing {@code rateLimit} between items and a consumer running {@code processor} on each. */
    public ProducerConsumer(Duration rateLimit, Consumer<String> processor) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /** {@code {:process, id}}. */
    public record ProcessDonation(String id) {
    }

    /** {@code :done}. */
    public record Done() {
    }

    /** The two processes {@link #start} spawned: {@code {producer_pid, consumer_pid}}. */
    public record Started(Pid producer, Pid consumer) {
    }

    /** Producer: sends every id to {@code consumer}, pausing between them, then {@link Done}. */
    public void producer(Pid consumer, List<String> donationIds) {
        for (var id : donationIds) {
            consumer.send(new ProcessDonation(id));
            Processes.sleep(rateLimit); // Simulate rate limiting
        }
        consumer.send(new Done());
    }

    /** Consumer: processes items until {@link Done}, then prints how many and returns. */
    public void consumer() {
        consumerLoop(0);
    }

    private void consumerLoop(int processedCount) {
        for (;;) {
            // The seed's receive has these two clauses only: any other message stays queued.
            Object message = Processes.receive(m -> m instanceof ProcessDonation || m instanceof Done ? m : null);
            switch (message) {
                case ProcessDonation(var id) -> {
                    processor.accept(id);
                    processedCount++;
                }
                case Done() -> {
                    IO.puts("Processed " + processedCount + " donations");
                    return;
                }
                default -> throw new IllegalStateException("not matched: " + message);
            }
        }
    }

    /** Starts the consumer and the producer, both unlinked ({@code spawn}); returns their pids at once. */
    public Started start(List<String> donationIds) {
        var consumerPid = Processes.spawn(this::consumer);
        var producerPid = Processes.spawn(() -> producer(consumerPid, List.copyOf(donationIds)));
        return new Started(producerPid, consumerPid);
    }

    private static void processDonation(String id) {
        Processes.sleep(Duration.ofMillis(100));
        IO.puts("Processed donation " + id);
    }
}
