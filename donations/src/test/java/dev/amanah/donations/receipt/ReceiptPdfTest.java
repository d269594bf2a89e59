package dev.amanah.donations.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.Receipt;
import dev.amanah.finance.money.Money;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** Receipts and statements as PDF, checked by extracting their text. */
class ReceiptPdfTest {
    private static final LocalDate RAMADAN_1447 = LocalDate.of(2026, 2, 18);
    private static final ZoneId UTC = ZoneOffset.UTC;

    static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    static int pages(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    @Test
    void a_receipt_prints_every_field() throws IOException {
        var receipt = Receipts.receipt("AMN-2026-000123", Money.ofMinor(123456789, java.util.Currency.getInstance("GBP")), RAMADAN_1447);

        var text = text(ReceiptPdf.render(receipt, UTC));

        assertThat(text).contains("Amanah Charitable Trust", "1 Example Street, London E1 1AA", "Registered charity no. 1234567",
                "DONATION RECEIPT", "No. AMN-2026-000123", "Aisha Rahman", "aisha@example.org",
                "1,234,567.89 GBP", "Zakat", "Ramadan 2026 food parcels", "18 February 2026", receipt.donatedOnHijri(),
                "ch_1187", "don_0123456789abcdef", "donor-42", "Issued 18 February 2026",
                "No goods or services were provided in return for this donation.");
        assertThat(text).doesNotContain("REPLACEMENT", "This receipt replaces");
    }

    /** Umm al-Qura: 1 Muharram 1447 was 26 June 2025, and 1 Ramadan 1447 was 18 February 2026. */
    @Test
    void hijri_dates_follow_umm_al_qura() throws IOException {
        assertThat(HijriDates.format(LocalDate.of(2025, 6, 26))).isEqualTo("1 Muharram 1447 AH");
        assertThat(HijriDates.format(RAMADAN_1447)).isEqualTo("1 Ramadan 1447 AH");
        assertThat(text(ReceiptPdf.render(Receipts.receipt("AMN-2026-000001", Money.of("10.00", "GBP"), RAMADAN_1447), UTC)))
                .contains("1 Ramadan 1447 AH");
        assertThatThrownBy(() -> HijriDates.format(LocalDate.of(1700, 1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1700-01-01");
    }

    @Test
    void amounts_are_printed_exactly_at_the_currencys_scale() throws IOException {
        assertThat(Printed.amount(Money.of("0.05", "USD"))).isEqualTo("0.05 USD");
        assertThat(Printed.amount(Money.of("999.99", "EUR"))).isEqualTo("999.99 EUR");
        assertThat(Printed.amount(Money.of("1000.00", "EUR"))).isEqualTo("1,000.00 EUR");
        assertThat(Printed.amount(Money.of("5000", "JPY"))).isEqualTo("5,000 JPY");
        assertThat(Printed.amount(Money.of("12.345", "KWD"))).isEqualTo("12.345 KWD");
        // Past double's exact range: 2^53 + 1 minor units would come out as ...992 through a double.
        assertThat(Printed.amount(Money.ofMinor(9_007_199_254_740_993L, java.util.Currency.getInstance("USD"))))
                .isEqualTo("90,071,992,547,409.93 USD");
        var receipt = Receipts.receipt("AMN-2026-000002", Money.of("12.345", "KWD"), RAMADAN_1447);
        assertThat(text(ReceiptPdf.render(receipt, UTC))).contains("12.345 KWD");
    }

    @Test
    void a_replacement_names_the_receipt_it_cancels() throws IOException {
        var original = Receipts.receipt("AMN-2026-000007", Money.of("25.00", "GBP"), RAMADAN_1447);
        var replacement = Receipts.replacement(original, "AMN-2026-000008", "Aisha Rahman-Khan", "donor's name misspelt");

        var text = text(ReceiptPdf.render(replacement, UTC));

        assertThat(text).contains("REPLACEMENT RECEIPT", "No. AMN-2026-000008",
                "This receipt replaces receipt AMN-2026-000007, which is cancelled.", "Reason: donor's name misspelt",
                "Aisha Rahman-Khan", "25.00 GBP");
    }

    /**
     * The Issued date is in the receipts' zone, like the date of donation beside it: a donation
     * made and receipted at 23:30 UTC on 4 December is 5 December in Kiritimati (UTC+14), so the
     * receipt must not say it was issued the day before the donation.
     */
    @Test
    void the_issued_date_is_printed_in_the_receipts_zone() throws IOException {
        var kiritimati = ZoneId.of("Pacific/Kiritimati");
        var lateInUtc = Instant.parse("2026-12-04T23:30:00Z");
        var receipt = issuedAt(Receipts.receipt("AMN-2026-000011", Money.of("25.00", "GBP"),
                LocalDate.ofInstant(lateInUtc, kiritimati)), lateInUtc);

        var text = text(ReceiptPdf.render(receipt, kiritimati));

        assertThat(text).contains("Issued 5 December 2026");
        assertThat(text).doesNotContain("4 December 2026");
        assertThat(text(ReceiptPdf.render(receipt, UTC))).contains("Issued 4 December 2026");
    }

    @Test
    void the_same_receipt_renders_to_the_same_bytes() {
        var receipt = Receipts.receipt("AMN-2026-000009", Money.of("25.00", "GBP"), RAMADAN_1447);
        assertThat(ReceiptPdf.render(receipt, UTC)).isEqualTo(ReceiptPdf.render(receipt, UTC));
    }

    @Test
    void names_in_other_scripts_print_in_their_own_letters_and_never_fail_the_receipt() throws IOException {
        var base = Receipts.receipt("AMN-2026-000010", Money.of("25.00", "GBP"), RAMADAN_1447);
        var latin = withDonor(base, "Zoë Łukasiewicz-Øster");
        var arabic = withDonor(base, "عائشة عبد الله");
        var mixed = withDonor(base, "Aisha (عائشة) Rahman");
        var noFaceHasIt = withDonor(base, "Aisha ཀ");

        assertThat(text(ReceiptPdf.render(latin, UTC))).contains("Zoë Łukasiewicz-Øster");
        // The text layer gives the letters back in reading order: shaped and reordered for print, not mangled.
        assertThat(Normalizer.normalize(text(ReceiptPdf.render(arabic, UTC)), Normalizer.Form.NFKC)).contains("عائشة عبد الله", "AMN-2026-000010");
        assertThat(Normalizer.normalize(text(ReceiptPdf.render(mixed, UTC)), Normalizer.Form.NFKC)).contains("عائشة", "Aisha", "Rahman");
        assertThat(text(ReceiptPdf.render(noFaceHasIt, UTC))).contains("Aisha ?", "AMN-2026-000010");
    }

    /**
     * Hebrew, and left-to-right and right-to-left words mixed in one name, print in their letters
     * in reading order. Tibetan and most emoji are in no bundled face: one '?' a character (an
     * emoji with a skin tone is two), and the receipt is still issued.
     */
    @Test
    void names_print_in_their_letters_where_a_bundled_face_has_them_and_one_question_mark_a_character_where_none_does()
            throws IOException {
        var base = Receipts.receipt("AMN-2026-000015", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("דוד כהן", "Aisha (عائشہ) Rahman דוד", "Рахман Ελένη Øster")) {
            var pdf = ReceiptPdf.render(withDonor(base, name), UTC);
            assertThat(glyphs(pdf)).as(name).doesNotContain("?");
            assertThat(Normalizer.normalize(text(pdf), Normalizer.Form.NFKC)).as(name).contains(name);
        }
        var noFace = List.of("ཀུན Li", "Sara \uD83D\uDC4D\uD83C\uDFFD", "Tenzin བསྟན་འཛིན");
        var printed = List.of("??? Li", "Sara ??", "Tenzin ?????????");
        for (int i = 0; i < noFace.size(); i++) {
            assertThat(text(ReceiptPdf.render(withDonor(base, noFace.get(i)), UTC))).contains(printed.get(i), "AMN-2026-000015");
        }
    }

    /**
     * Donors' names in Bengali, Devanagari (Hindi) and Thai printed as '?' a letter: no bundled
     * face had those scripts. They print in their letters, shaped (FallbackFontTest shows how, and
     * that no glyph is the missing-glyph box), on a receipt and on a statement; the text layer
     * gives back the name as typed, with no '?', and the receipt is still the same bytes each time.
     */
    @Test
    void names_in_bengali_devanagari_and_thai_print_in_their_letters_and_read_back_as_typed() throws IOException {
        var base = Receipts.receipt("AMN-2026-000016", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("রফিকুল ইসলাম কর্মকার", "জ্যোতি চৌধুরী", "प्रिया शर्मा", "Amit देव", "लक्ष्मी कार्तिक",
                "สมชาย ใจดี", "กิ่งแก้ว", "Rahman রহমান প্রিয়া", "Aisha (عائشة) प्रिया สมชาย")) {
            printsInItsLettersAndReadsBackAsTyped(base, name);
        }
    }

    /**
     * Donors' names in Tamil, Gurmukhi (Punjabi), Gujarati, Sinhala and Khmer printed as '?' a
     * letter: no bundled face had those scripts. They print in their letters, shaped as Bengali is
     * (FallbackFontTest shows the vowel signs and subscripts placed), and read back as typed.
     */
    @Test
    void names_in_tamil_gurmukhi_gujarati_sinhala_and_khmer_print_in_their_letters_and_read_back_as_typed() throws IOException {
        var base = Receipts.receipt("AMN-2026-000017", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("கோபால் குமார்", "தமிழ்செல்வி", "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ", "ਹਰਜੀਤ ਕੌਰ", "કિરણ પટેલ", "પ્રિયા શર્મા",
                "ශ්‍රියා පෙරේරා", "දිනේෂ් කුමාර", "សុខា ស្រី", "ចាន់ សេង", "Kumar குமார் ਸਿੰਘ કિરણ පෙරේරා សុខា")) {
            printsInItsLettersAndReadsBackAsTyped(base, name);
        }
    }

    /**
     * Donors' names in Telugu, Kannada, Malayalam and Oriya printed as '?' a letter: no bundled
     * face had those scripts. They print in their letters, shaped as the other Indic scripts are,
     * and read back as typed.
     */
    @Test
    void names_in_telugu_kannada_malayalam_and_oriya_print_in_their_letters_and_read_back_as_typed() throws IOException {
        var base = Receipts.receipt("AMN-2026-000018", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("కుమార్ రెడ్డి", "శ్రీనివాస్", "ಕಿರಣ್ ಕುಮಾರ್", "ಲಕ್ಷ್ಮಿ", "അനിൽ കുമാർ", "ശ്രീദേവി",
                "ପ୍ରିୟା ମହାନ୍ତି", "ସୁଭାଷ", "Kumar కుమార్ ಕಿರಣ್ അനിൽ ପ୍ରିୟା")) {
            printsInItsLettersAndReadsBackAsTyped(base, name);
        }
    }

    /**
     * Donors' names in Chinese and Japanese printed as '?' a character: no bundled face had Han or
     * kana. They print in Droid Sans Fallback's letters and read back as typed.
     */
    @Test
    void names_in_chinese_and_japanese_print_in_their_letters_and_read_back_as_typed() throws IOException {
        var base = Receipts.receipt("AMN-2026-000019", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("李小龍", "王秀英", "田中 さくら", "山田太郎", "ジョン・スミス",
                "Aisha 李小龍 さくら")) {
            printsInItsLettersAndReadsBackAsTyped(base, name);
        }
    }

    /**
     * Donors' names in Korean printed as '?' a syllable: no bundled face had Hangul's syllables.
     * They print in NanumSquare's letters and read back as typed.
     */
    @Test
    void names_in_korean_print_in_their_letters_and_read_back_as_typed() throws IOException {
        var base = Receipts.receipt("AMN-2026-000020", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var name : List.of("김민준", "이서연", "박 지훈", "Aisha 김민준 李小龍")) {
            printsInItsLettersAndReadsBackAsTyped(base, name);
        }
    }

    /**
     * {@code name} on {@code base} and at a statement's head: no '?' drawn, the text layer gives it
     * back as typed, and the receipt is the same bytes each time.
     */
    private static void printsInItsLettersAndReadsBackAsTyped(Receipt base, String name) throws IOException {
        var typed = Normalizer.normalize(name, Normalizer.Form.NFC);
        var pdf = ReceiptPdf.render(withDonor(base, name), UTC);
        assertThat(Normalizer.normalize(text(pdf), Normalizer.Form.NFKC)).as(name).contains(typed, base.serial());
        assertThat(glyphs(pdf)).as(name).doesNotContain("?");
        assertThat(ReceiptPdf.render(withDonor(base, name), UTC)).as(name).isEqualTo(pdf);
        var statement = new StatementPdf(Receipts.CHARITY, "donor-42", name, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), List.of(), List.of(), Instant.parse("2027-01-05T09:00:00Z"));
        assertThat(Normalizer.normalize(text(statement.render()), Normalizer.Form.NFKC)).as("statement for " + name).contains(typed);
    }

    /**
     * A name cut to fit (a campaign's, in a statement's column) is cut between characters, never
     * inside one: cut between the two halves of an emoji outside the Basic Multilingual Plane (😀,
     * which DejaVu Sans has), the half left over printed as '?'.
     */
    @Test
    void a_name_cut_to_fit_is_cut_between_characters() throws IOException {
        for (int length = 20; length <= 24; length++) { // the cut falls at a different place for each
            var name = "Sara " + "\uD83D\uDE00".repeat(length);
            var base = Receipts.receipt("AMN-2026-000011", Money.of("25.00", "GBP"), RAMADAN_1447);
            var receipt = new Receipt(base.serial(), base.year(), base.number(), base.donationId(), base.replaces(), base.charity(),
                    base.donor(), base.amount(), base.fundType(), base.campaignId(), name,
                    base.donatedOn(), base.donatedOnHijri(), base.paymentReference(), base.issuedAt());
            var statement = new StatementPdf(Receipts.CHARITY, "donor-42", "Aisha Rahman", LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 12, 31), List.of(receipt), List.of(), Instant.parse("2027-01-05T09:00:00Z"));

            assertThat(glyphs(statement.render())).as(name).contains("Sara \uD83D\uDE00", "\uD83D\uDE00...").doesNotContain("?");
        }
    }

    /**
     * The donor's name at the head of a statement, a tax document, is printed whole, wrapped onto
     * further lines as on a receipt: it was cut with "..." at about 50 characters, and a name
     * broken inside a long word is broken between characters, never inside one.
     */
    @Test
    void a_long_name_is_printed_whole_at_the_head_of_a_statement() throws IOException {
        var name = "Muhammad Abdurrahman ibn Abdulaziz ibn Abdullah ibn Faisal Al-Hashimi Al-Qurashi Al-Makki Al-Madani";
        var emoji = "Sara " + "\uD83D\uDE00".repeat(70);
        var receipt = Receipts.receipt("AMN-2026-000011", Money.of("25.00", "GBP"), RAMADAN_1447);
        for (var typed : List.of(name, emoji)) {
            var statement = new StatementPdf(Receipts.CHARITY, "donor-42", typed, LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 12, 31), List.of(receipt), List.of(), Instant.parse("2027-01-05T09:00:00Z"));
            var pdf = statement.render();

            var onPage = onThePage(pdf);
            assertThat(onPage.replaceAll("\\s", "")).as(typed).contains(typed.replace(" ", ""), "donor-42",
                    "AMN-2026-000011", "25.00GBP", StatementPdf.NOT_A_RECEIPT.replace(" ", ""));
            assertThat(onPage).as(typed).doesNotContain("...", "?");
            assertThat(pages(pdf)).isEqualTo(1);
        }
    }

    /**
     * A name typed with combining accents (e and U+0301) is printed as the same letters as one
     * typed with precomposed ones: Helvetica has no combining accents, so such a name was set in
     * another face than the same name typed on another keyboard.
     */
    @Test
    void a_name_with_combining_accents_prints_as_the_precomposed_letters() throws IOException {
        var base = Receipts.receipt("AMN-2026-000016", Money.of("25.00", "GBP"), RAMADAN_1447);
        var decomposed = ReceiptPdf.render(withDonor(base, "Ame\u0301lie Zoe\u0308"), UTC);
        var precomposed = ReceiptPdf.render(withDonor(base, "Amélie Zoë"), UTC);

        assertThat(glyphs(decomposed)).contains("Amélie Zoë");
        assertThat(decomposed).isEqualTo(precomposed);
    }

    /**
     * Donors' names in the Arabic script as Urdu, Persian, Arabic, Pashto, Sindhi and Kurdish
     * (Sorani) write it: every letter is drawn (no '?') and read back, on a receipt and on a statement. Urdu's heh goal (ہ), heh
     * doachashmee (ھ) and yeh barree (ے), and Sindhi's implosives (ڳ ڏ ڻ), were in neither DejaVu
     * face, so "شہزاد بٹ" printed as "ش?زاد بٹ".
     */
    @Test
    void names_in_every_language_written_in_arabic_script_print_every_letter() throws IOException {
        var base = Receipts.receipt("AMN-2026-000012", Money.of("25.00", "GBP"), RAMADAN_1447);
        var names = List.of(
                "شہزاد بٹ", "نگہت بھٹی", "محمد اقبال ڈار", "عائشہ صدیقی", "ممتاز خاں", "ثمینہ چوہدری", "گوہر ایوب", // Urdu
                "پرویز ناتل خانلری", "ژاله آرزو", "کوروش مهدی\u200Cزاده", // Persian
                "فاطمة الزهراء", "لؤي بن غالب", "إسراء مؤمن", // Arabic
                "خوشحال خان خټک", "ملالۍ وږمه", "ښايسته ګل زدراڼ", "اڅکزی", // Pashto
                "ذوالفقار علي ڀٽو", "غلام مصطفيٰ ڪلهوڙو", "عبدالواحد ميمڻ", "ڄام صادق", "ڏاهري", "ڳاڙهو", // Sindhi
                "شێرکۆ بێکەس", "ڕێبوار", "گوڵاڵە", "ھەڵۆ"); // Kurdish (Sorani)
        for (var name : names) {
            var pdf = ReceiptPdf.render(withDonor(base, name), UTC);
            assertThat(glyphs(pdf)).as(name).doesNotContain("?");
            assertThat(ReceiptPdf.render(withDonor(base, name), UTC)).as(name).isEqualTo(pdf);
            var read = Normalizer.normalize(text(pdf), Normalizer.Form.NFKC);
            for (var word : Normalizer.normalize(name, Normalizer.Form.NFKC).replace("\u200C", " ").split(" ")) {
                assertThat(read).as(name).contains(word);
            }
            var statement = new StatementPdf(Receipts.CHARITY, "donor-42", name, LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 12, 31), List.of(), List.of(), Instant.parse("2027-01-05T09:00:00Z"));
            assertThat(glyphs(statement.render())).as("statement for " + name).doesNotContain("?");
        }
    }

