package dev.amanah.donations.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * a subset, for data: it covers Latin, Greek and Cyrillic names). A character a face cannot draw
 * (Arabic script, for one: PDFBox does not shape it) is printed as {@code ?} rather than failing
 * the receipt; bold text that Helvetica cannot draw is set in the regular face. Coordinates are PDF points from the bottom-left corner. Not thread-safe: one
 * document, one thread.
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
    record Fonts(PDFont regular, PDFont bold) {
        static Fonts load(PDDocument document) {
            try (InputStream ttf = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                if (ttf == null) {
                    throw new IllegalStateException("LiberationSans-Regular.ttf is missing from PDFBox's jar");
                }
                return new Fonts(PDType0Font.load(document, ttf, true), new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        PDFont of(Face face) {
            return face == Face.BOLD ? bold : regular;
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
        var font = font(face, text);
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
        content.newLineAtOffset(x, y);
        content.showText(printable(font, text));
        content.endText();
    }

    /** Writes {@code text} with its right end at {@code right}. */
    void rightText(float right, float y, Face face, float size, Colour colour, String text) throws IOException {
        text(right - width(face, size, text), y, face, size, colour, text);
    }

    /** The printed width of {@code text}. */
    float width(Face face, float size, String text) throws IOException {
        var font = font(face, text);
        return font.getStringWidth(printable(font, text)) / 1000 * size;
    }

    /** {@code text} cut with an ellipsis to fit {@code maxWidth}. */
    String fit(Face face, float size, String text, float maxWidth) throws IOException {
        if (width(face, size, text) <= maxWidth) {
            return text;
        }
        var cut = text;
        while (!cut.isEmpty() && width(face, size, cut + "...") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    /** The face's font, or the regular one if the bold cannot draw all of {@code text} (Helvetica has only Latin-1). */
    private PDFont font(Face face, String text) {
        var font = fonts.of(face);
        return face == Face.BOLD && !printable(font, text).equals(text.replaceAll("\\s", " ")) ? fonts.regular() : font;
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

    /** {@code text} with every character {@code font} cannot draw replaced by {@code ?}. */
    static String printable(PDFont font, String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            var one = Character.toString(Character.isWhitespace(cp) ? ' ' : cp);
            try {
                font.encode(one);
                out.append(one);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
