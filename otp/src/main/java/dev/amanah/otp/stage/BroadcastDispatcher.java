package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Ref;
import java.util.ArrayList;
import java.util.List;

/**
 * GenStage's {@code BroadcastDispatcher}: every subscription gets every event, so the demand acted
 * on is the smallest of theirs. Each subscription's counter holds its demand beyond what was acted
 * on; {@code waiting} is the demand acted on but not yet met, which every subscription will
 * receive. A new subscription starts at {@code -waiting}: it owes the events already on their way.
 */
final class BroadcastDispatcher implements Dispatcher {
    private static final class Demand {
        final Ref ref;
        final Pid consumer;
        long counter;

        Demand(Ref ref, Pid consumer, long counter) {
            this.ref = ref;
            this.consumer = consumer;
            this.counter = counter;
        }
    }

    private final List<Demand> demands = new ArrayList<>();
    private long waiting;

    @Override
    public long subscribe(Ref ref, Pid consumer) {
        demands.add(new Demand(ref, consumer, -waiting));
        return 0;
    }

    @Override
    public long ask(Ref ref, long demand) {
        for (var entry : demands) {
            if (entry.ref == ref) {
                entry.counter += demand;
                return release();
            }
        }
        return 0;
    }

    @Override
    public long cancel(Ref ref) {
        if (demands.removeIf(entry -> entry.ref == ref) && !demands.isEmpty()) {
            return release();
        }
        return 0;
    }

    /** Acts on the demand every subscription now shares. */
    private long release() {
        long min = Long.MAX_VALUE;
        for (var entry : demands) {
            min = Math.min(min, entry.counter);
        }
        if (min <= 0) {
            return 0;
        }
        for (var entry : demands) {
            entry.counter -= min;
        }
        waiting += min;
        return min;
    }

    @Override
    public long available() {
        return demands.isEmpty() ? 0 : waiting;
    }

    @Override
    public int dispatch(List<?> events) {
        int now = (int) Math.min(waiting, events.size());
        if (now == 0 || demands.isEmpty()) {
            return 0;
        }
        var batch = List.copyOf(events.subList(0, now));
        for (var entry : demands) {
            entry.consumer.send(new Protocol.Events(entry.ref, batch));
        }
        waiting -= now;
        return now;
    }
}
