package dev.amanah.bench;

/** Short labels for counts in metric names: 1M, 100k, 10,000, 1,000. */
public final class Counts {
    private Counts() {
    }

    /** {@code 1000000} as "1M", {@code 100000} as "100k", smaller counts with grouping. */
    public static String label(int count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return count / 1_000_000 + "M";
        }
        if (count >= 100_000 && count % 1_000 == 0) {
            return count / 1_000 + "k";
        }
        return String.format("%,d", count);
    }
}
