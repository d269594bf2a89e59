package dev.amanah.donations.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Which face draws which part of a line. */
class FallbackFontTest {
    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    @Test
    void a_word_is_set_in_the_first_face_that_draws_all_of_it() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            // Latin stays in the document's face; عائشة is in DejaVu; شہزاد is all in Vazirmatn, though
            // DejaVu has its shin, zain, alef and dal: the letters of one word are of one design.
            var runs = fallback.runs(HELVETICA, false, PdfText.visual("Aisha عائشة شہزاد Rahman"));

            assertThat(runs).extracting(FallbackFont.Run::text).containsExactly(
                    "Aisha ", PdfText.visual("شہزاد"), " ", PdfText.visual("عائشة"), " Rahman");
            assertThat(runs).extracting(run -> run.font().getName()).satisfiesExactly(
                    name -> assertThat(name).isEqualTo("Helvetica"),
                    name -> assertThat(name).contains("Vazirmatn"),
                    name -> assertThat(name).isEqualTo("Helvetica"),
                    name -> assertThat(name).contains("DejaVuSans"),
                    name -> assertThat(name).isEqualTo("Helvetica"));
        }
    }

    @Test
    void a_joined_form_no_face_has_is_printed_as_its_letter_and_a_character_none_has_as_a_question_mark() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            // Heh goal standing alone (U+FBA6) is in neither face; Vazirmatn has the letter (U+06C1).
            assertThat(PdfText.visual("ہ")).isEqualTo("\uFBA6");
            assertThat(fallback.runs(HELVETICA, true, "\uFBA6 Li")).extracting(FallbackFont.Run::text)
                    .containsExactly("\u06C1", " Li");
            // One '?' a character, in the document's face; the invisible tags that make the black
            // flag England's, which no face has, are left out rather than printed as six more.
            var england = new String(new int[] {0x1F3F4, 0xE0067, 0xE0062, 0xE0065, 0xE006E, 0xE0067, 0xE007F}, 0, 7);
            assertThat(fallback.runs(HELVETICA, false, "ཀ Li " + england)).extracting(FallbackFont.Run::text)
                    .containsExactly("? Li ?");
        }
    }

    /**
     * Every face was loaded into the document, in turn, until one drew the word: a name in Oriya
     * loaded all thirteen faces before it, each parsed and subset again when the document was
     * saved, and so did one in Tibetan, which none draws. A face is now chosen by the scripts of
     * the word's letters before it is loaded: Latin text loads none, a word in Devanagari or
     * Oriya only that face, a Thai digit only Noto Sans Thai, and Tibetan or an emoji none of the
     * Noto faces.
     */
    @Test
    void a_face_is_loaded_only_for_a_word_in_a_script_it_is_for() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            fallback.runs(HELVETICA, false, "Aisha Rahman, 25.00 GBP");
            assertThat(fallback.loadedFaces()).isEmpty();
            fallback.runs(HELVETICA, false, "Priya प्रिया।");
            assertThat(fallback.loadedFaces()).containsExactly(BundledFace.DEVANAGARI);
            fallback.runs(HELVETICA, true, "ପ୍ରିୟା");
            assertThat(fallback.loadedFaces()).containsExactly(BundledFace.DEVANAGARI, BundledFace.ORIYA);
        }
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            assertThat(fallback.runs(HELVETICA, false, "ཀ \u0E51 \uD83D\uDE00")).extracting(FallbackFont.Run::text)
                    .containsExactly("? ", "\u0E51", " ", "\uD83D\uDE00");
            assertThat(fallback.loadedFaces()).containsExactly(BundledFace.DEJAVU, BundledFace.VAZIRMATN, BundledFace.THAI);
        }
    }

    /**
     * Chinese and Japanese (a '?' a character before) are set in Droid Sans Fallback, one face for
     * Han and kana, so a Japanese word mixing kanji and kana is one run; it has one weight, loaded
     * once for regular and bold text. It is not loaded for Korean, whose syllables it lacks.
     */
    @Test
    void a_word_in_chinese_or_japanese_is_set_in_droid_sans_fallback() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            var runs = fallback.runs(HELVETICA, false, "Li 李小龍 田中さくら ジョン・スミス");
            assertThat(runs).extracting(FallbackFont.Run::text).containsExactly("Li ", "李小龍", " ", "田中さくら", " ", "ジョン・スミス");
            assertThat(runs).extracting(run -> run.font().getName()).filteredOn(name -> !name.equals("Helvetica"))
                    .hasSize(3).allSatisfy(name -> assertThat(name).contains("DroidSansFallback"));
            assertThat(fallback.runs(HELVETICA, true, "李").getFirst().font()).isSameAs(runs.get(1).font());
            assertThat(fallback.loadedFaces()).containsExactly(BundledFace.HAN_KANA);
        }
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            fallback.runs(HELVETICA, false, "김민준");
            assertThat(fallback.loadedFaces()).doesNotContain(BundledFace.HAN_KANA);
        }
    }

    /**
     * Droid Sans Fallback (4 MB) was read from the class path and parsed again for every document
     * with a Chinese or Japanese word. A face's bytes are now read once for all documents and each
     * document parses its own font from them: two documents share the bytes, never a font.
     */
    @Test
    void a_face_is_read_once_for_all_documents_and_each_document_has_its_own_font() throws IOException {
        try (var first = new PDDocument(); var second = new PDDocument()) {
            var inFirst = new FallbackFont(first).runs(HELVETICA, false, "李小龍").getFirst().font();
            var inSecond = new FallbackFont(second).runs(HELVETICA, false, "李小龍").getFirst().font();
            assertThat(inSecond).isNotSameAs(inFirst);
            assertThat(BundledFace.HAN_KANA.bytes(false)).isSameAs(BundledFace.HAN_KANA.bytes(true));
            try (var ttf = BundledFace.class.getResourceAsStream("DroidSansFallbackFull.ttf")) {
                assertThat(BundledFace.HAN_KANA.bytes(false)).isEqualTo(ttf.readAllBytes());
            }
        }
    }

    /**
     * Korean (a '?' a syllable before: Droid Sans Fallback has Hangul's jamo, not its syllables)
     * is set in NanumSquare, regular and bold of its own, and only a word in Hangul loads it.
     */
    @Test
    void a_word_in_korean_is_set_in_nanum_square() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            var runs = fallback.runs(HELVETICA, false, "Li 김민준 이서연");
            assertThat(runs).extracting(FallbackFont.Run::text).containsExactly("Li ", "김민준", " ", "이서연");
            assertThat(runs.get(1).font().getName()).contains("NanumSquareR");
            assertThat(fallback.runs(HELVETICA, true, "김").getFirst().font().getName()).contains("NanumSquareB");
            assertThat(fallback.loadedFaces()).hasSize(1).allSatisfy(face -> assertThat(face.file(false)).isEqualTo("NanumSquareR.ttf"));
        }
    }

    /**
     * A word in Devanagari, Bengali or Thai is drawn as its script is written, not a glyph a
     * character in the order typed: a vowel sign ि before its consonant, a र or র before a consonant
     * as the reph over it (PDFBox's own shaping put it over the letter before: কর্মকার read as
     * র্কমকার), a Thai tone mark over an upper vowel raised above it. Shown here as the letters whose
     * glyphs are drawn, in drawing order, '*' for a glyph that is no character's own (a reph, a
     * vowel sign's or tone mark's variant).
     */
    @Test
    void a_word_in_devanagari_bengali_or_thai_is_shaped_as_its_script_is_written() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            assertThat(drawnLetters(fallback, "कि")).isEqualTo("*क");
            assertThat(drawnLetters(fallback, "कार्तिक")).isEqualTo("का*त*क");
            assertThat(drawnLetters(fallback, "কর্মকার")).isEqualTo("কম*কার");
            assertThat(drawnLetters(fallback, "กิ่ง")).isEqualTo("กิ*ง");
            assertThat(drawnLetters(fallback, "ก่")).isEqualTo("ก่"); // with no vowel under it, the tone mark is its own glyph
            var runs = fallback.runs(HELVETICA, true, "Priya प्रिया Rahman রহমান");
            assertThat(runs).extracting(FallbackFont.Run::text).containsExactly("Priya ", "प्रिया", " Rahman ", "রহমান");
            assertThat(runs).extracting(run -> run.font().getName()).satisfiesExactly(
                    name -> assertThat(name).isEqualTo("Helvetica"),
                    name -> assertThat(name).contains("NotoSansDevanagari-Bold"),
                    name -> assertThat(name).isEqualTo("Helvetica"),
                    name -> assertThat(name).contains("NotoSansBengali-Bold"));
            assertThat(runs.get(0).glyphs()).isNull();
            assertThat(runs.get(1).glyphs().ids()).doesNotContain(0); // no .notdef
        }
    }

    /**
     * Tamil, Gurmukhi, Gujarati, Sinhala and Khmer (a '?' a letter before they were bundled) are
     * shaped as the scripts are written: a vowel sign that stands before its consonant drawn before
     * it (Gurmukhi ਿ, Gujarati િ as its variant, Sinhala ෙ, Khmer េ), a two-part vowel split round
     * its consonant (Tamil ோ, from its two halves, which are no character of கோபால்), Khmer's
     * subscript ro drawn before the consonant it follows, and Tamil's pulli joined to its consonant.
     */
    @Test
    void a_word_in_tamil_gurmukhi_gujarati_sinhala_or_khmer_is_shaped_as_its_script_is_written() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            assertThat(drawnLetters(fallback, "கோபால்")).isEqualTo("*காபா*");
            assertThat(drawnLetters(fallback, "ਸਿੰਘ")).isEqualTo("ਿਸੰਘ");
            assertThat(drawnLetters(fallback, "કિરણ")).isEqualTo("*કરણ");
            assertThat(drawnLetters(fallback, "පෙරේරා")).isEqualTo("ෙපෙ*රා");
            assertThat(drawnLetters(fallback, "សេង")).isEqualTo("េសង");
            assertThat(drawnLetters(fallback, "ស្រី")).isEqualTo("*សី");
            var runs = fallback.runs(HELVETICA, true, "குமார் ਕੌਰ કિરણ පෙරේරා សុខា");
            assertThat(runs).extracting(FallbackFont.Run::text)
                    .containsExactly("குமார்", " ", "ਕੌਰ", " ", "કિરણ", " ", "පෙරේරා", " ", "សុខា");
            assertThat(runs).extracting(run -> run.font().getName()).filteredOn(name -> !name.equals("Helvetica"))
                    .containsExactly("NotoSansTamil-Bold", "NotoSansGurmukhi-Bold", "NotoSansGujarati-Bold", "NotoSansSinhala-Bold",
                            "NotoSansKhmer-Bold");
            assertThat(runs).filteredOn(run -> run.glyphs() != null).hasSize(5)
                    .allSatisfy(run -> assertThat(run.glyphs().ids()).as(run.text()).doesNotContain(0)); // no .notdef
        }
    }

    /**
     * Telugu, Kannada, Malayalam and Oriya (a '?' a letter before they were bundled) are shaped as
     * the scripts are written: Malayalam's െ and Oriya's େ drawn before their consonant, Kannada's
     * and Telugu's ಿ and ి joined to their consonant as one glyph, Telugu's and Kannada's second
     * consonant of a conjunct drawn as its subscript form, after the first.
     */
    @Test
    void a_word_in_telugu_kannada_malayalam_or_oriya_is_shaped_as_its_script_is_written() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            assertThat(drawnLetters(fallback, "കെ")).isEqualTo("െക");
            assertThat(drawnLetters(fallback, "କେ")).isEqualTo("େକ");
            assertThat(drawnLetters(fallback, "ಕಿ")).isEqualTo("*");
            assertThat(drawnLetters(fallback, "కి")).isEqualTo("*");
            assertThat(drawnLetters(fallback, "క్క")).isEqualTo("క*");
            assertThat(drawnLetters(fallback, "ಕ್ಕ")).isEqualTo("ಕ*");
            var runs = fallback.runs(HELVETICA, true, "Kumar కుమార్ ಕಿರಣ್ അനിൽ ପ୍ରିୟା");
            assertThat(runs).extracting(FallbackFont.Run::text)
                    .containsExactly("Kumar ", "కుమార్", " ", "ಕಿರಣ್", " ", "അനിൽ", " ", "ପ୍ରିୟା");
            assertThat(runs).extracting(run -> run.font().getName()).filteredOn(name -> !name.equals("Helvetica"))
                    .containsExactly("NotoSansTelugu-Bold", "NotoSansKannada-Bold", "NotoSansMalayalam-Bold", "NotoSansOriya-Bold");
            assertThat(runs).filteredOn(run -> run.glyphs() != null).hasSize(4)
                    .allSatisfy(run -> assertThat(run.glyphs().ids()).as(run.text()).doesNotContain(0)); // no .notdef
        }
    }

    /**
     * Arabic-script letters that Unicode gives no presentation forms (Pashto ټ ڼ, Sindhi ڄ ڃ ڇ,
     * Kurdish ڵ ێ) were drawn standing apart wherever they were in a word, though DejaVu Sans joins
     * them by its own rules: each of ټټټ drew the isolated ټ. A word in the Arabic script is now
     * laid out by the face's rules, right to left: no letter of these words is its isolated glyph.
     */
    @Test
    void letters_with_no_presentation_forms_are_joined_by_the_faces_own_rules() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            for (var word : List.of("ټټټ", "ڼڼڼ", "ڄڄڄ", "ڃڃڃ", "ڇڇڇ", "ڵڵڵ", "ێێێ", "ببب")) {
                var runs = fallback.runs(HELVETICA, false, PdfText.visual(word));
                assertThat(runs).as(word).hasSize(1);
                var face = (PDType0Font) runs.getFirst().font();
                int isolated = face.getCmapLookup().getGlyphId(word.codePointAt(0));
                assertThat(runs.getFirst().glyphs()).as(word).isNotNull();
                assertThat(runs.getFirst().glyphs().ids()).as(word).hasSize(3).doesNotContain(isolated, 0).doesNotHaveDuplicates();
            }
            // ټ between lam and waw joins both, drawn (left to right) after noon and waw and before lam.
            var runs = fallback.runs(HELVETICA, false, PdfText.visual("لټون"));
            var cmap = ((PDType0Font) runs.getFirst().font()).getCmapLookup();
            assertThat(runs.getFirst().glyphs().ids()).hasSize(4).doesNotContain(cmap.getGlyphId('ټ'));
        }
    }

    /**
     * A line mixing Latin and Arabic script is still cut into runs in visual order, each Arabic
     * word one shaped run, its text (the invisible copy read back) as before; a bracket or a
     * digit beside the word is shown as text, in its place. Between the Latin words, the Arabic
     * ones, the bracketed one and the digits make one right-to-left stretch: ګل prints left of
     * ښايسته.
     */
    @Test
    void an_arabic_word_in_a_latin_line_is_one_shaped_run_in_its_place() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            var shown = PdfText.visual("Gul ښايسته (ګل) ١٢ Rahman");
            var runs = fallback.runs(HELVETICA, false, shown);
            assertThat(runs.stream().map(FallbackFont.Run::text).reduce("", String::concat)).isEqualTo(shown);
            assertThat(runs).filteredOn(run -> run.glyphs() != null).extracting(FallbackFont.Run::text)
                    .containsExactly(PdfText.visual("ګل"), PdfText.visual("ښايسته"));
            assertThat(runs).filteredOn(run -> run.text().contains("(") || run.text().contains("١")).allSatisfy(
                    run -> assertThat(run.glyphs()).isNull());
        }
    }

    /** The letters of {@code word} whose glyphs its one run draws, in drawing order; '*' for any other glyph. */
    private static String drawnLetters(FallbackFont fallback, String word) {
        var runs = fallback.runs(HELVETICA, false, word);
        assertThat(runs).hasSize(1);
        var cmap = ((PDType0Font) runs.getFirst().font()).getCmapLookup();
        var drawn = new StringBuilder();
        for (int id : runs.getFirst().glyphs().ids()) {
            drawn.append(word.codePoints().filter(cp -> cmap.getGlyphId(cp) == id).mapToObj(Character::toString)
                    .findFirst().orElse("*"));
        }
        return drawn.toString();
    }
}
