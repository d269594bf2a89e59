package dev.amanah.donations.service;

import dev.amanah.otp.ExitReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What stopping the service's supervision tree came to ({@link AmanahService#stop}): it drained,
 * its bound ({@code timeouts.shutdown}) passed and the drain was cut short, or it had ended
 * otherwise.
 */
public sealed interface StopOutcome {

    /** Every process of the tree stopped, in order, within the bound: nothing was cut short. */
    record Drained() implements StopOutcome {
    }

    /**
     * The tree did not stop by the stop: it had already ended ({@code noproc}: its root gave up
     * after too many restarts, or was killed), or it ended with {@code reason} instead of
     * {@code normal}. Nothing was left to drain.
     */
    record Ended(ExitReason reason) implements StopOutcome {
        public Ended {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The tree had not stopped when {@code timeout} passed; its root was killed.
     *
     * @param timeout    the bound that passed
     * @param stillAlive one line for each process of the tree still alive then (pid, registered
     *                   name, status, where it was), the root first, at most 100
     * @param listedAll  false when more processes were alive than are listed
     */
    record CutShort(Duration timeout, List<String> stillAlive, boolean listedAll) implements StopOutcome {
        public CutShort {
            Objects.requireNonNull(timeout, "timeout");
            stillAlive = List.copyOf(stillAlive);
        }
    }
}