    /**
     * Every letter of those alphabets alone, first, in the middle and last in a word (joined to a
     * tatweel) is drawn, in the joined form where a bundled face has it and as the plain letter
     * where none does: never as '?'.
     */
    @Test
    void every_letter_of_the_arabic_script_alphabets_is_drawn_in_every_position() throws IOException {
        var base = Receipts.receipt("AMN-2026-000013", Money.of("25.00", "GBP"), RAMADAN_1447);
        var alphabets = Map.of(
                "Arabic", "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
                "Persian", "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
                "Urdu", "اآبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۂۓ",
                "Pashto", "ابپتټثجځچڅحخدډذرړزژږسشښصضطظعغفقکګلمنڼوهۀيېۍئ",
                "Sindhi", "اببٻڀتٺٽٿثپجڄڃچڇحخدڌڏڊڍذرڙزژسشصضطظعغفڦقڪکڳگڱلمنڻوهھءيې",
                "Kurdish", "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنوۆھەیێ");
        for (var alphabet : alphabets.entrySet()) {
            var letters = alphabet.getValue().codePoints().mapToObj(Character::toString).toList();
            for (int from = 0; from < letters.size(); from += 8) { // a name holds 200 characters at most
                var name = new StringJoiner(" ");
                for (var l : letters.subList(from, Math.min(from + 8, letters.size()))) {
                    name.add(l).add(l + "\u0640").add("\u0640" + l + "\u0640").add("\u0640" + l);
                }
                var pdf = ReceiptPdf.render(withDonor(base, name.toString()), UTC);
                assertThat(glyphs(pdf)).as(alphabet.getKey() + ": " + name).doesNotContain("?");
            }
        }
    }

