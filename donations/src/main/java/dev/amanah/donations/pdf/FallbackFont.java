package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The faces for text a document's own faces cannot draw, bundled with this package: DejaVu Sans
 * 2.37 (Latin, Greek, Cyrillic, Hebrew, and the Arabic script with the presentation forms that
 * {@link PdfText#visual} shapes into, Persian, Pashto, Sindhi and Kurdish letters among them),
 * then Vazirmatn, for the Urdu letters DejaVu lacks (heh goal ہ, yeh barree ے and their forms).
 * Each in a regular and a bold weight. No bundled face draws Devanagari, Thai, Chinese, Japanese,
 * Korean or most emoji: a character no face has is printed as {@code ?}.
 *
 * <p>A face is loaded into the document on first need, as a subset, so documents in Latin script
 * stay as small as before. A font belongs to the document it was loaded into: not thread-safe, one
 * per document.
 */
public final class FallbackFont {
    private static final String DEJAVU = "DejaVuSans.ttf";
    private static final String DEJAVU_BOLD = "DejaVuSans-Bold.ttf";
    private static final String VAZIRMATN = "Vazirmatn-Regular.ttf";
    private static final String VAZIRMATN_BOLD = "Vazirmatn-Bold.ttf";
    private static final int FACES = 3;
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private final PDDocument document;
    private PDFont dejavu;
    private PDFont dejavuBold;
    private PDFont vazirmatn;
    private PDFont vazirmatnBold;

    /** A run of text and the face that draws all of it. */
    public record Run(PDFont font, String text) {
    }

    /** The fallback faces of {@code document}, not loaded yet. */
    public FallbackFont(PDDocument document) {
        this.document = document;
    }

    /** DejaVu Sans, or DejaVu Sans Bold: the first fallback face. */
    public PDFont of(boolean isBold) {
        if (isBold) {
            return dejavuBold != null ? dejavuBold : (dejavuBold = load(DEJAVU_BOLD));
        }
        return dejavu != null ? dejavu : (dejavu = load(DEJAVU));
    }

    private PDFont second(boolean isBold) {
        if (isBold) {
            return vazirmatnBold != null ? vazirmatnBold : (vazirmatnBold = load(VAZIRMATN_BOLD));
        }
        return vazirmatn != null ? vazirmatn : (vazirmatn = load(VAZIRMATN));
    }

    /**
     * {@code shown} (already {@link PdfText#visual}) cut into runs, left to right, each with a
     * face that draws every character of it; drawn one after the other they print the whole text.
     *
     * <p>Each word (and each space) is set in the first face of {@code preferred}, DejaVu Sans,
     * Vazirmatn that draws all of it, so the letters of a word join in one design. A word no face
     * draws whole is set character by character: a presentation form (a letter's joined form) that
     * no face has is printed as its plain letter (readable, standing apart), an invisible format
     * character no face has (the tags of an emoji flag, say) is left out, and any other character no face
     * has is printed as {@code ?} in {@code preferred}. Never fails on the text.
     */
    public List<Run> runs(PDFont preferred, boolean isBold, String shown) {
        var runs = new ArrayList<Run>();
        int start = 0;
        while (start < shown.length()) {
            boolean space = shown.charAt(start) == ' ';
            int end = start;
            while (end < shown.length() && (shown.charAt(end) == ' ') == space) {
                end++;
            }
            addSegment(runs, preferred, isBold, shown.substring(start, end));
            start = end;
        }
        return runs;
    }

    private void addSegment(List<Run> runs, PDFont preferred, boolean isBold, String segment) {
        var face = faceFor(preferred, isBold, segment);
        if (face != null) {
            add(runs, face, segment);
        } else {
            segment.codePoints().forEach(cp -> addCharacter(runs, preferred, isBold, cp));
        }
    }

    private void addCharacter(List<Run> runs, PDFont preferred, boolean isBold, int codePoint) {
        var face = faceFor(preferred, isBold, Character.toString(codePoint));
        if (face != null) {
            add(runs, face, Character.toString(codePoint));
            return;
        }
        var letter = plainLetter(codePoint);
        var letterFace = letter == null ? null : faceFor(preferred, isBold, letter);
        if (letterFace != null) {
            add(runs, letterFace, letter);
        } else if (!UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            add(runs, preferred, "?");
        }
    }

    /** The one letter a presentation form (initial, medial, final or isolated) stands for, or null. */
    private static String plainLetter(int codePoint) {
        int type = UCharacter.getIntPropertyValue(codePoint, UProperty.DECOMPOSITION_TYPE);
        boolean isForm = type == UCharacter.DecompositionType.INITIAL || type == UCharacter.DecompositionType.MEDIAL
                || type == UCharacter.DecompositionType.FINAL || type == UCharacter.DecompositionType.ISOLATED;
        var letter = isForm ? NFKC.getRawDecomposition(codePoint) : null;
        return letter != null && letter.codePointCount(0, letter.length()) == 1 ? letter : null;
    }

    /** The first face that draws all of {@code text}, or null. */
    private PDFont faceFor(PDFont preferred, boolean isBold, String text) {
        for (int rank = 0; rank < FACES; rank++) {
            var face = face(rank, preferred, isBold);
            if (PdfText.canShow(face, text)) {
                return face;
            }
        }
        return null;
    }

    /** The faces in the order they are tried; a fallback face is loaded only when its turn comes. */
    private PDFont face(int rank, PDFont preferred, boolean isBold) {
        return switch (rank) {
            case 0 -> preferred;
            case 1 -> of(isBold);
            default -> second(isBold);
        };
    }

    private static void add(List<Run> runs, PDFont face, String text) {
        if (!runs.isEmpty() && runs.getLast().font() == face) {
            runs.set(runs.size() - 1, new Run(face, runs.getLast().text() + text));
        } else {
            runs.add(new Run(face, text));
        }
    }

    private PDFont load(String name) {
        try (InputStream ttf = FallbackFont.class.getResourceAsStream(name)) {
            if (ttf == null) {
                throw new IllegalStateException(name + " is missing from the class path, beside " + FallbackFont.class.getName());
            }
            return PDType0Font.load(document, ttf, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
