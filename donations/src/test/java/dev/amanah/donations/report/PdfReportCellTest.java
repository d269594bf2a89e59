package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report's cells cut to their column, read back from the PDF. */
class PdfReportCellTest {
    /** One Bengali word, no spaces, so a cell holding it must be cut inside it. */
    private static final String WORD = "রবীন্দ্রনাথঠাকুরেরস্মৃতিতহবিলক্ষেত্রীয়স্বাস্থ্যশিক্ষাকর্মসূচি".repeat(3);

    @TempDir
    Path out;

    /**
     * A cell too wide for its column is cut with "..." between grapheme clusters: it was cut
     * between chars, so a Bengali syllable could lose its vowel sign or the consonant after its
     * virama (and a surrogate pair could be split).
     */
    @Test
    void a_cell_cut_to_its_column_is_cut_between_clusters() throws IOException {
        var groups = new ArrayList<String>();
        var clusters = BreakIterator.getCharacterInstance();
        clusters.setText(WORD);
        for (int start = clusters.first(); groups.size() < 10; start = clusters.next()) {
            groups.add(WORD.substring(start)); // each starts a letter later, so each is cut at a different letter
        }
        var pdf = out.resolve("cells.pdf");
        PdfReportWriter.write(report(groups), pdf);

        String text;
        try (var document = Loader.loadPDF(pdf.toFile())) {
            text = Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFC);
        }
        var cut = text.lines().filter(l -> l.contains("...")).map(l -> l.substring(0, l.indexOf("..."))).toList();
        assertThat(cut).hasSameSizeAs(groups);
        for (int i = 0; i < groups.size(); i++) {
            var group = groups.get(i);
            assertThat(group).startsWith(cut.get(i));
            var groupClusters = BreakIterator.getCharacterInstance();
            groupClusters.setText(group);
            assertThat(groupClusters.isBoundary(cut.get(i).length())).as("'%s' cut from %s", cut.get(i), group).isTrue();
        }
    }

    private static MonthlyReport report(List<String> groups) {
        var lines = groups.stream()
                .map(g -> new Section.DistributionLine(g, PayoutStatus.PAID, 1, Money.of("10.00", "GBP")))
                .toList();
        return new MonthlyReport(ReportScope.campaign("zakat-2026"), "Zakat 2026", YearMonth.of(2026, 11),
                Instant.parse("2026-12-04T09:00:00Z"), LocalDate.of(2026, 11, 30), new Section.Totals(List.of()), new Section.Donors(0, 0, 0, 0),
                new Section.Refunds(List.of()), new Section.Distributions(lines, List.of(), "By group."),
                new Section.Ledger(List.of(), List.of()), Optional.empty());
    }
}
