package dev.amanah.bench;

/**
 * One figure a scenario reports, one row of the table.
 *
 * @param label what is measured, with the sizes, e.g. "ping-pong: 1M round trips"
 * @param unit  the unit, which also says whether more is better
 */
public record Metric(String label, Unit unit) {

    /** Units of measurement, and which way is better. */
    public enum Unit {
        /** Operations per second: more is better. */
        PER_SECOND("/s", true),
        /** Milliseconds of wall-clock time: less is better. */
        MILLIS("ms", false),
        /** Bytes of heap: less is better. */
        BYTES("bytes", false);

        private final String symbol;
        private final boolean higherIsBetter;

        Unit(String symbol, boolean higherIsBetter) {
            this.symbol = symbol;
            this.higherIsBetter = higherIsBetter;
        }

        /** How the unit is printed. */
        public String symbol() {
            return symbol;
        }

        /** Whether a larger value is a better result. */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }
    }
}
