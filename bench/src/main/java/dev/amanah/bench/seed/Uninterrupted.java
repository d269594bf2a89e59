package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;

/** Runs a step that may be interrupted inside a process body, which cannot throw checked exceptions. */
final class Uninterrupted {
    /** A step that waits and may be interrupted. */
    interface Step<T> {
        T run() throws InterruptedException;
    }

    private Uninterrupted() {
    }

    /** The step's result; an interruption restores the flag and fails the run. */
    static <T> T run(String what, Step<T> step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + ": interrupted");
        }
    }
}
