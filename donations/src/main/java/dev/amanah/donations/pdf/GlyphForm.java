package dev.amanah.donations.pdf;

import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * A shaped word ({@link Glyphs}) as a form XObject at a font size of 1000 (scaled to the size
 * wanted where it is drawn), in two layers:
 *
 * <ul>
 *   <li>what is seen: the glyphs' outline, filled;
 *   <li>what is read (copy and paste, search, {@code PDFTextStripper}): the word's characters in
 *       the order typed (a word in the Arabic script's as {@link PdfText#visual} gives them, which
 *       readers put back in reading order), each as the face's own glyph for it, invisible (text
 *       render mode 3) and stretched to just inside the shaped word's width.
 * </ul>
 *
 * <p>Why not the shaped glyphs as text: a conjunct or a reph is no character's glyph, and the
 * glyphs stand out of the characters' order (a vowel sign before its consonant), so read back
 * they gave the letters scrambled or missing; and PDFBox's content streams take text, never glyph
 * ids, and would shape it again by their own rules. The invisible layer is written here for the
 * same reason. The face is embedded as a subset of the word's characters.
 */
final class GlyphForm {
    /**
     * The invisible copy's width, as a share of the drawn word's. A mark that ends a word (a Thai
     * tone mark, Tamil's pulli) has no width; stretched to the word's full width, it stood where
     * the space after the word starts, and text extractors read it as a mark over that space
     * ("ใหม่ ดี" came back "ใหม ่ดี"). A hundredth short, it lies inside its word.
     */
    private static final float INSIDE_THE_WORD = 0.99f;

    private GlyphForm() {
    }

    /** {@code word}, shaped as {@code glyphs} in {@code face}, as a form of {@code document}. */
    static PDFormXObject of(PDDocument document, PDType0Font face, Glyphs glyphs, String word) throws IOException {
        var form = new PDFormXObject(document);
        form.setResources(new PDResources());
        var fontName = form.getResources().add(face);
        // Marks reach left of and above their glyph's place; the box only has to hold them all.
        form.setBBox(new PDRectangle(-1000, -1000, glyphs.advance() + 2000, 3000));
        var content = new ByteArrayOutputStream();
        fill(content, glyphs.outline());

        word.codePoints().forEach(face::addToSubset);
        float typedWidth = face.getStringWidth(word);
        float stretch = typedWidth > 0 ? 100 * INSIDE_THE_WORD * glyphs.advance() / typedWidth : 100;
        write(content, String.format(Locale.ROOT, "BT 3 Tr /%s 1000 Tf %.3f Tz <", fontName.getName(), stretch));
        content.writeBytes(hex(face.encode(word)));
        write(content, "> Tj ET\n");
        try (OutputStream out = form.getContentStream().createOutputStream(COSName.FLATE_DECODE)) { // outlines are long
            content.writeTo(out);
        }
        return form;
    }

    /** The path operators that fill {@code outline}, quadratic curves (TrueType's) raised to cubic ones. */
    private static void fill(ByteArrayOutputStream content, PathIterator outline) {
        var at = new double[6];
        double x = 0;
        double y = 0;
        while (!outline.isDone()) {
            int segment = outline.currentSegment(at);
            switch (segment) {
                case PathIterator.SEG_MOVETO -> write(content, point(at[0], at[1]) + " m\n");
                case PathIterator.SEG_LINETO -> write(content, point(at[0], at[1]) + " l\n");
                case PathIterator.SEG_QUADTO -> write(content, point(x + 2 * (at[0] - x) / 3, y + 2 * (at[1] - y) / 3) + " "
                        + point(at[2] + 2 * (at[0] - at[2]) / 3, at[3] + 2 * (at[1] - at[3]) / 3) + " " + point(at[2], at[3]) + " c\n");
                case PathIterator.SEG_CUBICTO -> write(content, point(at[0], at[1]) + " " + point(at[2], at[3]) + " "
                        + point(at[4], at[5]) + " c\n");
                default -> write(content, "h\n");
            }
            if (segment != PathIterator.SEG_CLOSE) { // where the next quadratic curve starts from
                int end = segment == PathIterator.SEG_QUADTO ? 2 : segment == PathIterator.SEG_CUBICTO ? 4 : 0;
                x = at[end];
                y = at[end + 1];
            }
            outline.next();
        }
        write(content, outline.getWindingRule() == PathIterator.WIND_EVEN_ODD ? "f*\n" : "f\n");
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.2f %.2f", x, y);
    }

    private static byte[] hex(byte[] codes) {
        var out = new StringBuilder();
        for (byte code : codes) {
            out.append(String.format("%02X", code & 0xFF));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
