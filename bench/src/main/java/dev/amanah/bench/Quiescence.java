package dev.amanah.bench;

import dev.amanah.bench.floor.FloorThreads;
import dev.amanah.bench.pekko.PekkoHost;
import dev.amanah.otp.Processes;
import java.time.Duration;

/**
 * Checks between runs that a workload left nothing behind: no Amanah process or process thread,
 * no floor thread, no Pekko thread. Leftovers would steal CPU and heap from the next run.
 */
final class Quiescence {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Quiescence() {
    }

    /**
     * Waits until everything has ended, at most 30 s (threads that were told to stop may take a
     * moment to unwind).
     *
     * @throws BenchmarkFailure naming what is still running after that
     */
    static void await(String after) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (;;) {
            var leftovers = leftovers();
            if (leftovers.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure(after + " left things running after " + PATIENCE + ": " + leftovers);
            }
            Thread.sleep(10);
        }
    }

    private static String leftovers() {
        var found = new StringBuilder();
        long processThreads = Processes.runningThreads();
        if (processThreads != 0) {
            found.append(processThreads).append(" Amanah process threads; ");
        }
        int processes = Processes.list().size();
        if (processes != 0) {
            found.append(processes).append(" Amanah processes; ");
        }
        long floorThreads = FloorThreads.live();
        if (floorThreads != 0) {
            found.append(floorThreads).append(" floor threads; ");
        }
        long pekkoThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(PekkoHost.SYSTEM_NAME + "-"))
                .count();
        if (pekkoThreads != 0) {
            found.append(pekkoThreads).append(" Pekko threads; ");
        }
        return found.toString();
    }
}