    /**
     * Letters are joined as their neighbours call for, checked on the presentation forms of the
     * text layer (left to right, so a word's last letter first; the outline drawn over them is the
     * face's own joining, FallbackFontTest): "شہزاد" is shin initial, heh goal medial, zain final,
     * then alef and dal standing alone.
     */
    @Test
    void urdu_letters_are_joined_to_their_neighbours() throws IOException {
        var base = Receipts.receipt("AMN-2026-000014", Money.of("25.00", "GBP"), RAMADAN_1447);
        var drawn = glyphs(ReceiptPdf.render(withDonor(base, "شہزاد بھٹی خاں ڈار بڑے"), UTC));
        assertThat(drawn).contains(
                forms(0xFEA9, 0xFE8D, 0xFEB0, 0xFBA9, 0xFEB7), // شہزاد: dal, alef isolated; zain final; heh goal medial; shin initial
                forms(0xFBFD, 0xFB69, 0xFBAD, 0xFE91), // بھٹی: farsi yeh final; tteh, heh doachashmee medial; beh initial
                forms(0xFB9E, 0xFE8E, 0xFEA7), // خاں: noon ghunna isolated; alef final; khah initial
                forms(0xFEAD, 0xFE8D, 0xFB88), // ڈار: reh, alef, ddal isolated
                forms(0xFBAE, 0xFB8D, 0xFE91)); // بڑے: yeh barree isolated; rreh final; beh initial
    }

