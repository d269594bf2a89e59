package dev.amanah.donations.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Shaping and ordering for print, and the choice of face. */
class PdfTextTest {
    @Test
    void leftToRightTextIsLeftAsItIsButForWhitespace() {
        assertThat(PdfText.visual("Zoë\tŁukasiewicz")).isEqualTo("Zoë Łukasiewicz");
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
            assertThat(fallback.forText(helvetica, false, "Aisha")).isSameAs(helvetica);
            var face = fallback.forText(helvetica, false, arabic);
            assertThat(face).isSameAs(fallback.of(false));
            assertThat(PdfText.printable(face, arabic)).isEqualTo(arabic);
            assertThat(PdfText.printable(face, "李 Li")).isEqualTo("? Li");
        }
    }
}
