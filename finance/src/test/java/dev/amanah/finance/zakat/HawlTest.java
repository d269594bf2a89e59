package dev.amanah.finance.zakat;

import static dev.amanah.finance.zakat.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The year of possession, with the silver nisab of 595.00 USD (see {@link Fixtures}). */
class HawlTest {
    private static final ZakatPolicy ENDPOINTS = ZakatPolicy.defaults().withNisabStandard(NisabStandard.SILVER);
    private static final ZakatPolicy CONTINUOUS = ENDPOINTS.withHawlRule(HawlRule.CONTINUOUS);
    private static final LocalDate JUNE = LocalDate.of(2024, 6, 1);
    private static final LocalDate AUGUST = LocalDate.of(2024, 8, 1);

    @Test
    void zakat_day_is_the_hijri_anniversary_of_the_day_nisab_was_reached() {
        // 2024-03-11 is 1 Ramadan 1445; 1 Ramadan 1446 is 2025-03-01 (354 days later)
        assertThat(YearBasis.LUNAR.anniversary(LocalDate.of(2024, 3, 11))).isEqualTo(LocalDate.of(2025, 3, 1));
        // 30 Dhu al-Hijjah 1445 (2024-07-06) has no 30th in 1446: the anniversary is the 29th, 2025-06-25
        assertThat(YearBasis.LUNAR.anniversary(LocalDate.of(2024, 7, 6))).isEqualTo(LocalDate.of(2025, 6, 25));
    }

    @Test
    void each_zakat_day_is_an_anniversary_of_the_day_nisab_was_reached_not_of_the_zakat_day_before() {
        // 29 February 2020: the third anniversary is 28 February 2023, the fourth 29 February 2024
        var solar = ENDPOINTS.withYearBasis(YearBasis.SOLAR);
        var leap = LocalDate.of(2020, 2, 29);
        assertThat(request().cash("1000.00").policy(solar).reached(leap).on(LocalDate.of(2024, 2, 28)).assess())
                .isInstanceOfSatisfying(Assessment.Due.class, d -> assertThat(d.zakatDay()).isEqualTo(LocalDate.of(2023, 2, 28)));
        // 30 Dhu al-Hijjah 1445 (2024-07-06): 1446 lacks a 30th (29th: 2025-06-25), 1447 too
        // (2026-06-15), 1448 has one (2027-06-05), so on 2027-06-04 the third year still runs
        var thirtieth = LocalDate.of(2024, 7, 6);
        assertThat(YearBasis.LUNAR.anniversary(thirtieth, 3)).isEqualTo(LocalDate.of(2027, 6, 5));
        assertThat(request().cash("1000.00").policy(ENDPOINTS).reached(thirtieth).on(LocalDate.of(2027, 6, 4)).assess())
                .isInstanceOfSatisfying(Assessment.Due.class, d -> assertThat(d.zakatDay()).isEqualTo(LocalDate.of(2026, 6, 15)));
        // and a dip in that running year is not judged in the complete one before it
        var dipInTheRunningYear = request().cash("1000.00").policy(CONTINUOUS.withYearBasis(YearBasis.SOLAR)).reached(leap)
                .on(LocalDate.of(2024, 2, 28)).balance(LocalDate.of(2020, 3, 1), "1000.00")
                .balance(LocalDate.of(2023, 3, 10), "100.00").balance(LocalDate.of(2023, 4, 1), "1000.00").assess();
        assertThat(dipInTheRunningYear).isInstanceOf(Assessment.Due.class);
    }

