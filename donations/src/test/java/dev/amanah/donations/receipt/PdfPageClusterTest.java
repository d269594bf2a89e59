package dev.amanah.donations.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Text cut or wrapped to a width is cut between grapheme clusters (what a reader sees as one
 * letter), never inside one: a Bengali or Devanagari syllable kept whole (a vowel sign or a virama
 * left at the start of a piece is drawn on a dotted circle), a Latin letter kept with its
 * combining accent, an emoji with its skin-tone modifier.
 */
class PdfPageClusterTest {
    private static final List<String> NAMES = List.of(
            "রবীন্দ্রনাথ ঠাকুরের স্মৃতি তহবিল", // Bengali
            "स्वास्थ्य शिक्षा क्षेत्रीय कार्यक्रम", // Devanagari
            "Cle\u0301mence Ame\u0301lie Ge\u0301raldine", // e + combining acute
            "Sara \uD83D\uDC4D\uD83C\uDFFD\uD83D\uDC4D\uD83C\uDFFD\uD83D\uDC4D\uD83C\uDFFD\uD83D\uDC4D\uD83C\uDFFD"); // 👍🏽

    @Test
    void text_cut_to_fit_is_cut_between_clusters_with_the_ellipsis_rule_unchanged() throws IOException {
        try (var document = new PDDocument()) {
            var fonts = PdfPage.Fonts.load(document);
            try (var page = new PdfPage(document, fonts)) {
                for (var name : NAMES) {
                    float whole = page.width(PdfPage.Face.REGULAR, 9, name);
                    for (float max = 20; max < whole; max += 1) {
                        var cut = page.fit(PdfPage.Face.REGULAR, 9, name, max);

                        assertThat(cut).as("%s in %s pt", name, max).endsWith("...");
                        var kept = cut.substring(0, cut.length() - 3);
                        assertThat(name).startsWith(kept);
                        assertThat(isClusterBoundary(name, kept.length())).as("'%s' cut from %s in %s pt", kept, name, max).isTrue();
                    }
                    assertThat(page.fit(PdfPage.Face.REGULAR, 9, name, whole)).isEqualTo(name);
                }
            }
        }
    }

    @Test
    void a_word_wider_than_the_line_is_broken_between_clusters_every_letter_kept() throws IOException {
        try (var document = new PDDocument()) {
            var fonts = PdfPage.Fonts.load(document);
            try (var page = new PdfPage(document, fonts)) {
                for (var name : NAMES) {
                    var word = name.replace(" ", "");
                    for (float max = 8; max < 60; max += 1) {
                        var lines = page.wrap(PdfPage.Face.REGULAR, 9, word, max);

                        assertThat(String.join("", lines)).as("%s in %s pt", word, max).isEqualTo(word);
                        int at = 0;
                        for (var line : lines) {
                            assertThat(line).isNotEmpty();
                            assertThat(isClusterBoundary(word, at)).as("line '%s' of %s in %s pt", line, word, max).isTrue();
                            at += line.length();
                        }
                    }
                }
            }
        }
    }

    private static boolean isClusterBoundary(String text, int index) {
        var clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        return clusters.isBoundary(index);
    }
}