    private static String forms(int... codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    /** The characters of the glyphs drawn, in the order drawn (presentation forms as they are; '?' where no face had one). */
    private static String glyphs(byte[] pdf) throws IOException {
        var drawn = new StringBuilder();
        try (var document = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition glyph) {
                    drawn.append(glyph.getUnicode());
                }
            }.getText(document);
        }
        return drawn.toString();
    }

    /**
     * A name or an address wider than the page is wrapped, every letter on the page: the name was
     * cut with "..." at about 60 characters (a receipt in part of the donor's name), and a long
     * address ran off the page's right edge.
     */
    @Test
    void a_long_name_and_address_are_printed_whole_on_the_page() throws IOException {
        var name = "Muhammad Abdurrahman ibn Abdulaziz ibn Abdullah ibn Faisal Al-Hashimi Al-Qurashi Al-Makki Al-Madani";
        var email = "muhammad.abdurrahman.ibn.abdulaziz.al-hashimi@receipts-and-donations.mail.example-charity-partners-of-the-united-kingdom.org.uk";
        var arabic = "محمد عبد الرحمن بن عبد العزيز بن عبد الله بن فيصل الهاشمي القرشي المكي المدني الحجازي";
        var base = Receipts.receipt("AMN-2026-000011", Money.of("25.00", "GBP"), RAMADAN_1447);
        var receipt = new Receipt(base.serial(), base.year(), base.number(), base.donationId(), base.replaces(), base.charity(),
                Donor.of(base.donor().id(), email, name), base.amount(), base.fundType(), base.campaignId(), base.campaignName(),
                base.donatedOn(), base.donatedOnHijri(), base.paymentReference(), base.issuedAt());

        var onPage = onThePage(ReceiptPdf.render(receipt, UTC));
        assertThat(onPage.replaceAll("\\s", "")).contains(name.replace(" ", ""), email, "25.00GBP",
                ReceiptPdf.NO_BENEFIT.replace(" ", ""));
        assertThat(onPage).doesNotContain("...");
        var arabicOnPage = Normalizer.normalize(onThePage(ReceiptPdf.render(withDonor(base, arabic), UTC)), Normalizer.Form.NFKC);
        for (var word : arabic.split(" ")) {
            assertThat(arabicOnPage).contains(word);
        }
        assertThat(arabicOnPage).doesNotContain("...");
    }

    /** The text inside the page's edges (text drawn past them is in the file but not on the paper). */
    private static String onThePage(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            var page = document.getPage(0);
            var stripper = new PDFTextStripperByArea();
            var box = page.getMediaBox();
            stripper.addRegion("page", new Rectangle2D.Float(0, 0, box.getWidth(), box.getHeight()));
            stripper.extractRegions(page);
            return stripper.getTextForRegion("page");
        }
    }

    @Test
    void a_statement_lists_receipts_and_totals_each_currency_over_several_pages() throws IOException {
        var receipts = new ArrayList<Receipt>();
        for (int i = 1; i <= 45; i++) {
            receipts.add(Receipts.receipt("AMN-2026-%06d".formatted(i), i % 3 == 0 ? Money.of("10.01", "USD") : Money.of("2.50", "GBP"),
                    LocalDate.of(2026, 1, 1).plusDays(i)));
        }
        var statement = new StatementPdf(Receipts.CHARITY, "donor-42", "Aisha Rahman", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), receipts, List.of(), java.time.Instant.parse("2027-01-05T09:00:00Z"));

        var pdf = statement.render();
        var text = text(pdf);

        assertThat(pages(pdf)).isEqualTo(2);
        assertThat(text).contains("STATEMENT OF DONATIONS", "1 January 2026 to 31 December 2026", "Aisha Rahman", "donor-42",
                "Total GBP", "75.00 GBP", "Total USD", "150.15 USD", StatementPdf.NOT_A_RECEIPT);
        for (var receipt : receipts) {
            assertThat(text).contains(receipt.serial());
        }
        assertThat(statement.totals().values()).containsExactly(Money.of("75.00", "GBP"), Money.of("150.15", "USD"));
    }

    @Test
    void a_statement_lists_refunds_as_negative_lines_and_totals_what_was_given_net_of_them() throws IOException {
        var refundedInFull = Receipts.receipt("AMN-2026-000001", Money.of("25.00", "GBP"), RAMADAN_1447);
        var refundedInPart = Receipts.receipt("AMN-2026-000002", Money.of("40.00", "GBP"), RAMADAN_1447.plusDays(1));
        var kept = Receipts.receipt("AMN-2026-000003", Money.of("10.00", "USD"), RAMADAN_1447.plusDays(2));
        var statement = new StatementPdf(Receipts.CHARITY, "donor-42", "Aisha Rahman", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), List.of(refundedInFull, refundedInPart, kept), List.of(
                        new StatementPdf.Refund("AMN-2026-000001", Money.of("25.00", "GBP"), LocalDate.of(2026, 3, 1)),
                        new StatementPdf.Refund("AMN-2026-000002", Money.of("15.50", "GBP"), LocalDate.of(2026, 3, 2))),
                java.time.Instant.parse("2027-01-05T09:00:00Z"));

        var text = text(statement.render());

        assertThat(statement.totals().values()).containsExactly(Money.of("24.50", "GBP"), Money.of("10.00", "USD"));
        assertThat(text).contains("-25.00 GBP", "-15.50 GBP", "1 March 2026", "Total GBP", "24.50 GBP", "Total USD", "10.00 USD",
                StatementPdf.REFUNDS_NETTED);
        assertThatThrownBy(() -> new StatementPdf(Receipts.CHARITY, "donor-42", null, RAMADAN_1447, RAMADAN_1447, List.of(kept),
                List.of(new StatementPdf.Refund("AMN-2026-000001", Money.of("1.00", "GBP"), RAMADAN_1447)), java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AMN-2026-000001");
    }

    @Test
    void a_statement_refuses_another_donors_receipt() {
        var other = withDonorId(Receipts.receipt("AMN-2026-000001", Money.of("1.00", "GBP"), RAMADAN_1447), "donor-7");
        assertThatThrownBy(() -> new StatementPdf(Receipts.CHARITY, "donor-42", null, RAMADAN_1447, RAMADAN_1447, List.of(other),
                List.of(), java.time.Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AMN-2026-000001");
    }

    @Test
    void two_donors_never_share_a_statement_file() {
        // Ids with characters a file name cannot hold: "x! " and "x ?" both read "x__", and have
        // the same String.hashCode; "a_b-" + that hash of "a b" is itself a safe id.
        var ids = List.of("x! ", "x ?", "a b", "a_b-" + Integer.toHexString("a b".hashCode()));
        assertThat("x! ".hashCode()).isEqualTo("x ?".hashCode());
        var names = ids.stream().map(id -> Statements.fileName(new StatementPdf(Receipts.CHARITY, id, null, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), List.of(), List.of(), java.time.Instant.EPOCH))).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).allSatisfy(name -> assertThat(name).matches("[A-Za-z0-9._~-]+"));
    }

    private static Receipt withDonor(Receipt r, String name) {
        return new Receipt(r.serial(), r.year(), r.number(), r.donationId(), r.replaces(), r.charity(),
                Donor.of(r.donor().id(), null, name), r.amount(), r.fundType(), r.campaignId(), r.campaignName(), r.donatedOn(),
                r.donatedOnHijri(), r.paymentReference(), r.issuedAt());
    }

    private static Receipt issuedAt(Receipt r, Instant issuedAt) {
        return new Receipt(r.serial(), r.year(), r.number(), r.donationId(), r.replaces(), r.charity(), r.donor(), r.amount(),
                r.fundType(), r.campaignId(), r.campaignName(), r.donatedOn(), r.donatedOnHijri(), r.paymentReference(), issuedAt);
    }

    private static Receipt withDonorId(Receipt r, String donorId) {
        return new Receipt(r.serial(), r.year(), r.number(), r.donationId(), r.replaces(), r.charity(),
                Donor.of(donorId, null, null), r.amount(), r.fundType(), r.campaignId(), r.campaignName(), r.donatedOn(),
                r.donatedOnHijri(), r.paymentReference(), r.issuedAt());
    }
}
