package dev.amanah.finance.fund;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * A distribution plan approved by a second person; only this, not a bare plan, can be booked.
 *
 * <p>The four-eyes rule compares the two names as people would read them, not as code points:
 * the same name typed on two keyboards must not pass for two people. So before comparing, both
 * are brought to Unicode compatibility form NFKC (a composed "é" and "e" + combining acute are one
 * letter; a no-break or full-width space is a space, full-width "Ａ" is "A"), case-folded
 * ("WEISS" and "Weiß", "ΟΔΥΣΣΕΑΣ" and "οδυσσεασ" are one name), stripped of invisible format
 * characters (zero-width space, joiners, bidirectional marks) and of surrounding blanks.
 * Names that differ only in ways a reader could miss are therefore the same person; two names
 * that merely look alike in some fonts (Latin "a" and Cyrillic "а") are not folded together.
 *
 * @param plan       the plan
 * @param approvedBy who approved it, never its preparer
 */
public record ApprovedDistribution(DistributionPlan plan, String approvedBy) {

    /**
     * @throws FinanceException {@code APPROVER_IS_PREPARER} (field {@code approvedBy})
     * @throws IllegalArgumentException if {@code approvedBy} is blank once normalised (also a
     *                                  no-break space): an approval by nobody is no second pair of eyes
     */
    public ApprovedDistribution {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (normalise(approvedBy).isEmpty()) {
            throw new IllegalArgumentException("plan " + plan.id() + " needs the name of who approved it");
        }
        if (samePerson(approvedBy, plan.preparedBy())) {
            throw new FinanceException(ErrorCode.APPROVER_IS_PREPARER, "approvedBy",
                    approvedBy + " prepared plan " + plan.id() + " and cannot also approve it");
        }
    }

    /**
     * Whether {@code one} and {@code other} name the same person for the four-eyes rule: equal
     * once normalised as the class comment says. Every check of the rule asks here, so the
     * service's early refusals and its pages agree with what the domain books.
     */
    public static boolean samePerson(String one, String other) {
        return normalise(one).equals(normalise(other));
    }

    /**
     * The name in the form the four-eyes rule compares. The JDK has no Unicode case folding, so
     * it is approximated by upper-casing then lower-casing: lower-casing alone keeps "ß" apart
     * from "ss" and a final "ς" apart from "σ", both of which upper-case to the same letters.
     * Case mapping may decompose ("İ" lower-cases to "i" + combining dot), hence NFKC once more.
     * Locale.ROOT, so the result does not depend on the machine's language (Turkish "I").
     * A combining dot above after "i" or "j" is dropped: those letters have their dot already, so
     * Turkish "İBRAHİM" (which lower-cases to i + dot) reads as "ibrahim". Format characters
     * (category Cf) are dropped: invisible, they would let "aisha" followed by a
     * zero-width space approve aisha's plan.
     */
    static String normalise(String person) {
        var compatible = Normalizer.normalize(person, Normalizer.Form.NFKC);
        var folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        var visible = new StringBuilder(folded.length());
        Normalizer.normalize(folded, Normalizer.Form.NFKC).replace("i\u0307", "i").replace("j\u0307", "j").codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(visible::appendCodePoint);
        return visible.toString().strip();
    }
}
