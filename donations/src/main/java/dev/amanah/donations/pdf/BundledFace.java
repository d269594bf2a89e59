package dev.amanah.donations.pdf;

import com.ibm.icu.lang.UScript;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faces bundled beside this class (with their licences), in the order {@link FallbackFont} tries
 * them, each in a regular and a bold weight. The faces of scripts whose letters change shape and
 * order as they combine (the Indic scripts, Sinhala and Khmer; Thai, whose marks stack) are
 * {@link #shaped}: their words are laid out by {@link Glyphs#shape}. In the other faces only words
 * in the Arabic script are, to be joined ({@link ArabicSpans}). A face is tried only for text in
 * the scripts it is for ({@link #isFor}), so a document loads no face its text has no use for.
 * Thread-safe.
 */
enum BundledFace {
    /** DejaVu Sans 2.37: Latin, Greek, Cyrillic, Hebrew, and Arabic script in presentation forms. */
    DEJAVU("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", false),
    /** Vazirmatn: the Urdu letters DejaVu lacks (heh goal, yeh barree and their forms). */
    VAZIRMATN("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", false),
    /** Noto Sans Devanagari 2.001: Hindi, Marathi, Nepali. */
    DEVANAGARI("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", true, UScript.DEVANAGARI),
    /** Noto Sans Bengali 2.001: Bengali, Assamese. */
    BENGALI("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", true, UScript.BENGALI),
    /** Noto Sans Thai 2.000. */
    THAI("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", true, UScript.THAI),
    /** Noto Sans Tamil 2.001. */
    TAMIL("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", true, UScript.TAMIL),
    /** Noto Sans Gurmukhi 2.001: Punjabi as written in India. */
    GURMUKHI("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", true, UScript.GURMUKHI),
    /** Noto Sans Gujarati 2.001. */
    GUJARATI("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", true, UScript.GUJARATI),
    /** Noto Sans Sinhala 2.001. */
    SINHALA("NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf", true, UScript.SINHALA),
    /** Noto Sans Khmer 2.001. */
    KHMER("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", true, UScript.KHMER),
    /** Noto Sans Telugu 2.001. */
    TELUGU("NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", true, UScript.TELUGU),
    /** Noto Sans Kannada 2.001. */
    KANNADA("NotoSansKannada-Regular.ttf", "NotoSansKannada-Bold.ttf", true, UScript.KANNADA),
    /** Noto Sans Malayalam 2.001. */
    MALAYALAM("NotoSansMalayalam-Regular.ttf", "NotoSansMalayalam-Bold.ttf", true, UScript.MALAYALAM),
    /** Noto Sans Oriya 2.000: Odia. */
    ORIYA("NotoSansOriya-Regular.ttf", "NotoSansOriya-Bold.ttf", true, UScript.ORIYA),
    /**
     * Droid Sans Fallback (Android 6.0.1, Apache 2.0): Chinese and Japanese, Han and kana in one
     * face, so a Japanese word mixing them is of one design. It has Hangul's jamo but not its
     * syllables, so it is not for Korean. One weight, for bold too.
     */
    HAN_KANA("DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf", false, UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA,
            UScript.BOPOMOFO),
    /**
     * NanumSquare (NAVER, 2010, SIL OFL): Korean, all of Hangul's syllables and jamo. Tried after
     * Droid Sans Fallback, so the CJK punctuation both have stays in Droid's design in Chinese and
     * Japanese words.
     */
    HANGUL("NanumSquareR.ttf", "NanumSquareB.ttf", false, UScript.HANGUL);

    /**
     * The faces' TrueType data by file, read once for all documents; a PDFBox font, which belongs
     * to one document and is not thread-safe, is parsed from it for each document.
     */
    private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
    /** The faces for layout, read once for all documents (a {@link Font} is immutable). */
    private static final Map<String, Font> LAYOUT = new ConcurrentHashMap<>();
    /** The scripts some face is for alone; never changed after it is built. */
    private static final BitSet SCRIPTS_OF_THEIR_OWN = scriptsOfTheirOwn();

    private final String regular;
    private final String bold;
    private final boolean shaped;
    /** ICU's codes of the scripts this face is for; none for a face tried for any other script. */
    private final BitSet scripts = new BitSet();

    BundledFace(String regular, String bold, boolean shaped, int... scripts) {
        this.regular = regular;
        this.bold = bold;
        this.shaped = shaped;
        Arrays.stream(scripts).forEach(this.scripts::set);
    }

    private static BitSet scriptsOfTheirOwn() {
        var all = new BitSet();
        Arrays.stream(values()).forEach(face -> all.or(face.scripts));
        return all;
    }

    /**
     * Whether this face is one to try for a word whose letters are of {@code letterScripts}
     * ({@link Scripts#ofLetters}: Unicode's Script_Extensions, so a danda, shared by the Indic
     * scripts, is of each), without loading the face: a face that is for some scripts if every
     * letter is of one of them, the other faces if no letter is only of scripts some face is for.
     * A digit, a space, a mark or an emoji, of no one script, is no reason to load a face for one.
     */
    boolean isFor(List<BitSet> letterScripts) {
        if (!scripts.isEmpty()) {
            return !letterScripts.isEmpty() && letterScripts.stream().allMatch(letter -> letter.intersects(scripts));
        }
        return letterScripts.stream().noneMatch(BundledFace::onlyOfScriptsOfTheirOwn);
    }

    private static boolean onlyOfScriptsOfTheirOwn(BitSet letterScripts) {
        var outside = (BitSet) letterScripts.clone();
        outside.andNot(SCRIPTS_OF_THEIR_OWN);
        return outside.isEmpty();
    }

    /** Whether all words in this face are shaped by the JDK's layout rather than drawn a glyph a character. */
    boolean shaped() {
        return shaped;
    }

    /** Whether the face has a bold weight of its own, not the regular one again. */
    boolean hasBold() {
        return !bold.equals(regular);
    }

    /** The resource's name, beside this class. */
    String file(boolean isBold) {
        return isBold ? bold : regular;
    }

    /**
     * The face's TrueType data, read from the class path on first need and kept for all documents
     * (Droid Sans Fallback alone is 4 MB, read again for every document before). Every caller gets
     * the same array: only read it.
     */
    byte[] bytes(boolean isBold) {
        return BYTES.computeIfAbsent(file(isBold), BundledFace::readResource);
    }

    private static byte[] readResource(String file) {
        try (var ttf = BundledFace.class.getResourceAsStream(file)) {
            if (ttf == null) {
                throw new IllegalStateException(file + " is missing from the class path, beside " + BundledFace.class.getName());
            }
            return ttf.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code word} (in the order typed) shaped in this face, written left to right or right to left. */
    Glyphs shape(boolean isBold, String word, boolean rightToLeft) {
        return Glyphs.shape(LAYOUT.computeIfAbsent(file(isBold), name -> read(isBold)), word, rightToLeft);
    }

    private Font read(boolean isBold) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes(isBold)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(file(isBold) + " is not a TrueType font", e);
        }
    }
}
