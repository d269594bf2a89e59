package dev.amanah.donations.receipt;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;

/**
 * Hijri dates as printed on receipts: {@code 1 Ramadan 1447 AH}, in the Umm al-Qura calendar of
 * {@link HijrahDate}. Month names are plain ASCII transliterations, so every PDF font can print
 * them. Stateless and thread-safe.
 */
public final class HijriDates {
    private static final String[] MONTHS = {"Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula",
        "Jumada al-Akhirah", "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah"};

    private HijriDates() {
    }

    /**
     * The Hijri date of {@code day}, e.g. {@code 1 Muharram 1447 AH} for 2025-06-26.
     *
     * @throws IllegalArgumentException outside the range of the Umm al-Qura tables (about 1882 to 2174 CE)
     */
    public static String format(LocalDate day) {
        HijrahDate hijri;
        try {
            hijri = HijrahDate.from(day);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no Umm al-Qura date for " + day + ": " + e.getMessage(), e);
        }
        return hijri.get(ChronoField.DAY_OF_MONTH) + " " + MONTHS[hijri.get(ChronoField.MONTH_OF_YEAR) - 1] + " "
                + hijri.get(ChronoField.YEAR) + " AH";
    }
}
