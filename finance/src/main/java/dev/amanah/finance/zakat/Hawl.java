package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Checks the year of possession against a history of holdings (money or grams alike).
 *
 * <p>The history is a step function: each point's value holds from its day until the next point;
 * before the first point, wealth is taken to be at nisab (the hawl starts on the day nisab was
 * reached). Walking the points in date order, a point that breaks the rule (ENDPOINTS: zero or
 * less; CONTINUOUS: below nisab) ends the hawl; the next point at or above nisab starts a new one.
 * A hawl that completes rolls into its next year, year after year, as long as that year too
 * completes by the assessment date: the year assessed is the last one complete on that date (or
 * the first, still running). Points on or after the assessed year's anniversary belong to the
 * next year and are not looked at.
 */
final class Hawl {
    private Hawl() {
    }

    /** One observed holding. */
    record Point(LocalDate on, BigDecimal value) {
    }

    /** What the check found. */
    sealed interface Outcome {
        /**
         * The year from {@code start} (the day nisab was reached or regained, or the anniversary
         * that began the year) completed on {@code zakatDay}, the last anniversary on or before
         * the assessment date; {@code brokenOn} is the break before a restart on {@code start},
         * or null.
         */
        record Complete(LocalDate start, LocalDate zakatDay, LocalDate brokenOn) implements Outcome {
        }

        /** The hawl from {@code start} completes on {@code zakatDay}, after the assessment date. */
        record Incomplete(LocalDate start, LocalDate zakatDay, LocalDate brokenOn) implements Outcome {
        }

        /** Broken on {@code brokenOn}, not restarted by the assessment date. */
        record Broken(LocalDate brokenOn) implements Outcome {
        }
    }

    static Outcome check(HawlRule rule, YearBasis basis, LocalDate reached, LocalDate assessment,
                         List<Point> history, BigDecimal nisab) {
        if (reached.isAfter(assessment)) {
            throw new FinanceException(ErrorCode.INVALID_DATE, "nisabReachedOn",
                    reached + " is after the assessment date " + assessment);
        }
        basis.requireInCalendar(assessment, "assessmentDate");
        if (rule == HawlRule.CONTINUOUS && history.isEmpty()) {
            throw new FinanceException(ErrorCode.MISSING_BALANCE_HISTORY, "balanceHistory",
                    "a CONTINUOUS hawl needs the balances held during the year");
        }
        var firstOn = new HashMap<LocalDate, Integer>();
        for (var i = 0; i < history.size(); i++) {
            if (history.get(i).on().isAfter(assessment)) {
                throw new FinanceException(ErrorCode.INVALID_DATE, "balanceHistory[" + i + "].date",
                        history.get(i).on() + " is after the assessment date " + assessment);
            }
            // Two values from one day: which held depends on the order given, which must not matter.
            var earlier = firstOn.putIfAbsent(history.get(i).on(), i);
            if (earlier != null) {
                throw new FinanceException(ErrorCode.INVALID_DATE, "balanceHistory[" + i + "].date",
                        history.get(i).on() + " already has a balance, balanceHistory[" + earlier + "]: one balance a day");
            }
        }
        var points = history.stream().sorted(Comparator.comparing(Point::on)).toList();
        // The hawl's years count from the day nisab was reached or regained (origin): its n-th
        // anniversary, not the anniversary of the (n-1)-th, which a day lacking in one year would
        // shorten for good. years: the whole years held before the one being walked.
        LocalDate origin = reached;
        int years = 0;
        LocalDate brokenOn = null;
        for (var point : points) {
            if (!point.on().isAfter(reached)) {
                continue;
            }
            if (origin == null) {
                if (point.value().compareTo(nisab) >= 0) {
                    origin = point.on();
                    years = 0;
                }
                continue;
            }
            // A point past the year's anniversary is judged in the year it falls in, if that year
            // completes by the assessment date: each year of possession is checked, not only the first.
            var from = origin;
            int judgedIn = firstStop(years, y -> yearCompletes(basis, from, y + 2, assessment)
                    && !point.on().isBefore(basis.anniversary(from, y + 1)));
            if (judgedIn > years) {
                years = judgedIn;
                brokenOn = null;
            }
            if (!point.on().isBefore(basis.anniversary(origin, years + 1))) {
                break; // in the year still running on the assessment date, which is assessed next time
            }
            if (breaks(rule, point.value(), nisab)) {
                brokenOn = point.on();
                origin = null;
            }
        }
        if (origin == null) {
            return new Outcome.Broken(brokenOn);
        }
        // years after the last point were held throughout (the step function keeps its value)
        var from = origin;
        int assessed = firstStop(years, y -> yearCompletes(basis, from, y + 2, assessment));
        if (assessed > years) {
            years = assessed;
            brokenOn = null;
        }
        var start = basis.anniversary(origin, years);
        var zakatDay = basis.anniversary(origin, years + 1);
        return assessment.isBefore(zakatDay)
                ? new Outcome.Incomplete(start, zakatDay, brokenOn)
                : new Outcome.Complete(start, zakatDay, brokenOn);
    }

