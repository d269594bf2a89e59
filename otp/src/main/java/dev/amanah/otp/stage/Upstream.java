package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer's side of one subscription: how many events it still awaits, and how incoming events
 * are cut into batches, each with the demand to ask for once it is handled (GenStage's
 * {@code split_batches}).
 */
final class Upstream {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.stage");

    /** Events to hand to {@code handleEvents}, then {@code ask} more (if positive). */
    record Batch(Ref ref, List<?> events, long ask) {
    }

    final Subscription subscription;
    final SubscribeTo options;
    /** Events asked for and not yet received. */
    private long demand;

    Upstream(Subscription subscription, SubscribeTo options) {
        this.subscription = subscription;
        this.options = options;
        this.demand = options.maxDemand();
    }

    Pid producer() {
        return subscription.producer();
    }

    /**
     * Cuts {@code events} into batches of at most {@code max - min}. Each batch first uses up what
     * was asked for (excess is logged, as GenStage does); once the demand still awaited falls to
     * {@code min} or below, the batch carries the ask that brings it back to {@code max}.
     */
    List<Batch> split(List<?> events) {
        long max = options.maxDemand();
        long min = options.minDemand();
        int size = (int) Math.min(max - min, Integer.MAX_VALUE);
        var batches = new ArrayList<Batch>(events.size() / size + 1);
        long awaited = demand;
        for (int from = 0; from < events.size(); from += size) {
            var batch = events.subList(from, Math.min(events.size(), from + size));
            long counted = batch.size();
            if (awaited - counted < 0) {
                LOG.log(Level.ERROR, "stage " + Processes.self() + " received " + (counted - awaited)
                        + " events in excess from " + producer());
                counted = awaited;
            }
            awaited -= counted;
            long ask = 0;
            if (demand - counted <= min) {
                ask = max - (demand - counted);
                demand = max;
            } else {
                demand -= counted;
            }
            batches.add(new Batch(subscription.ref(), batch, ask));
        }
        return batches;
    }
}
