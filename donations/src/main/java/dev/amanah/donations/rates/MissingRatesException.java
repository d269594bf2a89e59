package dev.amanah.donations.rates;

import java.util.List;

/**
 * One or more exchange rates could not be had: each problem names its currency and date. A
 * report that needs them fails with this rather than leave a currency out or assume a rate.
 */
public final class MissingRatesException extends RuntimeException {
    private final List<String> problems;

    /** @param problems one line per missing rate, each naming the currency and date */
    public MissingRatesException(List<String> problems) {
        super("MISSING_RATE " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per missing rate. */
    public List<String> problems() {
        return problems;
    }
}
