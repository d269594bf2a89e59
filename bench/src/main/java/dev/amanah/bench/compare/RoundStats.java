package dev.amanah.bench.compare;

import java.util.Arrays;

/**
 * The median and quartiles of a sample, and the per-round ratios between two builds: the figures
 * {@link Compare} reports. A ratio is taken within a round, between two runs seconds apart, so
 * that the host's drift (its rates move twofold within minutes) cancels out; the spread of the
 * ratios then says how far to trust their median.
 */
record RoundStats(double median, double lowerQuartile, double upperQuartile) {

    /** The median and quartiles of {@code values} (the nearest-rank element at n/2, n/4, 3n/4); not empty. */
    static RoundStats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new RoundStats(sorted[n / 2], sorted[n / 4], sorted[3 * n / 4]);
    }

    /** {@code rates[i] / baseRates[i]} for each round {@code i}. */
    static double[] ratios(double[] rates, double[] baseRates) {
        if (rates.length != baseRates.length) {
            throw new IllegalArgumentException(rates.length + " rounds against " + baseRates.length);
        }
        var ratios = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            ratios[i] = rates[i] / baseRates[i];
        }
        return ratios;
    }

    /** How many of {@code ratios} are above 1: the rounds the build won. */
    static int wins(double[] ratios) {
        return (int) Arrays.stream(ratios).filter(ratio -> ratio > 1).count();
    }
}
