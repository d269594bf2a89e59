package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The faces for text a document's own faces cannot draw, bundled with this package
 * ({@link BundledFace}, tried in this order): DejaVu Sans 2.37 (Latin, Greek, Cyrillic, Hebrew,
 * and the Arabic script with the presentation forms that {@link PdfText#visual} shapes into,
 * Persian, Pashto, Sindhi and Kurdish letters among them), then Vazirmatn, for the Urdu letters
 * DejaVu lacks (heh goal ہ, yeh barree ے and their forms), then Noto Sans Devanagari, Bengali,
 * Thai, Tamil, Gurmukhi, Gujarati, Sinhala, Khmer, Telugu, Kannada, Malayalam and Oriya, each in a
 * regular and a bold weight, then Droid Sans Fallback (Chinese, Japanese), in one, then
 * NanumSquare (Korean), regular and bold. A word in
 * one of the Noto faces is shaped by OpenType's rules ({@link Run#glyphs}: conjuncts, reph, vowel
 * signs before their consonant or split round it, subscripts, stacked marks), which PDFBox's text
 * operators would not do right; so is a word in the Arabic script, right to left, joined by the
 * face's rules, letters Unicode has no joined forms for among them. No bundled face draws the
 * other scripts of South and South-East Asia (Tibetan, Myanmar...) or most emoji: a character no
 * face has is printed as {@code ?}.
 *
 * <p>A face is loaded into the document on first need, only for a word in a script it is for (a
 * word in Oriya loads Noto Sans Oriya and no other face, one in Latin script none), and embedded
 * as a subset, so documents in Latin script stay as small and as quick as before. A font belongs to the document it was loaded into: not thread-safe, one
 * per document.
 */
public final class FallbackFont {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final BundledFace[] FACES = BundledFace.values();

    private final PDDocument document;
    /** The bundled faces loaded so far, regular ones at the face's ordinal, bold ones after them (one with no bold of its own at its regular slot). */
    private final PDFont[] loaded = new PDFont[2 * FACES.length];
    private final Map<PDFont, BundledFace> bundledFaces = new IdentityHashMap<>();

    /**
     * A run of text and the face that draws all of it.
     *
     * @param font   the face
     * @param text   the characters, in visual order (as {@link PdfText#visual} gives them)
     * @param glyphs the run as OpenType shapes it in {@code font}, drawn as its outline by
     *               {@link TextLine}; null for a run the PDF's text operators show as it is
     */
    public record Run(PDFont font, String text, Glyphs glyphs) {
        /** A run shown as text, a glyph a character. */
        public Run(PDFont font, String text) {
            this(font, text, null);
        }

        /** How wide the run prints at {@code size}. */
        public float width(float size) throws IOException {
            return (glyphs == null ? font.getStringWidth(text) : glyphs.advance()) / 1000 * size;
        }
    }

    /** The fallback faces of {@code document}, not loaded yet. */
    public FallbackFont(PDDocument document) {
        this.document = document;
    }

    /** DejaVu Sans, or DejaVu Sans Bold: the first fallback face. */
    public PDFont of(boolean isBold) {
        return bundled(BundledFace.DEJAVU, isBold);
    }

    private PDFont bundled(BundledFace face, boolean isBold) {
        int slot = face.ordinal() + (isBold && face.hasBold() ? FACES.length : 0);
        if (loaded[slot] == null) {
            loaded[slot] = load(face, isBold);
            bundledFaces.put(loaded[slot], face);
        }
        return loaded[slot];
    }

    /** The bundled faces loaded into this document so far, in their order: what a document pays for. */
    Set<BundledFace> loadedFaces() {
        var faces = EnumSet.noneOf(BundledFace.class);
        faces.addAll(bundledFaces.values());
        return faces;
    }

    /**
     * {@code shown} (already {@link PdfText#visual}) cut into runs, left to right, each with a
     * face that draws every character of it; drawn one after the other ({@link TextLine#show}) they
     * print the whole text.
     *
     * <p>Each word (and each space) is set in the first face, {@code preferred} then the bundled
     * ones in their order, that draws all of it, so the letters of a word join in one design; a
     * run in a Noto face comes shaped ({@link Run#glyphs}), and so does a word in the Arabic
     * script, a run of its own apart from any bracket, digit or punctuation beside it. A word no
     * face draws whole is set character by character: a presentation form (a letter's joined form) that
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
        return runs.stream().flatMap(run -> shaped(run, isBold)).toList();
    }

    /**
     * {@code run} shaped, if its face is one whose words are; in the other bundled faces, cut
     * round its words in the Arabic script, which are shaped right to left.
     */
    private Stream<Run> shaped(Run run, boolean isBold) {
        var face = bundledFaces.get(run.font());
        if (face == null) {
            return Stream.of(run);
        }
        if (face.shaped()) {
            return Stream.of(new Run(run.font(), run.text(), face.shape(isBold, run.text(), false)));
        }
        return ArabicSpans.of(run.text()).stream().map(span -> span.typed() == null
                ? new Run(run.font(), span.shown())
                : arabic(run.font(), face, isBold, span));
    }

    private static Run arabic(PDFont font, BundledFace face, boolean isBold, ArabicSpans.Span span) {
        var glyphs = face.shape(isBold, span.typed(), true);
        // The face was chosen for the presentation forms; should it lack a plain letter's glyph,
        // the forms, shown as text, are the better print.
        return Arrays.stream(glyphs.ids()).anyMatch(id -> id == 0) ? new Run(font, span.shown()) : new Run(font, span.shown(), glyphs);
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
        if (PdfText.canShow(preferred, text)) {
            return preferred;
        }
        // Loading a face parses it, and saving the document subsets it, whether it draws or not.
        var letterScripts = Scripts.ofLetters(text);
        for (var face : FACES) {
            if (!face.isFor(letterScripts)) {
                continue;
            }
            var font = bundled(face, isBold);
            if (PdfText.canShow(font, text)) {
                return font;
            }
        }
        return null;
    }

    private static void add(List<Run> runs, PDFont face, String text) {
        if (!runs.isEmpty() && runs.getLast().font() == face) {
            runs.set(runs.size() - 1, new Run(face, runs.getLast().text() + text));
        } else {
            runs.add(new Run(face, text));
        }
    }

    private PDFont load(BundledFace face, boolean isBold) {
        try {
            return PDType0Font.load(document, new ByteArrayInputStream(face.bytes(isBold)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
