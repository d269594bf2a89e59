package dev.amanah.donations.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
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
            assertThat(fallback.runs(HELVETICA, false, "李 Li " + england)).extracting(FallbackFont.Run::text)
                    .containsExactly("? Li ?");
        }
    }
}
