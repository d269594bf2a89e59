package dev.amanah.bench;

/**
 * The size of a run: full, or divided by a factor for a quick smoke run.
 *
 * @param divisor 1 for the real sizes, 10 for {@code --quick}
 */
public record Scale(int divisor) {
    /** The real sizes. */
    public static final Scale FULL = new Scale(1);
    /** Counts divided by 10: a smoke run whose figures mean little. */
    public static final Scale QUICK = new Scale(10);

    /** Validates the divisor. */
    public Scale {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be >= 1, was " + divisor);
        }
    }

    /** {@code full} at this scale, never below 1. */
    public int count(int full) {
        return Math.max(1, full / divisor);
    }
}
