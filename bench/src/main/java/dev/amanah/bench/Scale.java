package dev.amanah.bench;

/**
 * The size of a run: full, or divided by a factor for a quick smoke run, or one point of a
 * scaling curve, where the scenario's main count (processes, subscribers) is set.
 *
 * @param divisor 1 for the real sizes, 10 for {@code --quick}
 * @param point   the main count of a scaling-curve point, or 0 for the scenario's own sizes
 */
public record Scale(int divisor, int point) {
    /** The real sizes. */
    public static final Scale FULL = new Scale(1);
    /** Counts divided by 10: a smoke run whose figures mean little. */
    public static final Scale QUICK = new Scale(10);

    /** Validates the divisor and the point. */
    public Scale {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be >= 1, was " + divisor);
        }
        if (point < 0) {
            throw new IllegalArgumentException("point must be >= 0, was " + point);
        }
    }

    /** The scenario's own sizes divided by {@code divisor}. */
    public Scale(int divisor) {
        this(divisor, 0);
    }

    /** A point of a scaling curve: the scenario's main count is {@code n}, at full size. */
    public static Scale point(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a curve point must be >= 1, was " + n);
        }
        return new Scale(1, n);
    }

    /** Whether this is a point of a scaling curve. */
    public boolean isPoint() {
        return point > 0;
    }

    /** {@code full} at this scale, never below 1. */
    public int count(int full) {
        return Math.max(1, full / divisor);
    }
}
