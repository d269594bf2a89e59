package dev.amanah.donations.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Drawing runs, shaped ones among them, and reading them back. */
class TextLineTest {
    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /**
     * A shaped word is drawn as one form however often it appears, at whatever size (a campaign's
     * name in every page's footer), and every line reads back as typed, in its order, with one
     * space between words: the word's glyphs, reordered and joined, would read back scrambled.
     */
    @Test
    void a_shaped_word_is_one_form_in_the_document_and_every_line_reads_back_as_typed() throws IOException {
        var name = "Sultana সুলতানা রফিকুল";
        byte[] pdf;
        try (var document = new PDDocument()) {
            var page = new PDPage();
            document.addPage(page);
            var fallback = new FallbackFont(document);
            var line = new TextLine(document);
            try (var content = new PDPageContentStream(document, page)) {
                line.show(content, 50, 700, 12, fallback.runs(HELVETICA, false, name));
                line.show(content, 50, 650, 20, fallback.runs(HELVETICA, false, name));
            }
            assertThat(page.getResources().getXObjectNames()).hasSize(2); // সুলতানা and রফিকুল
            var out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).lines()).containsExactly(name, name);
        }
    }

    /**
     * A mark that ends a shaped word (a Thai tone mark, Tamil's pulli, Khmer's bantoc) reads back
     * in its word: its invisible copy stood where the space after the word starts, and the text
     * extractor took it for a mark over the space ("ใหม่ ดี" read back "ใหม ่ดี").
     */
    @Test
    void a_mark_that_ends_a_shaped_word_reads_back_in_that_word() throws IOException {
        var lines = List.of("ใหม่ ดี", "พี่ น้อง", "ชื่อ ใหม่ ก็ดี", "भगवान् सिंह", "ঢাকাঁ শহর", "Ram ใหม่ x");
        byte[] pdf;
        try (var document = new PDDocument()) {
            var page = new PDPage();
            document.addPage(page);
            var fallback = new FallbackFont(document);
            var line = new TextLine(document);
            try (var content = new PDPageContentStream(document, page)) {
                for (int i = 0; i < lines.size(); i++) {
                    line.show(content, 50, 700 - 30 * i, 12, fallback.runs(HELVETICA, false, lines.get(i)));
                }
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).lines()).containsExactlyElementsOf(lines);
        }
    }
}
