package dev.amanah.bench.compare;

import java.util.List;

/** Result checks: a fast wrong answer is not a result. */
final class Check {
    private Check() {
    }

    /** Throws unless {@code results} is 0, 1, ..., {@code size - 1}. */
    static void indices(String workload, List<Integer> results, int size) {
        var order = new InOrder(workload);
        results.forEach(order::accept);
        order.expect(size);
    }

    /**
     * The check of results that stream by, kept or not: each must be the next of 0, 1, 2, ...,
     * and {@link #expect} checks how many came. Not thread-safe.
     */
    static final class InOrder {
        private final String workload;
        private int next;

        InOrder(String workload) {
            this.workload = workload;
        }

        void accept(int value) {
            if (value != next) {
                throw new IllegalStateException(workload + ": result " + next + " is " + value);
            }
            next++;
        }

        void expect(int size) {
            if (next != size) {
                throw new IllegalStateException(workload + ": " + next + " results for " + size);
            }
        }
    }
}
