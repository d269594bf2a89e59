package dev.amanah.donations.pdf;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faces bundled beside this class (with their licences), in the order {@link FallbackFont} tries
 * them, each in a regular and a bold weight. The faces of scripts whose letters change shape and
 * order as they combine (the Indic scripts, Sinhala and Khmer; Thai, whose marks stack) are
 * {@link #shaped}: their words are laid out by {@link Glyphs#shape}. In the other faces only words
 * in the Arabic script are, to be joined ({@link ArabicSpans}). Thread-safe.
 */
enum BundledFace {
    /** DejaVu Sans 2.37: Latin, Greek, Cyrillic, Hebrew, and Arabic script in presentation forms. */
    DEJAVU("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", false),
    /** Vazirmatn: the Urdu letters DejaVu lacks (heh goal, yeh barree and their forms). */
    VAZIRMATN("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", false),
    /** Noto Sans Devanagari 2.001: Hindi, Marathi, Nepali. */
    DEVANAGARI("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", true),
    /** Noto Sans Bengali 2.001: Bengali, Assamese. */
    BENGALI("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", true),
    /** Noto Sans Thai 2.000. */
    THAI("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", true),
    /** Noto Sans Tamil 2.001. */
    TAMIL("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", true),
    /** Noto Sans Gurmukhi 2.001: Punjabi as written in India. */
    GURMUKHI("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", true),
    /** Noto Sans Gujarati 2.001. */
    GUJARATI("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", true),
    /** Noto Sans Sinhala 2.001. */
    SINHALA("NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf", true),
    /** Noto Sans Khmer 2.001. */
    KHMER("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", true),
    /** Noto Sans Telugu 2.001. */
    TELUGU("NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", true),
    /** Noto Sans Kannada 2.001. */
    KANNADA("NotoSansKannada-Regular.ttf", "NotoSansKannada-Bold.ttf", true),
    /** Noto Sans Malayalam 2.001. */
    MALAYALAM("NotoSansMalayalam-Regular.ttf", "NotoSansMalayalam-Bold.ttf", true),
    /** Noto Sans Oriya 2.000: Odia. */
    ORIYA("NotoSansOriya-Regular.ttf", "NotoSansOriya-Bold.ttf", true);

    /** The faces for layout, read once for all documents (a {@link Font} is immutable). */
    private static final Map<String, Font> LAYOUT = new ConcurrentHashMap<>();

    private final String regular;
    private final String bold;
    private final boolean shaped;

    BundledFace(String regular, String bold, boolean shaped) {
        this.regular = regular;
        this.bold = bold;
        this.shaped = shaped;
    }

    /** Whether all words in this face are shaped by the JDK's layout rather than drawn a glyph a character. */
    boolean shaped() {
        return shaped;
    }

    /** The resource's name, beside this class. */
    String file(boolean isBold) {
        return isBold ? bold : regular;
    }

    /** The face's TrueType data; the caller closes it. */
    InputStream open(boolean isBold) {
        var ttf = BundledFace.class.getResourceAsStream(file(isBold));
        if (ttf == null) {
            throw new IllegalStateException(file(isBold) + " is missing from the class path, beside " + BundledFace.class.getName());
        }
        return ttf;
    }

    /** {@code word} (in the order typed) shaped in this face, written left to right or right to left. */
    Glyphs shape(boolean isBold, String word, boolean rightToLeft) {
        return Glyphs.shape(LAYOUT.computeIfAbsent(file(isBold), name -> read(isBold)), word, rightToLeft);
    }

    private Font read(boolean isBold) {
        try (var ttf = open(isBold)) {
            return Font.createFont(Font.TRUETYPE_FONT, ttf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(file(isBold) + " is not a TrueType font", e);
        }
    }
}
