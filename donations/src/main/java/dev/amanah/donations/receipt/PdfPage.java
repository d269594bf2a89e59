package dev.amanah.donations.receipt;

import dev.amanah.donations.pdf.Clusters;
import dev.amanah.donations.pdf.FallbackFont;
import dev.amanah.donations.pdf.LineBreaks;
import dev.amanah.donations.pdf.PdfText;
import dev.amanah.donations.pdf.TextLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * One A4 page being drawn, with the two faces receipts use: {@link Face#BOLD} (Helvetica Bold, for
 * our own labels) and {@link Face#REGULAR} (Liberation Sans, shipped inside PDFBox and embedded as
 * a subset, for data: it covers Latin, Greek and Cyrillic names). All text is shaped and ordered by
 * {@link PdfText}; a word the face cannot draw (a name in Arabic script, for one) is set in the
 * document's {@link FallbackFont} faces, and a character no face has is printed as {@code ?} rather
 * than failing the receipt. Coordinates are PDF points from the bottom-left corner. Not thread-safe:
 * one document, one thread.
 */
final class PdfPage implements AutoCloseable {
    /** A4 width and height, in points. */
    static final float WIDTH = PDRectangle.A4.getWidth();
    static final float HEIGHT = PDRectangle.A4.getHeight();
    static final float MARGIN = 56;

    /** The two typefaces. */
    enum Face { REGULAR, BOLD }

    /** Colours, as RGB from 0 to 1. */
    record Colour(float r, float g, float b) {
        static final Colour INK = new Colour(0.13f, 0.13f, 0.13f);
        static final Colour MUTED = new Colour(0.42f, 0.42f, 0.42f);
        static final Colour ACCENT = new Colour(0.05f, 0.40f, 0.30f);
        static final Colour PALE = new Colour(0.93f, 0.96f, 0.94f);
        static final Colour WARNING = new Colour(0.99f, 0.95f, 0.85f);
    }

    /** The fonts of one document (a Type 0 font belongs to the document it was loaded into). */
    record Fonts(PDFont regular, PDFont bold, FallbackFont fallback, TextLine line) {
        static Fonts load(PDDocument document) {
            try (InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                if (ttf == null) {
                    throw new IllegalStateException("LiberationSans-Regular.ttf is missing from PDFBox's jar");
                }
                return new Fonts(PDType0Font.load(document, ttf, true), new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD),
                        new FallbackFont(document), new TextLine(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code shown} in runs, each in the face's font or, where that cannot draw it, a fallback face. */
        List<FallbackFont.Run> runs(Face face, String shown) {
            return fallback.runs(face == Face.BOLD ? bold : regular, face == Face.BOLD, shown);
        }
    }

    private final Fonts fonts;
    private final PDPageContentStream content;

    PdfPage(PDDocument document, Fonts fonts) throws IOException {
        this.fonts = fonts;
        var page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        this.content = new PDPageContentStream(document, page);
    }

    /** Writes {@code text} with its left end at {@code x}. */
    void text(float x, float y, Face face, float size, Colour colour, String text) throws IOException {
        content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
        fonts.line().show(content, x, y, size, fonts.runs(face, PdfText.visual(text)));
    }

    /** Writes {@code text} with its right end at {@code right}. */
    void rightText(float right, float y, Face face, float size, Colour colour, String text) throws IOException {
        text(right - width(face, size, text), y, face, size, colour, text);
    }

    /** The printed width of {@code text}. */
    float width(Face face, float size, String text) throws IOException {
        return TextLine.width(fonts.runs(face, PdfText.visual(text)), size);
    }

    /**
     * {@code text} cut with an ellipsis to fit {@code maxWidth}, between {@link Clusters} (never
     * inside a letter with its marks, an Indic syllable, or an emoji); whole if it fits.
     */
    String fit(Face face, float size, String text, float maxWidth) throws IOException {
        if (width(face, size, text) <= maxWidth) {
            return text;
        }
        var cut = text;
        while (!cut.isEmpty() && width(face, size, cut + "...") > maxWidth) {
            cut = Clusters.withoutLast(cut);
        }
        return cut + "...";
    }

    /**
     * {@code text} broken into lines no wider than {@code maxWidth}, every character kept: at the
     * last {@link LineBreaks line break opportunity} that fits (after a space, or between two words
     * of a script written without spaces, such as Thai), or, in a word longer than the line (an
     * e-mail address), where the line is full, between {@link Clusters}. Breaks in the logical
     * text, so each line of right-to-left text is ordered on its own.
     */
    List<String> wrap(Face face, float size, String text, float maxWidth) throws IOException {
        var lines = new ArrayList<String>();
        var rest = text.strip();
        while (width(face, size, rest) > maxWidth) {
            int full = Clusters.next(rest, 0); // at least one letter a line, however narrow
            while (full < rest.length() && width(face, size, rest.substring(0, Clusters.next(rest, full))) <= maxWidth) {
                full = Clusters.next(rest, full);
            }
            int between = LineBreaks.lastAtOrBefore(rest, full);
            int end = between > 0 ? between : full;
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        if (lines.isEmpty() || !rest.isEmpty()) { // a last letter wider than the line left nothing over
            lines.add(rest);
        }
        return lines;
    }

    /** A horizontal rule. */
    void rule(float x1, float x2, float y, float thickness, Colour colour) throws IOException {
        content.setStrokingColor(colour.r(), colour.g(), colour.b());
        content.setLineWidth(thickness);
        content.moveTo(x1, y);
        content.lineTo(x2, y);
        content.stroke();
    }

    /** A filled rectangle. */
    void box(float x, float y, float width, float height, Colour colour) throws IOException {
        content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
        content.addRect(x, y, width, height);
        content.fill();
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