    /**
     * What {@code while (goesOn.test(years)) years++} would return, for a {@code goesOn} that holds
     * up to some count and never after, in a number of tests logarithmic in the distance: the years
     * walked can be hundreds of millions (SOLAR dates may span year -999999999 to 999999999), which
     * counting one by one took seconds of CPU per assessment, from a public form.
     */
    private static int firstStop(int years, IntPredicate goesOn) {
        if (!goesOn.test(years)) {
            return years;
        }
        long holds = years; // goesOn(holds) is true; goesOn(stops) is false
        long stops = MOST_YEARS + 1L;
        for (long step = 1; holds + step <= MOST_YEARS; step *= 2) {
            if (!goesOn.test((int) (holds + step))) {
                stops = holds + step;
                break;
            }
            holds += step;
        }
        while (stops - holds > 1) {
            long middle = (holds + stops) >>> 1;
            if (goesOn.test((int) middle)) {
                holds = middle;
            } else {
                stops = middle;
            }
        }
        return (int) stops;
    }

    /** More years than any two dates are apart; the predicates above add 2 to it without overflow. */
    private static final int MOST_YEARS = Integer.MAX_VALUE - 2;

    /** Whether the {@code year}-th year from {@code origin} ends on or before the assessment date. */
    private static boolean yearCompletes(YearBasis basis, LocalDate origin, int year, LocalDate assessment) {
        return basis.reachedBy(origin, year, assessment);
    }

    /**
     * Why nothing is due, if anything: the hawl first, then the holding against nisab (equality
     * counts as reaching it). Empty when zakat is due.
     */
    static Optional<NotDueReason> notDueReason(Outcome outcome, BigDecimal held, BigDecimal nisab) {
        return Optional.ofNullable(switch (outcome) {
            case Outcome.Broken(var brokenOn) -> new NotDueReason.HawlBroken(brokenOn);
            case Outcome.Incomplete(var start, var zakatDay, var brokenOn) -> new NotDueReason.HawlIncomplete(start, zakatDay);
            case Outcome.Complete c when held.signum() <= 0 -> new NotDueReason.NoNetWealth(held);
            case Outcome.Complete c when held.compareTo(nisab) < 0 -> new NotDueReason.BelowNisab(held, nisab);
            case Outcome.Complete c -> null;
        });
    }

    private static boolean breaks(HawlRule rule, BigDecimal value, BigDecimal nisab) {
        return switch (rule) {
            case ENDPOINTS -> value.signum() <= 0;
            case CONTINUOUS -> value.compareTo(nisab) < 0;
        };
    }

    /** The hawl step of an explanation. */
    static Step step(Outcome outcome, HawlRule rule, YearBasis basis) {
        var ruleText = switch (rule) {
            case ENDPOINTS -> "ENDPOINTS rule: nisab at start and end, a fall to zero restarts";
            case CONTINUOUS -> "CONTINUOUS rule: never below nisab during the year";
        };
        var detail = switch (outcome) {
            case Outcome.Complete(var start, var zakatDay, var brokenOn) ->
                    restart(brokenOn) + "held since " + basis.describe(start) + ", complete on "
                            + basis.describe(zakatDay);
            case Outcome.Incomplete(var start, var zakatDay, var brokenOn) ->
                    restart(brokenOn) + "held since " + basis.describe(start) + ", not complete until "
                            + basis.describe(zakatDay);
            case Outcome.Broken(var brokenOn) -> "broken on " + brokenOn + ", nisab not reached again";
        };
        return new Step(StepKind.HAWL, "hawl (" + basis + " year)", null, "", detail + "; " + ruleText);
    }

    private static String restart(LocalDate brokenOn) {
        return brokenOn == null ? "" : "broken on " + brokenOn + " and restarted: ";
    }
}
