package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.Iterator;

/** {@link Producer#fromIterable}: pulls demand's worth of elements, then stops once exhausted. */
final class IterableProducer<E> implements Producer<E, Iterator<? extends E>> {
    /** Sent to itself once the source is exhausted, so the stop comes after the last dispatch. */
    private enum Exhausted {
        EXHAUSTED
    }

    private final Iterable<? extends E> source;

    IterableProducer(Iterable<? extends E> source) {
        this.source = source;
    }

    @Override
    public Iterator<? extends E> init() {
        return source.iterator();
    }

    @Override
    public Result<E, Iterator<? extends E>> handleDemand(long demand, Iterator<? extends E> iterator) {
        var events = new ArrayList<E>((int) Math.min(demand, 10_000));
        while (events.size() < demand && iterator.hasNext()) {
            events.add(iterator.next());
        }
        if (!iterator.hasNext()) {
            Processes.send(Processes.self(), Exhausted.EXHAUSTED);
        }
        return new Emit<>(events, iterator);
    }

    @Override
    public Result<E, Iterator<? extends E>> handleInfo(Object message, Iterator<? extends E> iterator) {
        if (message == Exhausted.EXHAUSTED) {
            return new Stop<>(ExitReason.NORMAL, iterator);
        }
        return Producer.super.handleInfo(message, iterator);
    }
}
