package dev.amanah.donations.report;

import dev.amanah.donations.pdf.Clusters;
import dev.amanah.donations.pdf.FallbackFont;
import dev.amanah.donations.pdf.PdfText;
import dev.amanah.donations.pdf.TextLine;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * Writes a report as a PDF (A4, Apache PDFBox): a header band, the ledger's verdict (a red banner
 * when it does not balance), the chart of net donations by fund, then every section's table
 * ({@link ReportTables}, the same figures as the CSV), page numbers at the foot. The file is
 * written to a temporary name and moved into place. Text uses the standard Helvetica fonts; text
 * they cannot show (a name in Arabic script, for one) is shaped and ordered by {@link PdfText} and
 * set word by word in the {@link FallbackFont}'s faces; a character no face has is printed as
 * {@code ?}. Stateless.
 */
public final class PdfReportWriter {
    private static final float MARGIN = 48;
    private static final Color INK = new Color(0x1F2933);
    private static final Color MUTED = new Color(0x616E7C);
    private static final Color BRAND = new Color(0x1B5E3B);
    private static final Color GOLD = new Color(0xC9A227);
    private static final Color RULE = new Color(0xD9DEE3);
    private static final Color STRIPE = new Color(0xF4F6F8);
    private static final Color ALARM = new Color(0xB42318);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private PdfReportWriter() {
    }

