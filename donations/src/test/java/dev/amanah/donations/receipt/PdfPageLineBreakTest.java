package dev.amanah.donations.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Text wrapped to a width breaks where its script allows a line to end: between words. Thai and
 * Khmer put no spaces between words, so a long name in either was broken where the line was full,
 * inside a word. (Their words are found in a dictionary: a compound it holds as one word, such as
 * ខេត្តសៀមរាប, Siem Reap province, is not broken.)
 */
class PdfPageLineBreakTest {
    /** A name of whole words, told apart by hand, and the words' separator (none in Thai and Khmer). */
    private record Name(List<String> words, String separator) {
        String text() {
            return String.join(separator, words);
        }

        /** The indexes in {@link #text} where a word ends. */
        Set<Integer> wordEnds() {
            var ends = new HashSet<Integer>();
            int at = 0;
            for (var word : words) {
                at = text().indexOf(word, at) + word.length();
                ends.add(at);
            }
            return ends;
        }
    }

    private static final List<Name> NAMES = List.of(
            new Name(List.of("มูลนิธิ", "เพื่อ", "การ", "ศึกษา", "และ", "สุขภาพ", "ของ", "เด็ก", "ใน", "ชนบท", "ภาค", "ตะวัน", "ออก",
                    "เฉียง", "เหนือ"), ""), // Foundation for the education and health of rural children of the north-east
            new Name(List.of("ជំនួយ", "សម្រាប់", "កុមារ", "កំព្រា", "និង", "ស្ត្រី", "មេម៉ាយ"), ""), // Help for orphans and widows
            new Name(List.of("Somchai", "Jaidee", "มูลนิธิ", "เพื่อ", "การ", "ศึกษา", "Rahman", "গ্রামীণ", "শিক্ষা", "तहवील"), " "));

    @Test
    void a_line_breaks_between_words_in_thai_and_khmer_as_between_words_spaced_apart() throws IOException {
        try (var document = new PDDocument()) {
            var fonts = PdfPage.Fonts.load(document);
            try (var page = new PdfPage(document, fonts)) {
                for (var name : NAMES) {
                    var text = name.text();
                    float widestWord = 0;
                    for (var word : name.words()) {
                        widestWord = Math.max(widestWord, page.width(PdfPage.Face.BOLD, 12, word));
                    }
                    var ends = name.wordEnds();
                    for (float max = widestWord; max < page.width(PdfPage.Face.BOLD, 12, text); max += 4) {
                        var lines = page.wrap(PdfPage.Face.BOLD, 12, text, max);

                        assertThat(lines).as("%s in %s pt", text, max).hasSizeGreaterThan(1);
                        int at = 0;
                        for (var line : lines) {
                            at = text.indexOf(line, at);
                            assertThat(at).as("line '%s' of %s in %s pt", line, text, max).isNotNegative();
                            at += line.length();
                            assertThat(ends).as("line '%s' of %s in %s pt ends inside a word", line, text, max).contains(at);
                            assertThat(page.width(PdfPage.Face.BOLD, 12, line)).isLessThanOrEqualTo(max);
                        }
                        assertThat(String.join(name.separator(), lines)).isEqualTo(text);
                    }
                }
            }
        }
    }
}