    /** plusYears past year 999999999 threw a bare DateTimeException ("Invalid value for Year"). */
    @Test
    void a_solar_zakat_day_past_the_last_date_there_is_is_an_invalid_date() {
        var solar = ENDPOINTS.withYearBasis(YearBasis.SOLAR);
        var last = LocalDate.MAX.withMonth(6).withDayOfMonth(1);
        assertThatThrownBy(() -> YearBasis.SOLAR.anniversary(last))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
                    assertThat(e.field()).isEqualTo("nisabReachedOn");
                });
        assertThatThrownBy(() -> request().cash("1000.00").policy(solar).reached(last).on(LocalDate.MAX).assess())
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE));
        // a year that does complete before the end is still assessed
        var yearBefore = last.minusYears(1);
        assertThat(request().cash("1000.00").policy(solar).reached(yearBefore).on(LocalDate.MAX).assess())
                .isInstanceOfSatisfying(Assessment.Due.class, d -> assertThat(d.zakatDay()).isEqualTo(last));
    }

    /**
     * The years of a hawl are found by halving, not counted one by one: SOLAR dates may be two
     * billion years apart, which took seconds of CPU per assessment (the public calculator's
     * form takes any date). Over any span the zakat day is still the last anniversary on or
     * before the assessment date.
     */
    @Property(tries = 200)
    void the_zakat_day_is_the_last_anniversary_on_or_before_the_assessment_date_over_any_span(
            @ForAll @LongRange(min = -365_243_219_162L, max = 365_241_780_000L) long startDay,
            @ForAll @LongRange(min = 0, max = 730_485_000_000L) long laterBy) {
        var reached = LocalDate.ofEpochDay(startDay);
        var on = LocalDate.ofEpochDay(Math.min(startDay + laterBy, LocalDate.MAX.toEpochDay()));
        long years = ChronoUnit.YEARS.between(reached, on);
        if (reached.getYear() + years + 1 <= Year.MAX_VALUE && !reached.plusYears(years + 1).isAfter(on)) {
            years++; // 29 February: its anniversary in a common year is the 28th
        }
        var assessment = request().cash("1000.00").policy(ENDPOINTS.withYearBasis(YearBasis.SOLAR)).reached(reached).on(on).assess();
        if (years == 0) {
            assertThat(assessment).isInstanceOf(Assessment.NotDue.class);
        } else {
            var zakatDay = reached.plusYears(years);
            assertThat(assessment).isInstanceOfSatisfying(Assessment.Due.class, d -> assertThat(d.zakatDay()).isEqualTo(zakatDay));
        }
    }

    /** The same halving for the balances: one a billion years in is judged in the year it falls in. */
    @Test
    void a_balance_a_billion_years_into_the_hawl_is_judged_in_its_own_year() {
        var solar = CONTINUOUS.withYearBasis(YearBasis.SOLAR);
        var reached = LocalDate.of(-999_999_999, 1, 1);
        var on = LocalDate.of(999_999_999, 6, 1);
        var held = request().cash("1000.00").policy(solar).reached(reached).on(on)
                .balance(LocalDate.of(0, 6, 1), "1000.00").assess();
        assertThat(held).isInstanceOfSatisfying(Assessment.Due.class,
                d -> assertThat(d.zakatDay()).isEqualTo(LocalDate.of(999_999_999, 1, 1)));
        // below nisab for a day in year 0: the hawl starts again the day after
        var dipped = request().cash("1000.00").policy(solar).reached(reached).on(on)
                .balance(LocalDate.of(0, 6, 1), "100.00").balance(LocalDate.of(0, 6, 2), "1000.00").assess();
        assertThat(dipped).isInstanceOfSatisfying(Assessment.Due.class,
                d -> assertThat(d.zakatDay()).isEqualTo(LocalDate.of(999_999_998, 6, 2)));
    }

    @Test
    void the_day_before_the_zakat_day_the_hawl_is_incomplete() {
        var assessment = request().cash("1000.00").policy(ENDPOINTS).on(LocalDate.of(2025, 2, 28)).assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                .isEqualTo(new NotDueReason.HawlIncomplete(Fixtures.REACHED, Fixtures.LUNAR_ZAKAT_DAY)));
    }

    @Test
    void solar_year_is_not_complete_on_the_lunar_zakat_day() {
        var solar = ENDPOINTS.withYearBasis(YearBasis.SOLAR);
        var assessment = request().cash("1000.00").policy(solar).assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                .isEqualTo(new NotDueReason.HawlIncomplete(Fixtures.REACHED, LocalDate.of(2025, 3, 11))));
    }

    @Test
    void dip_below_nisab_in_mid_year_does_not_break_an_endpoints_hawl() {
        var assessment = request().cash("2000.00").policy(ENDPOINTS)
                .balance(JUNE, "300.00").balance(AUGUST, "2000.00").assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.Due.class,
                d -> assertThat(d.amountDue()).isEqualTo(Fixtures.usd("50.00")));
    }

    @Test
    void dip_below_nisab_in_mid_year_restarts_a_continuous_hawl() {
        // broken on 1 June, restarted on 1 August when 2000.00 ≥ 595.00: complete only a Hijri year after that
        var assessment = request().cash("2000.00").policy(CONTINUOUS)
                .balance(JUNE, "300.00").balance(AUGUST, "2000.00").assess();
        var restartedZakatDay = YearBasis.LUNAR.anniversary(AUGUST);
        assertThat(restartedZakatDay).isEqualTo(LocalDate.of(2025, 7, 21));
        assertThat(assessment).isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                .isEqualTo(new NotDueReason.HawlIncomplete(AUGUST, restartedZakatDay)));
        assertThat(assessment.explanation().toText()).contains("broken on 2024-06-01 and restarted");
    }

    @Test
    void continuous_hawl_never_below_nisab_is_complete() {
        var assessment = request().cash("2000.00").policy(CONTINUOUS)
                .balance(JUNE, "595.00").balance(AUGUST, "2000.00").assess();
        assertThat(assessment).isInstanceOf(Assessment.Due.class);
    }

    @Test
    void falling_to_zero_restarts_an_endpoints_hawl() {
        var assessment = request().cash("2000.00").policy(ENDPOINTS)
                .balance(JUNE, "0.00").balance(AUGUST, "2000.00").assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                .isEqualTo(new NotDueReason.HawlIncomplete(AUGUST, LocalDate.of(2025, 7, 21))));
    }

    @Test
    void falling_to_zero_without_reaching_nisab_again_leaves_the_hawl_broken() {
        var assessment = request().cash("500.00").policy(ENDPOINTS)
                .balance(JUNE, "0.00").balance(AUGUST, "500.00").assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                .isEqualTo(new NotDueReason.HawlBroken(JUNE)));
    }

    @Test
    void wealth_added_during_the_year_joins_it() {
        // 700.00 held all year, 4300.00 inherited a week before the zakat day: all 5000.00 is assessed
        var assessment = request().cash("5000.00").policy(CONTINUOUS)
                .balance(LocalDate.of(2024, 4, 1), "700.00").balance(LocalDate.of(2025, 2, 22), "5000.00").assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.Due.class,
                d -> assertThat(d.amountDue()).isEqualTo(Fixtures.usd("125.00")));
    }

    @Test
    void balances_after_the_zakat_day_belong_to_the_next_year() {
        var late = LocalDate.of(2025, 3, 10);
        var assessment = request().cash("2000.00").policy(CONTINUOUS).on(late)
                .balance(LocalDate.of(2025, 3, 5), "100.00").balance(LocalDate.of(2025, 3, 8), "2000.00").assess();
        assertThat(assessment).isInstanceOf(Assessment.Due.class);
    }

    @Test
    void a_dip_below_nisab_in_the_second_year_breaks_a_continuous_hawl() {
        // assessed on the second zakat day: the first year was held, the second was not (June to December)
        var secondZakatDay = YearBasis.LUNAR.anniversary(Fixtures.LUNAR_ZAKAT_DAY);
        var dip = LocalDate.of(2025, 6, 1);
        var back = LocalDate.of(2025, 12, 1);
        var assessment = request().cash("2000.00").policy(CONTINUOUS).on(secondZakatDay)
                .balance(dip, "100.00").balance(back, "2000.00").assess();
        assertThat(assessment).as(assessment.explanation().toText())
                .isInstanceOfSatisfying(Assessment.NotDue.class, n -> assertThat(n.reason())
                        .isEqualTo(new NotDueReason.HawlIncomplete(back, YearBasis.LUNAR.anniversary(back))));
        assertThat(assessment.explanation().toText()).contains("broken on 2025-06-01 and restarted");
    }

    @Test
    void a_hawl_held_for_two_years_completes_on_the_second_zakat_day() {
        var secondZakatDay = YearBasis.LUNAR.anniversary(Fixtures.LUNAR_ZAKAT_DAY);
        var assessment = request().cash("2000.00").policy(CONTINUOUS).on(secondZakatDay)
                .balance(LocalDate.of(2025, 6, 1), "700.00").balance(LocalDate.of(2025, 12, 1), "2000.00").assess();
        assertThat(assessment).isInstanceOfSatisfying(Assessment.Due.class,
                d -> assertThat(d.zakatDay()).isEqualTo(secondZakatDay));
        assertThat(assessment.explanation().toText()).contains("held since 1446-09-01 AH (2025-03-01)");
    }

    @Test
    void continuous_hawl_without_a_balance_history_is_refused() {
        assertThatThrownBy(() -> request().cash("2000.00").policy(CONTINUOUS).assess())
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MISSING_BALANCE_HISTORY);
                    assertThat(e.field()).isEqualTo("balanceHistory");
                });
    }

    @Test
    void dates_after_the_assessment_date_are_refused() {
        assertThatThrownBy(() -> request().cash("2000.00").balance(LocalDate.of(2025, 4, 1), "1.00").assess())
                .extracting(e -> ((FinanceException) e).field()).isEqualTo("balanceHistory[0].date");
        assertThatThrownBy(() -> request().cash("2000.00").on(LocalDate.of(2024, 1, 1)).assess())
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_DATE);
    }

    @Test
    void two_balances_on_one_day_are_refused_since_the_outcome_would_depend_on_their_order() {
        // "oldest first or in any order": given 0.00 then 1000.00 the hawl restarted on that day,
        // given 1000.00 then 0.00 it was broken for good; neither order can be the answer
        for (var request : java.util.List.of(
                request().cash("1000.00").policy(CONTINUOUS).balance(JUNE, "0.00").balance(JUNE, "1000.00"),
                request().cash("1000.00").policy(CONTINUOUS).balance(JUNE, "1000.00").balance(JUNE, "0.00"))) {
            assertThatThrownBy(request::assess).isInstanceOfSatisfying(FinanceException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
                assertThat(e.field()).isEqualTo("balanceHistory[1].date");
            });
        }
    }

    @Test
    void the_end_of_the_umm_al_qura_calendar_is_an_invalid_date_never_an_escaping_exception() {
        // 1599 AH: the first zakat day (2173-12-22) is in the calendar, the second (1601 AH) is not,
        // and is after any assessment date the calendar holds
        assertThat(request().cash("1000.00").policy(ENDPOINTS).reached(LocalDate.of(2173, 1, 1))
                .on(LocalDate.of(2174, 1, 10)).assess())
                .isInstanceOfSatisfying(Assessment.Due.class, d -> assertThat(d.zakatDay()).isEqualTo(LocalDate.of(2173, 12, 22)));
        // 1600 AH, the calendar's last year: its anniversary cannot be computed (the JDK threw an
        // ArrayIndexOutOfBoundsException)
        assertThatThrownBy(() -> request().cash("1000.00").policy(ENDPOINTS).reached(LocalDate.of(2174, 1, 1))
                .on(LocalDate.of(2174, 6, 1)).assess()).isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
                    assertThat(e.field()).isEqualTo("nisabReachedOn");
                });
        // the assessment date is the one outside the calendar, not 2020-01-01
        assertThatThrownBy(() -> request().cash("1000.00").policy(ENDPOINTS).reached(LocalDate.of(2020, 1, 1))
                .on(LocalDate.of(2180, 1, 1)).assess()).isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
                    assertThat(e.field()).isEqualTo("assessmentDate");
                    assertThat(e.detail()).isEqualTo("2180-01-01 is outside the Umm al-Qura calendar's range, 1882-11-12 to 2174-11-25");
                });
    }
}
