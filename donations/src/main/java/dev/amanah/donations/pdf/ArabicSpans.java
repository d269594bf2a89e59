package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of text in visual order ({@link PdfText#visual}) cut into the spans that are words in the
 * Arabic script and the spans that are not, each Arabic one with its letters as typed, so that a
 * face can join them by its own rules ({@link Glyphs#shape}, right to left).
 *
 * <p>Why not the presentation forms the text already holds: Unicode has none for many letters
 * (Pashto ټ ڼ, Sindhi ڄ ڃ ڇ, Kurdish ڵ ێ...), so those stood apart in the middle of a word, though
 * the bundled faces join them. A span of Arabic letters and marks, side by side in visual order,
 * is one right-to-left run reversed, so reversing it again and taking each presentation form back
 * to its letters gives the letters as typed. Digits are left out of the spans (they run left to
 * right inside a right-to-left word), and so is punctuation. Stateless and thread-safe.
 */
final class ArabicSpans {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    /**
     * A part of a run.
     *
     * @param shown the characters as the run holds them (visual order, presentation forms)
     * @param typed an Arabic-script word's letters and marks in the order typed, plain letters
     *              rather than presentation forms; null for a span that is not one
     */
    record Span(String shown, String typed) {
    }

    private ArabicSpans() {
    }

    /** {@code shown} cut into spans, left to right; their {@code shown} parts joined give it back. */
    static List<Span> of(String shown) {
        var spans = new ArrayList<Span>();
        int start = 0;
        while (start < shown.length()) {
            boolean arabic = inWord(shown.codePointAt(start));
            int end = start;
            while (end < shown.length() && inWord(shown.codePointAt(end)) == arabic) {
                end += Character.charCount(shown.codePointAt(end));
            }
            var part = shown.substring(start, end);
            spans.add(new Span(part, arabic ? typed(part) : null));
            start = end;
        }
        return spans;
    }

    /** Whether a word in the Arabic script is shaped with {@code codePoint} in it: its letters, marks, tatweel and joiners. */
    private static boolean inWord(int codePoint) {
        if (codePoint == ZWNJ || codePoint == ZWJ) {
            return true;
        }
        int type = UCharacter.getType(codePoint);
        boolean letterOrMark = type == UCharacter.OTHER_LETTER || type == UCharacter.MODIFIER_LETTER
                || type == UCharacter.NON_SPACING_MARK || type == UCharacter.COMBINING_SPACING_MARK;
        return letterOrMark && UScript.hasScript(codePoint, UScript.ARABIC);
    }

    private static String typed(String visual) {
        var typed = new StringBuilder();
        new StringBuilder(visual).reverse().codePoints().forEach(cp -> {
            var letters = isPresentationForm(cp) ? NFKC.getRawDecomposition(cp) : Character.toString(cp);
            // An isolated mark's form decomposes to a space and the mark; the space is no part of the word.
            letters.codePoints().filter(ArabicSpans::inWord).forEach(typed::appendCodePoint);
        });
        return typed.toString();
    }

    private static boolean isPresentationForm(int codePoint) {
        int type = UCharacter.getIntPropertyValue(codePoint, UProperty.DECOMPOSITION_TYPE);
        return type == UCharacter.DecompositionType.INITIAL || type == UCharacter.DecompositionType.MEDIAL
                || type == UCharacter.DecompositionType.FINAL || type == UCharacter.DecompositionType.ISOLATED;
    }
}