    /**
     * Writes {@code report} to {@code file} (its directory created if missing).
     *
     * @throws UncheckedIOException if it cannot be written
     */
    public static void write(MonthlyReport report, Path file) {
        try {
            var parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            var temporary = parent.resolve(file.getFileName() + ".part");
            try (var document = new PDDocument()) {
                new Layout(document, report).render();
                document.save(temporary.toFile());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF report " + file, e);
        }
    }

    /** The month as people say it: {@code November 2026}. */
    static String monthName(MonthlyReport report) {
        return report.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + report.month().getYear();
    }

    /** One document being laid out, top to bottom, page after page. */
    private static final class Layout {
        private final PDDocument document;
        private final MonthlyReport report;
        private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final FallbackFont fallback;
        private final TextLine line;
        private final PDRectangle size = PDRectangle.A4;
        private final float width = size.getWidth() - 2 * MARGIN;
        private PDPageContentStream out;
        private float y;

        Layout(PDDocument document, MonthlyReport report) {
            this.document = document;
            this.report = report;
            this.fallback = new FallbackFont(document);
            this.line = new TextLine(document);
        }

        void render() throws IOException {
            var info = document.getDocumentInformation();
            info.setTitle("Amanah monthly report " + report.month() + " - " + report.title());
            info.setCreator("amanah report");
            newPage();
            header();
            verdict();
            chart();
            for (var table : ReportTables.of(report)) {
                table(table);
            }
            out.close();
            footers();
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            var page = new PDPage(size);
            document.addPage(page);
            out = new PDPageContentStream(document, page);
            y = size.getHeight() - MARGIN;
        }

        private void ensure(float height) throws IOException {
            if (y - height < MARGIN + 20) {
                newPage();
            }
        }

        private void header() throws IOException {
            float band = 96;
            fill(BRAND, 0, size.getHeight() - band, size.getWidth(), band);
            fill(GOLD, 0, size.getHeight() - band - 4, size.getWidth(), 4);
            text(bold, 10, Color.WHITE, MARGIN, size.getHeight() - 30, "AMANAH  |  MONTHLY REPORT");
            text(bold, 22, Color.WHITE, MARGIN, size.getHeight() - 58, monthName(report));
            text(regular, 12, Color.WHITE, MARGIN, size.getHeight() - 78,
                    (report.scope().campaignId().isPresent() ? "Campaign: " : "Organisation: ") + report.title()
                            + report.scope().campaignId().map(id -> " (" + id + ")").orElse(""));
            var generated = "Generated " + GENERATED.format(report.generatedAt());
            text(regular, 9, Color.WHITE, size.getWidth() - MARGIN - width(regular, 9, generated),
                    size.getHeight() - 30, generated);
            y = size.getHeight() - band - 4 - 28;
        }

        private void verdict() throws IOException {
            var ledger = report.ledger();
            if (ledger.balanced()) {
                text(bold, 10, BRAND, MARGIN, y, "Ledger balanced:");
                text(regular, 10, INK, MARGIN + 88, y, "in every currency, all debits equal all credits " + report.standing() + ".");
                y -= 22;
            } else {
                var lines = new ArrayList<String>();
                for (var t : ledger.trial()) {
                    if (!t.balanced()) {
                        lines.add(t.debits().currency().getCurrencyCode() + ": debits " + ReportTables.amount(t.debits())
                                + ", credits " + ReportTables.amount(t.credits()) + ", off by " + ReportTables.amount(t.difference()));
                    }
                }
                float height = 30 + 14 * lines.size();
                fill(ALARM, MARGIN, y - height + 14, width, height);
                text(bold, 13, Color.WHITE, MARGIN + 10, y - 4, "WARNING: THE LEDGER DOES NOT BALANCE");
                float line = y - 20;
                for (var l : lines) {
                    text(regular, 10, Color.WHITE, MARGIN + 10, line, l);
                    line -= 14;
                }
                y -= height + 12;
            }
            var donors = report.donors();
            text(bold, 10, BRAND, MARGIN, y, "Donations:");
            text(regular, 10, INK, MARGIN + 88, y, donors.donations() + " from " + donors.donors() + " donors ("
                    + donors.newDonors() + " new, " + donors.returning() + " returning)");
            y -= 22;
            report.reportingTotal().ifPresent(total -> {
                try {
                    text(bold, 10, BRAND, MARGIN, y, "Net donations in " + total.total().currency().getCurrencyCode() + ":");
                    text(bold, 16, INK, MARGIN + 128, y - 1, ReportTables.amount(total.total()) + " "
                            + total.total().currency().getCurrencyCode());
                    var rates = total.conversions().isEmpty() ? "no conversion needed"
                            : "converted at the rates listed under 'Net donations in " + total.total().currency().getCurrencyCode() + "'";
                    text(regular, 8, MUTED, MARGIN + 128, y - 13, rates);
                    y -= 30;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private void chart() throws IOException {
            var image = DonationsChart.render(report, 1000, 440);
            if (image.isEmpty()) {
                ensure(20);
                text(regular, 10, MUTED, MARGIN, y, "No donations were recorded in this month.");
                y -= 24;
                return;
            }
            float shownHeight = width * 440 / 1000;
            ensure(shownHeight + 10);
            var picture = LosslessFactory.createFromImage(document, image.get());
            out.drawImage(picture, MARGIN, y - shownHeight, width, shownHeight);
            y -= shownHeight + 16;
        }

        private void table(ReportTable table) throws IOException {
            float fontSize = fontSize(table);
            float rowHeight = 16;
            ensure(24 + rowHeight * Math.min(3, table.rows().size() + 1));
            text(bold, 12, BRAND, MARGIN, y, table.title());
            y -= 8;
            fill(GOLD, MARGIN, y, 36, 1.5f);
            y -= 12;
            var widths = columnWidths(table, fontSize);
            headerRow(table, widths, fontSize, rowHeight);
            if (table.rows().isEmpty()) {
                text(regular, fontSize, MUTED, MARGIN + 4, y - 11, "None in this month.");
                y -= rowHeight;
            }
            int index = 0;
            for (var row : table.rows()) {
                if (y - rowHeight < MARGIN + 20) {
                    newPage();
                    headerRow(table, widths, fontSize, rowHeight);
                }
                boolean emphasised = row.getFirst().equals("TOTAL") || row.contains("UNBALANCED");
                if (index++ % 2 == 1) {
                    fill(STRIPE, MARGIN, y - rowHeight, width, rowHeight);
                }
                cells(table, row, widths, emphasised ? bold : regular, fontSize,
                        row.contains("UNBALANCED") ? ALARM : INK);
                fill(RULE, MARGIN, y - rowHeight, width, 0.5f);
                y -= rowHeight;
            }
            for (var note : table.notes()) {
                for (var line : wrap(note, regular, 8, width)) {
                    ensure(12);
                    text(regular, 8, MUTED, MARGIN, y - 11, line);
                    y -= 11;
                }
            }
            y -= 22;
        }

        private void headerRow(ReportTable table, float[] widths, float fontSize, float rowHeight) throws IOException {
            fill(new Color(0xE6EFE9), MARGIN, y - rowHeight, width, rowHeight);
            cells(table, table.headers(), widths, bold, fontSize, BRAND);
            y -= rowHeight;
        }

        private void cells(ReportTable table, List<String> row, float[] widths, PDFont font, float fontSize, Color color)
                throws IOException {
            float x = MARGIN;
            for (int i = 0; i < row.size(); i++) {
                var cell = fit(row.get(i), font, fontSize, widths[i] - 8);
                float textWidth = width(font, fontSize, cell);
                float left = table.numeric().get(i) ? x + widths[i] - 4 - textWidth : x + 4;
                text(font, fontSize, color, left, y - 11, cell);
                x += widths[i];
            }
        }

        /**
         * The table's font size: 9 pt, or less (down to 6.5 pt) when its columns would not fit the
         * page at 9 pt, so that long exact figures (a conversion's rate and exact product) are
         * printed whole rather than cut; past that, {@link #columnWidths} cuts the longest texts.
         */
        private float fontSize(ReportTable table) throws IOException {
            float size = 9;
            while (size > 6.5f && sum(naturalWidths(table, size)) > width) {
                size -= 0.5f;
            }
            return size;
        }

        /** Each column's width with nothing cut: its widest cell or header, with padding. */
        private float[] naturalWidths(ReportTable table, float fontSize) throws IOException {
            var natural = new float[table.headers().size()];
            for (int i = 0; i < natural.length; i++) {
                natural[i] = width(bold, fontSize, table.headers().get(i)) + 12;
                for (var row : table.rows()) {
                    natural[i] = Math.max(natural[i], width(regular, fontSize, row.get(i)) + 12);
                }
            }
            return natural;
        }

        private static float sum(float[] values) {
            float sum = 0;
            for (var value : values) {
                sum += value;
            }
            return sum;
        }

        /**
         * Each column gets at least its header's width; the space left is shared in proportion to
         * how much wider each column's content is, so long texts are cut before headers are.
         */
        private float[] columnWidths(ReportTable table, float fontSize) throws IOException {
            int columns = table.headers().size();
            var minimum = new float[columns];
            var natural = naturalWidths(table, fontSize);
            float minimumSum = 0;
            float naturalSum = 0;
            for (int i = 0; i < columns; i++) {
                minimum[i] = width(bold, fontSize, table.headers().get(i)) + 12;
                minimumSum += minimum[i];
                naturalSum += natural[i];
            }
            var widths = new float[columns];
            for (int i = 0; i < columns; i++) {
                widths[i] = naturalSum <= width ? natural[i] * width / naturalSum
                        : minimum[i] + (width - minimumSum) * (natural[i] - minimum[i]) / (naturalSum - minimumSum);
            }
            return widths;
        }

        private void footers() throws IOException {
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                var page = document.getPage(i);
                try (var footer = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    var label = "Page " + (i + 1) + " of " + pages;
                    text(footer, regular, 8, MUTED, size.getWidth() - MARGIN - width(regular, 8, label), MARGIN / 2, label);
                    text(footer, regular, 8, MUTED, MARGIN, MARGIN / 2, "Amanah - " + report.month() + " - " + report.title());
                }
            }
        }

        private void text(PDFont font, float fontSize, Color color, float x, float baseline, String text) throws IOException {
            text(out, font, fontSize, color, x, baseline, text);
        }

        /** Writes {@code text} in {@code font}, each word {@code font} cannot draw in a fallback face ({@link FallbackFont#runs}). */
        private void text(PDPageContentStream stream, PDFont font, float fontSize, Color color, float x, float baseline, String text)
                throws IOException {
            stream.setNonStrokingColor(color);
            line.show(stream, x, baseline, fontSize, fallback.runs(font, font == bold, PdfText.visual(text)));
        }

        /** The printed width of {@code text}, in the faces {@link #text} would use for it. */
        private float width(PDFont font, float fontSize, String text) throws IOException {
            return TextLine.width(fallback.runs(font, font == bold, PdfText.visual(text)), fontSize);
        }

        private void fill(Color color, float x, float bottom, float w, float h) throws IOException {
            out.setNonStrokingColor(color);
            out.addRect(x, bottom, w, h);
            out.fill();
        }

        /** Cuts a cell to its column, with an ellipsis, between {@link Clusters} (never inside a letter or syllable). */
        private String fit(String text, PDFont font, float fontSize, float available) throws IOException {
            var shown = text;
            if (width(font, fontSize, shown) <= available) {
                return shown;
            }
            while (!shown.isEmpty() && width(font, fontSize, shown + "...") > available) {
                shown = Clusters.withoutLast(shown);
            }
            return shown + "...";
        }

        private List<String> wrap(String text, PDFont font, float fontSize, float available) throws IOException {
            var lines = new ArrayList<String>();
            var line = new StringBuilder();
            for (var word : text.split("\\s")) {
                var candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, fontSize, candidate) > available && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
