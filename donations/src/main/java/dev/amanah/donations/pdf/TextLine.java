package dev.amanah.donations.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a line of {@link FallbackFont.Run runs}, one after the other from a point on the baseline,
 * in the colour the content stream has set. A run the PDF's text operators can show is shown as
 * text; a shaped run ({@link FallbackFont.Run#glyphs}) is drawn as its glyphs' outline, over an
 * invisible copy of its characters ({@link GlyphForm}). Either way, the text layer reads back the
 * run's characters in order. A shaped word's form is made once a document, however often the word
 * is drawn (a campaign's name in every page's footer). Belongs to one document: not thread-safe.
 */
public final class TextLine {
    private final PDDocument document;
    private final Map<Word, PDFormXObject> forms = new HashMap<>();

    /** A word in a face: its form is the same at any size, the form being scaled where it is drawn. */
    private record Word(PDFont font, String text) {
    }

    /** Draws lines into {@code document}. */
    public TextLine(PDDocument document) {
        this.document = document;
    }

    /**
     * Draws {@code runs} at {@code size} from ({@code x}, {@code baseline}) on {@code content}, a
     * content stream of this line's document, outside any text object (BT ... ET).
     */
    public void show(PDPageContentStream content, float x, float baseline, float size,
            List<FallbackFont.Run> runs) throws IOException {
        float at = x;
        for (var run : runs) {
            if (run.glyphs() == null) {
                content.beginText();
                content.setFont(run.font(), size);
                content.newLineAtOffset(at, baseline);
                content.showText(run.text());
                content.endText();
            } else {
                // Only a content stream's setFont enrols a face for subsetting when the document is
                // saved; a text state operator, it is allowed here, outside a text object.
                content.setFont(run.font(), size);
                content.saveGraphicsState();
                content.transform(new Matrix(size / 1000, 0, 0, size / 1000, at, baseline));
                content.drawForm(forms.computeIfAbsent(new Word(run.font(), run.text()), word -> form(run)));
                content.restoreGraphicsState();
            }
            at += run.width(size);
        }
    }

    private PDFormXObject form(FallbackFont.Run run) {
        try {
            return GlyphForm.of(document, (PDType0Font) run.font(), run.glyphs(), run.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How wide {@code runs} print at {@code size}, in the units of the size. */
    public static float width(List<FallbackFont.Run> runs, float size) throws IOException {
        float width = 0;
        for (var run : runs) {
            width += run.width(size);
        }
        return width;
    }
}
