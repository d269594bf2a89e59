package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Ref;
import java.util.ArrayList;
import java.util.List;

/**
 * GenStage's {@code DemandDispatcher}: events go to the subscription with the most pending demand,
 * as many as it asked for, then to the next; among equals, the one served longest ago first. The
 * demand acted on is each ask, less the demand of cancelled subscriptions that was already acted on
 * ({@code pending}): so a producer is never asked twice for the same demand.
 */
final class DemandDispatcher implements Dispatcher {
    private static final class Demand {
        final Ref ref;
        final Pid consumer;
        long counter;

        Demand(Ref ref, Pid consumer) {
            this.ref = ref;
            this.consumer = consumer;
        }
    }

    /** In service order: a served subscription moves to the end, so ties rotate. */
    private final List<Demand> demands = new ArrayList<>();
    private long pending;

    @Override
    public long subscribe(Ref ref, Pid consumer) {
        demands.add(new Demand(ref, consumer));
        return 0;
    }

    @Override
    public long ask(Ref ref, long demand) {
        var entry = find(ref);
        if (entry == null) {
            return 0;
        }
        entry.counter += demand;
        long alreadyActedOn = Math.min(pending, demand);
        pending -= alreadyActedOn;
        return demand - alreadyActedOn;
    }

    @Override
    public long cancel(Ref ref) {
        var entry = find(ref);
        if (entry != null) {
            demands.remove(entry);
            pending += entry.counter;
        }
        return 0;
    }

    @Override
    public long available() {
        long sum = 0;
        for (var entry : demands) {
            sum += Math.max(0, entry.counter);
        }
        return sum;
    }

    @Override
    public int dispatch(List<?> events) {
        int sent = 0;
        while (sent < events.size()) {
            int best = -1;
            for (int i = 0; i < demands.size(); i++) {
                if (demands.get(i).counter > 0 && (best < 0 || demands.get(i).counter > demands.get(best).counter)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            var entry = demands.remove(best);
            int now = (int) Math.min(entry.counter, events.size() - sent);
            entry.consumer.send(new Protocol.Events(entry.ref, List.copyOf(events.subList(sent, sent + now))));
            entry.counter -= now;
            sent += now;
            demands.add(entry);
        }
        return sent;
    }

    private Demand find(Ref ref) {
        for (var entry : demands) {
            if (entry.ref == ref) {
                return entry;
            }
        }
        return null;
    }
}
