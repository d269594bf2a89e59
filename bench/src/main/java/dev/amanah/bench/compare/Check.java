package dev.amanah.bench.compare;

import java.util.List;

/** Result checks: a fast wrong answer is not a result. */
final class Check {
    private Check() {
    }

    /** Throws unless {@code results} is 0, 1, ..., {@code size - 1}. */
    static void indices(String workload, List<Integer> results, int size) {
        if (results.size() != size) {
            throw new IllegalStateException(workload + ": " + results.size() + " results for " + size);
        }
        for (int i = 0; i < size; i++) {
            if (results.get(i) != i) {
                throw new IllegalStateException(workload + ": result " + i + " is " + results.get(i));
            }
        }
    }
}
