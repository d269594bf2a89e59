package dev.amanah.donations.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * DejaVu Sans, the face for text the documents' own faces cannot draw: it covers Latin, Greek,
 * Cyrillic, Hebrew and Arabic (with the presentation forms that {@link PdfText#visual} shapes
 * into). Loaded into a document on first need, as a subset, so documents in Latin script stay as
 * small as before. A font belongs to the document it was loaded into: not thread-safe, one per
 * document.
 */
public final class FallbackFont {
    private static final String REGULAR = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    private static final String BOLD = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";

    private final PDDocument document;
    private PDFont regular;
    private PDFont bold;

    /** The fallback faces of {@code document}, not loaded yet. */
    public FallbackFont(PDDocument document) {
        this.document = document;
    }

    /** DejaVu Sans, or DejaVu Sans Bold. */
    public PDFont of(boolean isBold) {
        if (isBold) {
            return bold != null ? bold : (bold = load(BOLD));
        }
        return regular != null ? regular : (regular = load(REGULAR));
    }

    /** {@code preferred} if it can draw all of {@code shown} (already {@link PdfText#visual}), else the fallback face. */
    public PDFont forText(PDFont preferred, boolean isBold, String shown) {
        return PdfText.canShow(preferred, shown) ? preferred : of(isBold);
    }

    private PDFont load(String resource) {
        try (InputStream ttf = FallbackFont.class.getResourceAsStream(resource)) {
            if (ttf == null) {
                throw new IllegalStateException(resource + " is missing: the jasperreports-fonts jar must be on the class path");
            }
            return PDType0Font.load(document, ttf, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
