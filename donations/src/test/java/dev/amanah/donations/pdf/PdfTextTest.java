package dev.amanah.donations.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Shaping and ordering for print, and the choice of faces. */
class PdfTextTest {
    @Test
    void leftToRightTextIsLeftAsItIsButForWhitespace() {
        assertThat(PdfText.visual("Zoë\tŁukasiewicz")).isEqualTo("Zoë Łukasiewicz");
        assertThat(PdfText.visual("Zoe\u0308 Ame\u0301lie")).isEqualTo("Zoë Amélie"); // combining accents composed
    }

    @Test
    void arabicIsShapedIntoPresentationFormsAndReversedForPrint() {
        // لا (lam, alef) becomes one ligature; ب (beh) before it takes its isolated form at the word's end.
        var shown = PdfText.visual("لاب");
        assertThat(shown.codePoints().toArray()).containsExactly(0xFE8F, 0xFEFB); // visual order: beh, then lam-alef
        assertThat(PdfText.visual("Ali علي").codePoints().filter(cp -> cp >= 0xFE70).count()).isEqualTo(3);
        assertThat(PdfText.visual("Ali علي")).startsWith("Ali ");
    }

    @Test
    void theFallbackFaceDrawsWhatHelveticaCannotAndNoFaceDrawsEverything() throws IOException {
        try (var document = new PDDocument()) {
            var helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            var fallback = new FallbackFont(document);
            var arabic = PdfText.visual("عائشة");
            assertThat(PdfText.canShow(helvetica, arabic)).isFalse();
            assertThat(fallback.runs(helvetica, false, "Aisha")).containsExactly(new FallbackFont.Run(helvetica, "Aisha"));
            assertThat(fallback.runs(helvetica, false, arabic)).singleElement().satisfies(run -> {
                assertThat(run.font()).isSameAs(fallback.of(false));
                assertThat(run.text()).isEqualTo(arabic);
            });
            assertThat(drawn(fallback.runs(helvetica, false, "ཀ Li"))).isEqualTo("? Li");
        }
    }

    /**
     * Persian and Urdu letters (farsi yeh, peh, gaf, keheh...) take their joined forms too: ICU's
     * shaper joins its own letters to them but leaves them as they are, so "علی" (Ali) printed a
     * medial lam reaching for a yeh that stood apart.
     */
    @Test
    void persianAndUrduLettersAreShapedLikeTheOthers() throws IOException {
        assertThat(PdfText.visual("علی").codePoints().toArray()).containsExactly(0xFBFD, 0xFEE0, 0xFECB); // yeh final, lam medial, ain initial
        assertThat(PdfText.visual("گل").codePoints().toArray()).containsExactly(0xFEDE, 0xFB94); // lam final, gaf initial
        assertThat(PdfText.visual("پرویز").codePoints().toArray())
                .containsExactly(0xFEB0, 0xFBFE, 0xFEED, 0xFEAE, 0xFB58); // zain final, yeh initial, waw isolated, reh final, peh initial
        // The zero-width non-joiner keeps yeh apart from zain, then goes (its work done, as the bidi controls').
        assertThat(PdfText.visual("مهدی\u200Cزاده").codePoints().toArray())
                .containsExactly(0xFEE9, 0xFEA9, 0xFE8D, 0xFEAF, 0xFBFC, 0xFEAA, 0xFEEC, 0xFEE3);
        try (var document = new PDDocument()) {
            var face = new FallbackFont(document).of(false);
            for (var name : new String[] {"علی", "گل", "پرویز", "کریم", "چمن", "عبدالله"}) {
                var shown = PdfText.visual(name);
                assertThat(PdfText.canShow(face, shown)).as(name).isTrue();
                assertThat(shown.chars().filter(c -> c >= 0x0600 && c <= 0x06FF)).as(name).isEmpty(); // every letter in a form
            }
        }
    }

    /**
     * Directional marks and isolates (U+200E, U+200F, U+2066 to U+2069), which keyboards and web
     * forms slip into names, order the text and are then dropped: no face has a glyph for the
     * isolates, so "\u2068محمد\u2069 Khan" printed as "?محمد? Khan".
     */
    @Test
    void directionalControlsOrderTheTextAndAreNotPrinted() throws IOException {
        try (var document = new PDDocument()) {
            var fallback = new FallbackFont(document);
            var liberation = org.apache.pdfbox.pdmodel.font.PDType0Font.load(document,
                    PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf"), true);
            for (var name : new String[] {"\u2068محمد\u2069 Khan", "Aisha\u200F", "\u2066Ali\u2069", "\u202Bعلي\u202C Hasan"}) {
                var shown = PdfText.visual(name);
                assertThat(drawn(fallback.runs(liberation, false, shown))).as(name).isEqualTo(shown).doesNotContain("?");
                assertThat(shown).as(name).doesNotContain("\u2066", "\u2068", "\u2069", "\u200F", "\u202B", "\u202C");
            }
            // The isolate still orders: the name reads as a left-to-right line (Khan's), the Arabic on its left.
            assertThat(PdfText.visual("\u2068محمد\u2069 Khan")).isEqualTo(PdfText.visual("محمد") + " Khan");
        }
    }

    /** What {@code runs} print, one after the other. */
    private static String drawn(List<FallbackFont.Run> runs) {
        return runs.stream().map(FallbackFont.Run::text).collect(Collectors.joining());
    }
}
