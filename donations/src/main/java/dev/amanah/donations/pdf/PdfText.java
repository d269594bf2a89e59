package dev.amanah.donations.pdf;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text as a PDF must receive it. PDFBox places glyphs left to right, one per character, and
 * shapes nothing; so a name in Arabic script is first shaped (each letter in its initial, medial,
 * final or isolated presentation form, lam-alef ligatures: ICU's {@link ArabicShaping}) and then
 * put in visual order (right-to-left runs reversed, the Unicode bidirectional algorithm: ICU's
 * {@link Bidi}, with mirroring of brackets, its directional marks and isolates then dropped).
 * Letters ICU's shaper has no forms for (Persian and Urdu ones) are given theirs by
 * {@link ArabicForms}. Text without right-to-left characters is returned as it is. The forms are
 * what a reader of the PDF's text gets back and what a face is chosen by; the letters drawn are
 * joined again by the face's own rules ({@link ArabicSpans}), as Unicode has no forms for some
 * letters. Stateless and thread-safe.
 */
public final class PdfText {
    private static final int SHAPING = ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
            | ArabicShaping.LENGTH_GROW_SHRINK;

    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    /** Unicode's Bidi_Control characters: the marks (ALM, LRM, RLM), embeddings and overrides, and isolates. */
    private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\x{061C}\\x{200E}\\x{200F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]");

    private PdfText() {
    }

    /**
     * {@code text} shaped and in visual order, ready for {@code showText}; whitespace becomes plain
     * spaces, and letters typed with combining accents become the precomposed letters (NFC), which
     * the faces have as glyphs of their own where they have no combining accents.
     */
    public static String visual(String text) {
        var plain = NFC.normalize(WHITESPACE.matcher(text).replaceAll(" "));
        if (!Bidi.requiresBidi(plain.toCharArray(), 0, plain.length())) {
            return BIDI_CONTROLS.matcher(plain).replaceAll(""); // isolates around left-to-right text
        }
        String shaped;
        try {
            shaped = new ArabicShaping(SHAPING).shape(plain);
        } catch (ArabicShapingException e) {
            shaped = plain; // unshaped letters still read, if less well: better than no receipt
        }
        // The directional marks and isolates have done their work once the text is in visual
        // order; left in, they print as '?' (no face has a glyph for an isolate).
        return new Bidi(ArabicForms.complete(shaped), Bidi.LEVEL_DEFAULT_LTR)
                .writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    }

    /** Whether {@code font} has a glyph for every character of {@code shown} (already {@link #visual}). */
    public static boolean canShow(PDFont font, String shown) {
        return shown.codePoints().allMatch(cp -> canShow(font, cp));
    }

    private static boolean canShow(PDFont font, int codePoint) {
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
