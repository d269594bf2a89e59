package dev.amanah.donations.rates;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A rate could not be had. {@link #transientFailure()} says whether asking again may help (the
 * feed timed out or answered 5xx) or not (the feed has no rate for that currency and date, or it
 * answered something we cannot read). The message always names the currency and the date.
 */
public final class RateException extends RuntimeException {
    private final Currency currency;
    private final LocalDate date;
    private final boolean transientFailure;

    private RateException(Currency currency, LocalDate date, String detail, boolean transientFailure, Throwable cause) {
        super("no " + currency.getCurrencyCode() + " rate for " + date + ": " + detail, cause);
        this.currency = currency;
        this.date = date;
        this.transientFailure = transientFailure;
    }

    /** The source has no rate for this currency on or shortly before this date: asking again will not help. */
    public static RateException missing(Currency currency, LocalDate date, String detail) {
        return new RateException(Objects.requireNonNull(currency), Objects.requireNonNull(date), detail, false, null);
    }

    /** The source could not be asked now (timeout, 5xx, connection refused): worth retrying. */
    public static RateException unavailable(Currency currency, LocalDate date, String detail, Throwable cause) {
        return new RateException(Objects.requireNonNull(currency), Objects.requireNonNull(date), detail, true, cause);
    }

    /** The source answered something unreadable: a permanent failure. */
    public static RateException unreadable(Currency currency, LocalDate date, String detail, Throwable cause) {
        return new RateException(Objects.requireNonNull(currency), Objects.requireNonNull(date), detail, false, cause);
    }

    /** The currency whose rate is missing. */
    public Currency currency() {
        return currency;
    }

    /** The date asked for. */
    public LocalDate date() {
        return date;
    }

    /** Whether a retry may succeed. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
