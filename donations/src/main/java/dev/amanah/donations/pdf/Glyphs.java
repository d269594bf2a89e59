package dev.amanah.donations.pdf;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.util.Arrays;

/**
 * A word shaped by OpenType's rules (GSUB and GPOS): the glyphs a face draws for it, in drawing
 * order, their outline in place, and the advance of the whole word; lengths in thousandths of the
 * font size, y upwards as in a PDF, from the start of the word on its baseline.
 *
 * <p>PDFBox draws a glyph a character, and the rules it applies for Bengali and Devanagari put the
 * reph (a र or র over the next consonant) on the letter before and misplace some vowel signs
 * (कार्तिक printed as कातर्कि, কর্মকার as র্কমকার); it places no marks (GPOS), so a Thai tone mark
 * over an upper vowel overprints it and กิ่ง reads กีง. The JDK's text layout (HarfBuzz) applies
 * both tables, so a word in those scripts is laid out by it and drawn as its outline
 * ({@link GlyphForm}); so is a word in the Arabic script, joined by the face's own rules
 * ({@link ArabicSpans} says why). Immutable.
 */
public final class Glyphs {
    /** The em size of the layout, so that lengths come out in thousandths of the font size. */
    private static final float EM = 1000;
    /** Fractional metrics and no transform: unrounded places, the same on every machine. */
    private static final FontRenderContext EXACT = new FontRenderContext(null, true, true);
    /** Java 2D's y grows downwards, a PDF's upwards. */
    private static final AffineTransform FLIP = AffineTransform.getScaleInstance(1, -1);

    private final int[] ids;
    private final GeneralPath outline;
    private final float advance;

    private Glyphs(int[] ids, GeneralPath outline, float advance) {
        this.ids = ids;
        this.outline = outline;
        this.advance = advance;
    }

    /**
     * {@code word} (in logical order, the order typed) laid out in {@code face} by the JDK's
     * OpenType shaper, as a word written left to right or, if {@code rightToLeft}, right to left;
     * either way the glyphs come in drawing order from the left.
     */
    static Glyphs shape(Font face, String word, boolean rightToLeft) {
        var chars = word.toCharArray();
        var layout = face.deriveFont(EM).layoutGlyphVector(EXACT, chars, 0, chars.length,
                rightToLeft ? Font.LAYOUT_RIGHT_TO_LEFT : Font.LAYOUT_LEFT_TO_RIGHT);
        var ids = layout.getGlyphCodes(0, layout.getNumGlyphs(), null);
        var outline = new GeneralPath(layout.getOutline());
        outline.transform(FLIP);
        return new Glyphs(ids, outline, (float) layout.getGlyphPosition(layout.getNumGlyphs()).getX());
    }

    /** The face's glyph ids, in drawing order (not always the order of the characters); 0 is the missing glyph. */
    public int[] ids() {
        return ids.clone();
    }

    /** Where the next word starts. */
    public float advance() {
        return advance;
    }

    /** The glyphs' outline, in place: a shape to fill by its winding rule. */
    PathIterator outline() {
        return outline.getPathIterator(null);
    }

    @Override
    public String toString() {
        return "Glyphs" + Arrays.toString(ids) + " advancing " + advance;
    }
}
