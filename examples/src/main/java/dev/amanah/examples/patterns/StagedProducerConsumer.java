package dev.amanah.examples.patterns;

import dev.amanah.examples.IO;
import dev.amanah.otp.Processes;
import dev.amanah.otp.stage.Consumer;
import dev.amanah.otp.stage.Pipeline;
import dev.amanah.otp.stage.Producer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ProducerConsumer} with backpressure, on the otp module's demand-driven stages (GenStage):
 * the consumer asks for at most {@code maxDemand} items, and the producer pulls items from its
 * source only to meet that demand. However slow the consumer, at most {@code maxDemand} items are
 * in flight between the two; the rest stay unread in the source. This is the fix for the seed's
 * "No backpressure in producer-consumer".
 *
 * <p>Same output as the seed's version: each donation as it is processed, then the count.
 */
public final class StagedProducerConsumer {
    /** How many items the consumer asks for at a time (and so the most in flight). */
    public static final long MAX_DEMAND = 10;
    /** How long {@link #run} waits for the consumer to finish. */
    public static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final long maxDemand;
    private final java.util.function.Consumer<String> processor;

    /** The seed's consumer (100 ms per donation) asking for {@link #MAX_DEMAND} at a time. */
    public StagedProducerConsumer() {
        this(MAX_DEMAND, StagedProducerConsumer::processDonation);
    }

    /** A consumer running {@code processor} on each item, asking for {@code maxDemand} at a time. */
    public StagedProducerConsumer(long maxDemand, java.util.function.Consumer<String> processor) {
        if (maxDemand < 1) {
            throw new IllegalArgumentException("maxDemand must be positive, was " + maxDemand);
        }
        this.maxDemand = maxDemand;
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /**
     * Starts the producer over {@code donationIds} (read lazily, on demand) and one consumer,
     * linked to the caller; returns at once. Both end {@code normal} when every item is processed.
     */
    public Pipeline start(Iterable<String> donationIds) {
        return Pipeline.startLink(Producer.fromIterable(donationIds), maxDemand,
                List.of(Consumer.forEach(processor)));
    }

    /**
     * Processes {@code donationIds} through a pipeline, waits up to {@link #TIMEOUT} for the end,
     * prints and returns how many were processed.
     *
     * @throws IllegalStateException if the pipeline is not done in time (it is stopped first)
     */
    public int run(Iterable<String> donationIds) {
        var processed = new AtomicInteger();
        var pipeline = new StagedProducerConsumer(maxDemand, id -> {
            processor.accept(id);
            processed.incrementAndGet();
        }).start(donationIds);
        if (!pipeline.awaitCompletion(TIMEOUT)) {
            pipeline.stop();
            throw new IllegalStateException("the pipeline did not finish within " + TIMEOUT);
        }
        IO.puts("Processed " + processed.get() + " donations");
        return processed.get();
    }

    private static void processDonation(String id) {
        Processes.sleep(Duration.ofMillis(100));
        IO.puts("Processed donation " + id);
    }
}
