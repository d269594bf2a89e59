package dev.amanah.bench;

import java.util.concurrent.TimeUnit;

/**
 * One measured value of one metric, from one repetition.
 *
 * @param metric what was measured
 * @param value  the value, in the metric's unit
 */
public record Sample(Metric metric, double value) {

    /** A rate: {@code operations} done in {@code nanos}. */
    public static Sample rate(Metric metric, long operations, long nanos) {
        return new Sample(metric, operations * (double) TimeUnit.SECONDS.toNanos(1) / nanos);
    }

    /** A duration of {@code nanos}, reported in milliseconds. */
    public static Sample millis(Metric metric, long nanos) {
        return new Sample(metric, nanos / 1e6);
    }
}
