package dev.amanah.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How the workloads that start futures ({@code task_await}'s floor, both sides of
 * {@code spawn_future}) collect them: {@code get} on each in turn.
 */
final class Futures {
    private Futures() {
    }

    /** Each future's result, in the list's order; throws if one failed or takes over a minute. */
    static List<Integer> getInOrder(List<? extends Future<Integer>> futures) throws Exception {
        var results = new ArrayList<Integer>(futures.size());
        for (var future : futures) {
            results.add(future.get(1, TimeUnit.MINUTES));
        }
        return results;
    }
}
