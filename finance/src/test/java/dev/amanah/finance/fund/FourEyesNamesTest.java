package dev.amanah.finance.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four-eyes rule on names as people write them: one person's name written another way (case,
 * Unicode normal form, invisible characters) cannot approve that person's plan.
 */
class FourEyesNamesTest {
    private static final Fund ZAKAT = new Fund("zakat-2025", "Zakat 2025", FundType.ZAKAT);
    private static final Recipient WIDOW = Recipient.ofZakat("r1", "Widow with three children", ZakatCategory.POOR);

    private static DistributionPlan preparedBy(String preparer) {
        return DistributionPlan.prepare("p1", ZAKAT, Money.of("100.00", "USD"),
                List.of(new Share(WIDOW, BigDecimal.ONE)), preparer, DistributionRules.defaults());
    }

    private static void assertRefused(String preparer, String approver) {
        assertThatThrownBy(() -> preparedBy(preparer).approve(approver))
                .as("%s approving the plan of %s", approver, preparer)
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPROVER_IS_PREPARER);
                    assertThat(e.field()).isEqualTo("approvedBy");
                });
    }

    /** Each pair is one name; lower-casing with Locale.ROOT alone told every one of them apart. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            José                 | Jose\u0301           | composed and decomposed accent (NFC, NFD)
            Weiß                 | WEISS                | German sharp s upper-cases to SS
            ΟΔΥΣΣΕΑΣ             | οδυσσεασ             | Greek final sigma
            İBRAHİM              | ibrahim              | Turkish dotted capital I
            Ångström             | \u212Bngström        | Angstrom sign for A with ring
            aisha                | ａｉｓｈａ           | full-width letters
            aisha                | aisha\u200B          | trailing zero-width space
            aisha                | \u00A0aisha\u00A0    | no-break spaces around
            """)
    void one_name_written_two_ways_is_one_person(String preparer, String approver, String why) {
        assertRefused(preparer, approver);
        assertRefused(approver, preparer);
    }

    @Test
    void different_people_stay_different() {
        assertThat(preparedBy("aisha").approve("aysha").approvedBy()).isEqualTo("aysha");
        assertThat(preparedBy("José").approve("Jesús").approvedBy()).isEqualTo("Jesús");
        assertThat(preparedBy("Ömer").approve("Omer").approvedBy()).isEqualTo("Omer");
    }

    @Test
    void a_name_of_only_invisible_or_no_break_spaces_is_nobody() {
        assertThatThrownBy(() -> preparedBy("aisha").approve("\u00A0\u200B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> preparedBy("\u2007\u200D")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void no_rewriting_of_the_preparers_name_approves_the_plan(@ForAll("names") String name, @ForAll("rewrites") int rewrite) {
        var other = switch (rewrite) {
            case 0 -> Normalizer.normalize(name, Normalizer.Form.NFD);
            case 1 -> name.toUpperCase(Locale.ROOT);
            case 2 -> name.toLowerCase(Locale.ROOT);
            case 3 -> Normalizer.normalize(name.toUpperCase(Locale.ROOT), Normalizer.Form.NFD);
            default -> "\u00A0" + name + "\u200B ";
        };
        assertRefused(name, other);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdeijnsuzABIJSéèüöçğışİßΣσςαωΩñÅåÆæÉ").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<Integer> rewrites() {
        return Arbitraries.integers().between(0, 4);
    }
}
