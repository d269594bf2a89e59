package dev.amanah.bench;

import java.util.List;

/**
 * One scenario implemented on one runtime: runs one repetition and reports its samples.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Do the scenario's work with the runtime's idiomatic primitives, the same amount of work
 *       as the other runtimes' implementations; time only the work, not set-up or tear-down.</li>
 *   <li>Check the result (every message arrived, counts add up, every process ended) and throw
 *       {@link BenchmarkFailure} if it is wrong: a fast wrong answer is not a result.</li>
 *   <li>Leave nothing running: every process, thread and actor system started is ended before
 *       {@code run} returns; the runner checks it.</li>
 * </ul>
 */
public interface Workload {

    /**
     * Runs one repetition at the given scale and returns one sample per metric of the scenario.
     *
     * @throws BenchmarkFailure if the result is wrong
     * @throws Exception        if the run could not complete (interrupted, timed out)
     */
    List<Sample> run(Scale scale) throws Exception;
}
