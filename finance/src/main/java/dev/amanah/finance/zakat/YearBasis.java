package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.chrono.HijrahChronology;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The calendar of the zakat year, which sets both the hawl anniversary and the rate.
 *
 * <p>The rate of 2.5 % is per lunar year (354 or 355 days). An organisation that keeps its books
 * on the solar year waits about 11 days longer between payments, and pays 2.577 % to compensate
 * (2.5 % × 365.25 / 354.37, as published by many zakat bodies).
 */
public enum YearBasis {
    /** Hijri (Umm al-Qura) year; 2.5 %. */
    LUNAR(new BigDecimal("0.025")),
    /** Gregorian year; 2.577 %. */
    SOLAR(new BigDecimal("0.02577"));

    private final BigDecimal rate;

    YearBasis(BigDecimal rate) {
        this.rate = rate;
    }

    /** The exact rate applied to the whole net wealth, as a fraction (0.025). */
    public BigDecimal rate() {
        return rate;
    }

    /**
     * The day the year that starts on {@code start} is complete: for LUNAR the same day and month
     * one Hijri year later in the Umm al-Qura calendar ({@link HijrahDate}), the 30th becoming the
     * 29th when the month is shorter that year; for SOLAR one Gregorian year later (29 February
     * becoming 28 February).
     *
     * @throws FinanceException {@code INVALID_DATE} (field {@code nisabReachedOn}) outside the
     *                          Umm al-Qura calendar's range (about 1882–2174) for LUNAR; for SOLAR,
     *                          an anniversary past {@link LocalDate#MAX}
     */
    public LocalDate anniversary(LocalDate start) {
        return anniversary(start, 1);
    }

    /**
     * The {@code years}-th anniversary of {@code start}, counted from {@code start} itself: a day
     * that one year lacks is shortened in that year only (29 February 2020's fourth anniversary
     * is 29 February 2024, though its third was 28 February 2023), where chaining
     * {@link #anniversary(LocalDate)} would keep the shortened day from then on.
     *
     * @throws FinanceException as {@link #anniversary(LocalDate)}
     */
    public LocalDate anniversary(LocalDate start, int years) {
        return switch (this) {
            case SOLAR -> {
                if (!solarYearExists(start, years)) {
                    throw new FinanceException(ErrorCode.INVALID_DATE, "nisabReachedOn", "the " + years
                            + "-year anniversary of " + start + " is past the last date there is (" + LocalDate.MAX + ")");
                }
                yield start.plusYears(years);
            }
            case LUNAR -> {
                var hijri = hijri(start, "nisabReachedOn");
                if (!lunarYearExists(hijri, years)) {
                    throw new FinanceException(ErrorCode.INVALID_DATE, "nisabReachedOn", "the " + years
                            + "-year Hijri anniversary of " + start + " is past the end of the Umm al-Qura calendar ("
                            + LAST_HIJRI_YEAR + " AH)");
                }
                yield LocalDate.from(hijri.plus(years, ChronoUnit.YEARS));
            }
        };
    }

    /** The last year of the JDK's Umm al-Qura data (1600 AH, 2174). */
    private static final long LAST_HIJRI_YEAR = HijrahChronology.INSTANCE.range(ChronoField.YEAR).getMaximum();

    /** The first and last days of the JDK's Umm al-Qura data, said in a refusal so the user need not guess. */
    private static final LocalDate FIRST_HIJRI_DAY = LocalDate.from(HijrahChronology.INSTANCE.date(
            (int) HijrahChronology.INSTANCE.range(ChronoField.YEAR).getMinimum(), 1, 1));
    private static final LocalDate LAST_HIJRI_DAY = lastHijriDay();

    private static LocalDate lastHijriDay() {
        var lastMonth = HijrahChronology.INSTANCE.date((int) LAST_HIJRI_YEAR, 12, 1);
        return LocalDate.from(lastMonth.with(ChronoField.DAY_OF_MONTH, lastMonth.lengthOfMonth()));
    }

    /**
     * Whether the {@code years}-th anniversary of {@code start} is on or before {@code date}. For
     * LUNAR, {@code date} must be within the calendar (see {@link #requireInCalendar}); an
     * anniversary past the calendar's end is then after it, where {@link #anniversary} would refuse it.
     */
    boolean reachedBy(LocalDate start, int years, LocalDate date) {
        if (this == LUNAR && !lunarYearExists(hijri(start, "nisabReachedOn"), years)
                || this == SOLAR && !solarYearExists(start, years)) {
            return false;
        }
        return !anniversary(start, years).isAfter(date);
    }

    /**
     * @throws FinanceException {@code INVALID_DATE} (field {@code field}) for a LUNAR date outside
     *                          the Umm al-Qura calendar's range
     */
    void requireInCalendar(LocalDate date, String field) {
        if (this == LUNAR) {
            hijri(date, field);
        }
    }

    private static HijrahDate hijri(LocalDate date, String field) {
        try {
            return HijrahDate.from(date);
        } catch (DateTimeException e) {
            throw new FinanceException(ErrorCode.INVALID_DATE, field, date + " is outside the Umm al-Qura calendar's range, "
                    + FIRST_HIJRI_DAY + " to " + LAST_HIJRI_DAY);
        }
    }

    /**
     * Whether the Hijri year {@code years} after {@code hijri}'s is in the calendar. Checked before
     * adding: the JDK's {@code plusYears} past the last year can fail with an
     * {@code ArrayIndexOutOfBoundsException}, not a {@link DateTimeException}.
     */
    private static boolean lunarYearExists(HijrahDate hijri, int years) {
        return hijri.get(ChronoField.YEAR) + (long) years <= LAST_HIJRI_YEAR;
    }

    /**
     * Whether the Gregorian year {@code years} after {@code start}'s is one a {@link LocalDate}
     * can hold: past it, {@code plusYears} throws a bare {@link DateTimeException}.
     */
    private static boolean solarYearExists(LocalDate start, int years) {
        return start.getYear() + (long) years <= Year.MAX_VALUE;
    }

    /** How a date reads in this calendar, for explanations ("1445-09-01 AH (2024-03-11)"). */
    String describe(LocalDate date) {
        return switch (this) {
            case SOLAR -> date.toString();
            case LUNAR -> {
                var hijri = HijrahDate.from(date);
                yield "%04d-%02d-%02d AH (%s)".formatted(hijri.get(ChronoField.YEAR),
                        hijri.get(ChronoField.MONTH_OF_YEAR),
                        hijri.get(ChronoField.DAY_OF_MONTH), date);
            }
        };
    }
}
