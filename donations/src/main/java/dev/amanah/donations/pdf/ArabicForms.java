package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.HashMap;
import java.util.Map;

/**
 * The joined forms of the Arabic-script letters that ICU's {@code ArabicShaping} leaves as they
 * are: Persian and Urdu ones among them (peh, tcheh, gaf, keheh, farsi yeh...). ICU does join its
 * own letters to them, by their joining type, but has no table for their presentation forms, so
 * "علی" came out as a medial lam beside a yeh standing apart. This pass gives each such letter the
 * form its neighbours call for, by the same rule.
 *
 * <p>The forms are read from Unicode itself (a presentation form decomposes, in NFKC, to its
 * letter, with the decomposition type naming the form), so no table is kept here. Stateless and
 * thread-safe.
 */
final class ArabicForms {
    private static final int ISOLATED = 0;
    private static final int FINAL = 1;
    private static final int INITIAL = 2;
    private static final int MEDIAL = 3;

    /** For each letter with presentation forms: its isolated, final, initial and medial forms (0 where there is none). */
    private static final Map<Character, char[]> FORMS = forms();

    private ArabicForms() {
    }

    /**
     * {@code shaped} (logical order, after ICU's shaping) with every letter still in its plain
     * form that has presentation forms replaced by the form its neighbours call for.
     */
    static String complete(String shaped) {
        var out = shaped.toCharArray();
        for (int i = 0; i < out.length; i++) {
            var forms = FORMS.get(shaped.charAt(i));
            if (forms != null) {
                boolean joinsBefore = joinsBackward(shaped.charAt(i)) && linksForward(shaped, neighbour(shaped, i, -1));
                boolean joinsAfter = joinsForward(shaped.charAt(i)) && linksBackward(shaped, neighbour(shaped, i, +1));
                out[i] = form(forms, joinsBefore, joinsAfter, shaped.charAt(i));
            }
        }
        return new String(out);
    }

    private static char form(char[] forms, boolean joinsBefore, boolean joinsAfter, char letter) {
        int wanted = joinsBefore ? (joinsAfter ? MEDIAL : FINAL) : (joinsAfter ? INITIAL : ISOLATED);
        // A letter without the wanted form (a font-poor one) falls back to the nearest it has.
        for (int form : new int[] {wanted, joinsBefore ? FINAL : INITIAL, ISOLATED}) {
            if (forms[form] != 0) {
                return forms[form];
            }
        }
        return letter;
    }

    /** The index of the nearest character in {@code direction} that is not transparent (a vowel mark), or -1. */
    private static int neighbour(String text, int from, int direction) {
        for (int i = from + direction; i >= 0 && i < text.length(); i += direction) {
            if (joiningType(text.charAt(i)) != UCharacter.JoiningType.TRANSPARENT) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the character at {@code i} reaches out to the one after it. */
    private static boolean linksForward(String text, int i) {
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        int shapedAs = decompositionType(c);
        if (shapedAs != UCharacter.DecompositionType.NONE) {
            return shapedAs == UCharacter.DecompositionType.INITIAL || shapedAs == UCharacter.DecompositionType.MEDIAL;
        }
        int type = joiningType(c);
        return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.JOIN_CAUSING;
    }

    /** Whether the character at {@code i} reaches out to the one before it. */
    private static boolean linksBackward(String text, int i) {
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        int shapedAs = decompositionType(c);
        if (shapedAs != UCharacter.DecompositionType.NONE) {
            return shapedAs == UCharacter.DecompositionType.FINAL || shapedAs == UCharacter.DecompositionType.MEDIAL;
        }
        return joinsBackward(c);
    }

    private static boolean joinsBackward(char c) {
        int type = joiningType(c);
        return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.RIGHT_JOINING
                || type == UCharacter.JoiningType.JOIN_CAUSING;
    }

    private static boolean joinsForward(char c) {
        int type = joiningType(c);
        return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.JOIN_CAUSING;
    }

    private static int joiningType(char c) {
        return UCharacter.getIntPropertyValue(c, UProperty.JOINING_TYPE);
    }

    private static int decompositionType(char c) {
        return UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
    }

    private static Map<Character, char[]> forms() {
        var nfkc = Normalizer2.getNFKCInstance();
        var forms = new HashMap<Character, char[]>();
        // Arabic Presentation Forms-A and -B (with the variation selectors and small forms between
        // them, which decompose to no Arabic letter): each single-letter form names its letter and its form.
        for (int c = 0xFB50; c <= 0xFEFF; c++) {
            add(forms, nfkc, (char) c);
        }
        return Map.copyOf(forms);
    }

    private static void add(Map<Character, char[]> forms, Normalizer2 nfkc, char c) {
        var letter = nfkc.getRawDecomposition(c);
        if (letter == null || letter.length() != 1) {
            return;
        }
        int slot = switch (decompositionType(c)) {
            case UCharacter.DecompositionType.ISOLATED -> ISOLATED;
            case UCharacter.DecompositionType.FINAL -> FINAL;
            case UCharacter.DecompositionType.INITIAL -> INITIAL;
            case UCharacter.DecompositionType.MEDIAL -> MEDIAL;
            default -> -1;
        };
        if (slot >= 0) {
            forms.computeIfAbsent(letter.charAt(0), k -> new char[4])[slot] = c;
        }
    }
}
