package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZakatCommandTest {
    private static final Clock TODAY = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final List<String> BASE = List.of("zakat", "--currency", "GBP", "--nisab-reached", "2024-03-11",
            "--gold-price", "68.40", "--silver-price", "0.79");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(List<String> base, String... args) {
        var all = new ArrayList<>(base);
        all.addAll(List.of(args));
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(TODAY);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(BASE, args);
    }

    @Test
    void help_lists_the_zakat_options() {
        var result = run(List.of("zakat", "--help"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--nisab-reached", "--gold-price", "--json", "--hawl");
    }

    @Test
    void top_level_lists_zakat_as_a_subcommand() {
        var result = run(List.of("--help"));
        assertThat(result.out()).contains("zakat");
    }

    @Test
    void prints_the_amount_and_the_explanation() {
        // 4200.00 + 20 g × 68.40 (1368.00) − 300.00 = 5268.00 × 0.025 = 131.70
        var result = run("--cash", "4200.00", "--gold", "20", "--debt", "300");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ZAKAT DUE: 131.70 GBP (exact 131.70, rounded up)")
                .contains("NET_WEALTH net wealth  5268.00 GBP")
                .contains("silver nisab  470.05 GBP");
    }

    @Test
    void json_output_carries_exact_amounts_as_strings() throws IOException {
        var result = run("--cash", "1234.57", "--json");
        assertThat(result.exitCode()).isZero();
        var json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readTree(result.out());
        assertThat(json.get("outcome").asText()).isEqualTo("DUE");
        assertThat(json.get("amountDue").asText()).isEqualTo("30.87");
        assertThat(json.get("exactAmount").asText()).isEqualTo("30.86425");
        assertThat(json.get("rounding").asText()).isEqualTo("CEILING");
        assertThat(json.get("nisab").get("metal").asText()).isEqualTo("SILVER");
        assertThat(json.get("explanation").get("steps")).hasSize(7);
    }

    @Test
    void not_due_exits_zero_and_says_why() {
        var result = run("--cash", "100.00");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ZAKAT NOT DUE: net wealth 100 is below nisab 470.05");
    }

    @Test
    void negative_weight_is_a_one_line_error_naming_the_flag() {
        var result = run("--gold", "-5");
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err().strip()).isEqualTo("amanah zakat: NEGATIVE_WEIGHT --gold: a weight must not be negative, was -5")
                .doesNotContain("\n");
    }

    @Test
    void unknown_currency_is_a_one_line_error_naming_the_flag() {
        var result = run(List.of("zakat", "--currency", "GBX", "--nisab-reached", "2024-03-11", "--cash", "1"));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: UNKNOWN_CURRENCY --currency: 'GBX'");
    }

    @Test
    void currency_outside_the_allow_list_is_not_accepted() {
        var result = run("--accept", "USD,EUR", "--cash", "1");
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: CURRENCY_NOT_ACCEPTED --currency");
    }

    @Test
    void missing_price_names_the_price_field_and_its_flag() {
        var result = run(List.of("zakat", "--currency", "GBP", "--nisab-reached", "2024-03-11", "--silver-price", "0.79",
                "--gold", "10"));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: MISSING_PRICE prices.gold (--gold-price):");
    }

    @Test
    void bad_decimal_and_too_many_decimals_name_the_flag() {
        assertThat(run("--cash", "12,50").err()).startsWith("amanah zakat: NOT_A_NUMBER --cash:");
        assertThat(run("--cash", "12.505").err()).startsWith("amanah zakat: TOO_MANY_DECIMALS --cash:");
    }

    /**
     * The web calculator (POST /zakat) hands its fields to this command: 14 characters of
     * scientific notation would otherwise cost a minute of CPU and gigabytes when scaled.
     */
    @Test
    void a_huge_exponent_in_an_amount_or_a_price_is_refused_promptly_naming_the_flag() {
        var cash = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("--cash", "1e100000000"));
        assertThat(cash.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(cash.err()).startsWith("amanah zakat: NOT_A_NUMBER --cash:");
        var price = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(List.of("zakat", "--currency", "GBP",
                "--nisab-reached", "2024-03-11", "--gold-price", "1e100000000", "--silver-price", "0.79", "--cash", "100.00")));
        assertThat(price.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(price.err()).startsWith("amanah zakat: NOT_A_NUMBER --gold-price:");
    }

    /**
     * An amount past what Money holds (a long of minor units) is refused in the calculator's words:
     * the message talked of "the ledger", which a person assessing their zakat has nothing to do with.
     */
    @Test
    void an_amount_given_or_worked_out_past_the_largest_amount_is_refused_without_talking_of_a_ledger() {
        var cash = run("--cash", "99999999999999999999");
        assertThat(cash.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(cash.err()).isEqualTo("amanah zakat: AMOUNT_TOO_LARGE --cash: 99999999999999999999 GBP is more than"
                + " the largest amount handled, 92233720368547758.07 GBP" + System.lineSeparator());
        // a value the calculator works out: 1000 g of gold at the largest price
        var gold = run(List.of("zakat", "--currency", "GBP", "--nisab-reached", "2024-03-11", "--gold-price",
                "92233720368547758", "--silver-price", "0.79", "--gold", "1000"));
        assertThat(gold.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(gold.err()).startsWith("amanah zakat: AMOUNT_TOO_LARGE ").contains("the largest amount handled")
                .doesNotContain("ledger");
    }

    /** An assessment date the calendar cannot reach named only the domain's "assessmentDate", not the flag that set it. */
    @Test
    void an_assessment_date_outside_the_calendar_names_its_flag() {
        var result = run("--cash", "1000", "--date", "2300-01-01");
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: INVALID_DATE assessmentDate (--date): 2300-01-01 ");
    }

    /** Gold worth more than any amount was refused as the zakat due, 'AMOUNT_TOO_LARGE amount', naming no input at all. */
    @Test
    void metal_worth_more_than_the_largest_amount_names_the_flag_or_the_key_that_gave_it() throws IOException {
        var flags = run("--gold", "9999999999999999999");
        assertThat(flags.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(flags.err()).isEqualTo("amanah zakat: AMOUNT_TOO_LARGE assets[0] (--gold): valuing gold: gold #1:"
                + " 683999999999999999931.60 GBP is more than the largest amount handled, 92233720368547758.07 GBP"
                + System.lineSeparator());

        var file = Files.writeString(dir.resolve("gold.yaml"), """
                currency: GBP
                nisabReached: 2024-03-11
                prices: { gold: 68.40, silver: 0.79 }
                assets:
                  - { kind: cash, description: Savings, amount: 100.00 }
                  - { kind: gold, description: Bars, grams: 9999999999999999999 }
                """);
        var fromFile = run(List.of("zakat", "--file", file.toString()));
        assertThat(fromFile.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(fromFile.err()).startsWith("amanah zakat: AMOUNT_TOO_LARGE assets[1].grams: valuing gold: Bars: ");
    }

    /**
     * A zakat due past the largest amount named Money's field, 'AMOUNT_TOO_LARGE amount: ...', which
     * no flag or key is; it names the assets now, by the flags or the file's key that gave them.
     */
    @Test
    void a_zakat_due_more_than_any_amount_names_the_assets_as_given() throws IOException {
        var cash = new ArrayList<String>();
        var yaml = new StringBuilder("currency: GBP\nnisabReached: 2024-03-11\nprices: { gold: 68.40, silver: 0.79 }\nassets:\n");
        for (var i = 0; i < 45; i++) {
            cash.addAll(List.of("--cash", "92233720368547758"));
            yaml.append("  - { kind: cash, amount: 92233720368547758 }\n");
        }
        var flags = run(cash.toArray(String[]::new));
        assertThat(flags.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(flags.err()).isEqualTo("amanah zakat: AMOUNT_TOO_LARGE assets (--cash): the zakat due on them:"
                + " 103762935414616227.75 GBP is more than the largest amount handled, 92233720368547758.07 GBP"
                + System.lineSeparator());

        var fromFile = run(List.of("zakat", "--file", Files.writeString(dir.resolve("much.yaml"), yaml).toString()));
        assertThat(fromFile.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(fromFile.err()).startsWith("amanah zakat: AMOUNT_TOO_LARGE assets: the zakat due on them: 103762935414616227.75 GBP is more ");
    }

    /** Twelve monthly payments past the largest amount were 'AMOUNT_TOO_LARGE amount', though only the outstanding is deducted. */
    @Test
    void instalments_whose_year_is_more_than_any_amount_deduct_the_outstanding() {
        var run = run("--cash", "5000", "--instalments", "9999999999999999/1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("liability: instalments #1  1.00 GBP");
    }

    /** A file's dates were named by the flags the file does not use: 'nisabReachedOn (--nisab-reached)'. */
    @Test
    void a_refused_date_from_a_file_is_named_by_the_files_key_and_the_calendar_says_its_range() throws IOException {
        var after = Files.writeString(dir.resolve("after.yaml"), """
                currency: GBP
                date: 2025-03-01
                nisabReached: 2025-04-01
                prices: { gold: 68.40, silver: 0.79 }
                assets: [ { kind: cash, description: Savings, amount: 1000.00 } ]
                """);
        var reached = run(List.of("zakat", "--file", after.toString()));
        assertThat(reached.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(reached.err()).startsWith("amanah zakat: INVALID_DATE nisabReached: 2025-04-01 ");

        var late = Files.writeString(dir.resolve("late.yaml"), """
                currency: GBP
                date: 2300-01-01
                nisabReached: 2024-03-11
                prices: { gold: 68.40, silver: 0.79 }
                assets: [ { kind: cash, description: Savings, amount: 1000.00 } ]
                """);
        var outside = run(List.of("zakat", "--file", late.toString()));
        assertThat(outside.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(outside.err()).isEqualTo("amanah zakat: INVALID_DATE date: 2300-01-01 is outside the Umm al-Qura"
                + " calendar's range, 1882-11-12 to 2174-11-25" + System.lineSeparator());

        var noPrice = Files.writeString(dir.resolve("no-price.yaml"), """
                currency: GBP
                nisabReached: 2024-03-11
                prices: { silver: 0.79 }
                assets: [ { kind: gold, description: Bars, grams: 100 } ]
                """);
        assertThat(run(List.of("zakat", "--file", noPrice.toString())).err()).startsWith("amanah zakat: MISSING_PRICE prices.gold: ");
    }

    /**
     * picocli's own refusal of a KEY=VALUE option read "Value for option option '--balance' (DATE=AMOUNT) should be
     * in KEY=VALUE format but was x" and then printed the whole usage; these flags are read as the other pairs are.
     */
    @Test
    void a_balance_or_a_fraction_without_its_equals_sign_is_one_line_naming_the_flag() {
        var balance = run("--cash", "1000", "--balance", "x");
        assertThat(balance.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(balance.err()).isEqualTo("amanah zakat: INVALID_VALUE --balance: 'x' is not DATE=AMOUNT, e.g. 2024-07-01=240.00"
                + System.lineSeparator());
        var fraction = run("--cash", "1000", "--fraction", "INVESTMENT");
        assertThat(fraction.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(fraction.err()).isEqualTo("amanah zakat: INVALID_VALUE --fraction: 'INVESTMENT' is not KIND=FRACTION,"
                + " e.g. INVESTMENT=0.25" + System.lineSeparator());
        // a list, not a map: a second balance on one day is refused, not put over the first
        var twice = run("--cash", "1000", "--hawl", "CONTINUOUS", "--balance", "2024-06-01=100.00", "--balance", "2024-06-01=900.00");
        assertThat(twice.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(twice.err()).startsWith("amanah zakat: INVALID_DATE balanceHistory[1].date (--balance): ");
    }

    @Test
    void missing_nisab_reached_is_named() {
        var result = run(List.of("zakat", "--currency", "GBP", "--cash", "1"));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: MISSING_INPUT --nisab-reached:");
    }

    @Test
    void policy_flags_change_the_assessment() {
        // gold nisab 85 × 68.40 = 5814.00: 5000.00 is not due under GOLD; SOLAR needs the Gregorian anniversary
        assertThat(run("--cash", "5000.00", "--nisab", "gold").out()).contains("ZAKAT NOT DUE");
        assertThat(run("--cash", "5000.00", "--year", "SOLAR", "--date", "2025-03-11").out())
                .contains("ZAKAT DUE: 128.85 GBP");
        assertThat(run("--cash", "5000.00", "--hawl", "CONTINUOUS", "--balance", "2024-06-01=100.00").out())
                .contains("ZAKAT NOT DUE: the hawl was broken on 2024-06-01");
    }

    @Test
    void yaml_file_is_read_with_exact_decimals() throws IOException {
        var file = dir.resolve("zakat.yaml");
        Files.writeString(file, """
                currency: GBP
                date: 2025-03-01
                nisabReached: 2024-03-11
                policy:
                  nisab: SILVER
                  fractions: { INVESTMENT: 0.25 }
                prices: { gold: 68.40, silver: 0.79, source: LBMA PM fix, at: 2025-02-28T15:00:00Z }
                assets:
                  - { kind: cash, description: Current account, amount: 0.10 }
                  - { kind: cash, description: Savings, amount: 1000.20 }
                  - { kind: investment, description: Index fund, amount: 400.00 }
                  - { kind: gold, description: Bangles, grams: 100, purity: 21k, personalUse: true }
                liabilities:
                  - { kind: instalments, description: Car loan, monthlyPrincipal: 250, outstandingPrincipal: 5400 }
                """);
        // 0.10 + 1000.20 + 100.00 + 5985.00 − 3000.00 = 4085.30 × 0.025 = 102.1325 → 102.14
        var result = run(List.of("zakat", "--file", file.toString()));
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("ZAKAT DUE: 102.14 GBP (exact 102.1325, rounded up)")
                .contains("LBMA PM fix, 2025-02-28T15:00:00Z");
    }

    @Test
    void file_numbers_keep_digits_a_binary_floating_point_number_would_lose() throws IOException {
        var file = dir.resolve("big.yaml");
        Files.writeString(file, """
                currency: GBP
                nisabReached: 2024-03-11
                policy: { nisab: SILVER }
                prices: { silver: 0.79 }
                assets: [ { kind: cash, amount: 12345678901234567.89 } ]
                """);
        var json = JsonMapper.builder().build().readTree(run(List.of("zakat", "--file", file.toString(), "--json")).out());
        assertThat(json.get("netWealth").asText()).isEqualTo("12345678901234567.89");
        assertThat(json.get("amountDue").asText()).isEqualTo("308641972530864.20");
    }

    /** A key written twice would count only its last value (the first debt silently dropped): refused. */
    @Test
    void a_key_written_twice_in_a_file_is_refused() throws IOException {
        var yaml = dir.resolve("twice.yaml");
        Files.writeString(yaml, """
                currency: GBP
                nisabReached: 2024-03-11
                policy: { nisab: SILVER }
                prices: { silver: 0.79 }
                assets: [ { kind: cash, amount: 5000 } ]
                liabilities: [ { kind: debt, amount: 4000 } ]
                liabilities: [ { kind: debt, amount: 1 } ]
                """);
        var json = dir.resolve("twice.json");
        Files.writeString(json, """
                {"currency": "GBP", "nisabReached": "2024-03-11", "policy": {"nisab": "SILVER"}, "prices": {"silver": 0.79},
                 "assets": [{"kind": "cash", "amount": 5000, "amount": 50}]}
                """);
        for (var file : List.of(yaml, json)) {
            var result = run(List.of("zakat", "--file", file.toString()));
            assertThat(result.exitCode()).as(result.out()).isEqualTo(Amanah.BAD_INPUT);
            assertThat(result.err()).as(file.toString()).startsWith("amanah zakat: UNREADABLE_FILE " + file).contains("twice");
        }
    }

    /** YAML 1.1 reads a plain 0500 as octal (320); an amount means what its digits say in decimal. */
    @Test
    void a_yaml_number_with_a_leading_zero_keeps_its_written_decimal_value() throws IOException {
        var file = dir.resolve("zakat.yaml");
        Files.writeString(file, """
                currency: GBP
                nisabReached: 2024-03-11
                policy: { nisab: SILVER }
                prices: { silver: 0.79 }
                assets: [ { kind: cash, amount: 0500 }, { kind: silver, grams: 010, purity: 1 } ]
                """);
        var result = run(List.of("zakat", "--file", file.toString(), "--json"));
        assertThat(result.err()).isEmpty();
        // 500.00 + 10 g × 0.79 = 507.90
        assertThat(JsonMapper.builder().build().readTree(result.out()).get("netWealth").asText()).isEqualTo("507.90");
    }

    /** YAML reads 0x1F as 31 and 1_000 as 1000: refused, as the same text in a flag or a quoted string is. */
    @Test
    void a_yaml_number_in_another_notation_than_plain_decimal_is_refused_naming_the_field() throws IOException {
        for (var written : List.of("0x1F", "1_000", "0b101", "1e3")) {
            var file = dir.resolve("zakat.yaml");
            Files.writeString(file, "currency: GBP\nnisabReached: 2024-03-11\nprices: { silver: 0.79 }\n"
                    + "assets: [ { kind: cash, amount: 100 }, { kind: cash, amount: " + written + " } ]\n");
            var result = run(List.of("zakat", "--file", file.toString()));
            assertThat(result.exitCode()).as(written).isEqualTo(Amanah.BAD_INPUT);
            assertThat(result.err()).as(written).startsWith("amanah zakat: NOT_A_NUMBER assets[1].amount: '" + written + "'");
        }
    }

    /** Numbers are kept as text, so personalUse: 1 would read as false: only true or false is taken. */
    @Test
    void a_yes_no_field_other_than_true_or_false_is_refused_naming_the_field() throws IOException {
        var file = dir.resolve("zakat.yaml");
        Files.writeString(file, "currency: GBP\nnisabReached: 2024-03-11\nprices: { gold: 68.40, silver: 0.79 }\n"
                + "assets: [ { kind: gold, grams: 100, purity: 21k, personalUse: 1 } ]\n");
        assertThat(run(List.of("zakat", "--file", file.toString())).err())
                .startsWith("amanah zakat: INVALID_VALUE assets[0].personalUse: '1' is not true or false");
    }

    /** JSON allows exponents: 1e100000000 must not be expanded to its hundred million digits before being refused. */
    @Test
    void a_json_number_with_a_huge_exponent_is_refused_promptly_naming_the_field() throws IOException {
        var file = dir.resolve("zakat.json");
        Files.writeString(file, """
                {"currency": "GBP", "nisabReached": "2024-03-11", "policy": {"nisab": "SILVER"}, "prices": {"silver": 0.79},
                 "assets": [{"kind": "cash", "amount": 1e100000000}]}
                """);
        var result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(List.of("zakat", "--file", file.toString())));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: NOT_A_NUMBER assets[0].amount: '1e100000000'");
    }

    @Test
    void json_file_errors_name_the_files_field() throws IOException {
        var file = dir.resolve("zakat.json");
        Files.writeString(file, """
                {"currency": "GBP", "nisabReached": "2024-03-11",
                 "prices": {"silver": 0.79},
                 "assets": [{"kind": "cash", "amount": 10}, {"kind": "silver", "grams": -3}]}
                """);
        var result = run(List.of("zakat", "--file", file.toString()));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: NEGATIVE_WEIGHT assets[1].grams:");
    }

    @Test
    void unknown_key_in_a_file_is_refused() throws IOException {
        var file = dir.resolve("zakat.yml");
        Files.writeString(file, "currency: GBP\nnisabReached: 2024-03-11\nasets: []\n");
        assertThat(run(List.of("zakat", "--file", file.toString())).err())
                .startsWith("amanah zakat: UNKNOWN_FIELD asets:");
    }
    /**
     * A list or a mapping where one value belongs was read as empty text: an amount was "'' is not
     * a decimal number", a description silently blank, and fractions that were not a mapping were
     * ignored, assessing under the default fractions.
     */
    @Test
    void a_list_or_a_mapping_where_one_value_belongs_is_refused_naming_the_field() throws IOException {
        var head = "currency: GBP\nnisabReached: 2024-03-11\nprices: { gold: 68.40, silver: 0.79 }\n";
        var cases = List.of(
                List.of(head + "assets: [ { kind: cash, amount: [1] } ]\n", "assets[0].amount"),
                List.of(head + "assets: [ { kind: cash, amount: { a: 1 } } ]\n", "assets[0].amount"),
                List.of(head + "assets: [ { kind: cash, amount: 100, description: [x] } ]\n", "assets[0].description"),
                List.of("currency: [GBP]\nnisabReached: 2024-03-11\n", "currency"),
                List.of(head + "policy: { fractions: { INVESTMENT: [0.25] } }\n", "policy.fractions.INVESTMENT"));
        for (var one : cases) {
            var file = Files.writeString(dir.resolve("shape.yaml"), one.get(0));
            var result = run(List.of("zakat", "--file", file.toString()));
            assertThat(result.exitCode()).as(one.get(0)).isEqualTo(Amanah.BAD_INPUT);
            assertThat(result.err()).as(one.get(0)).isEqualTo("amanah zakat: INVALID_VALUE " + one.get(1)
                    + ": must be one value, not a list or a mapping" + System.lineSeparator());
        }
        for (var fractions : List.of("5", "[ 0.25 ]")) {
            var file = Files.writeString(dir.resolve("fractions.yaml"), head
                    + "policy: { fractions: " + fractions + " }\nassets: [ { kind: investment, amount: 8000 } ]\n");
            var result = run(List.of("zakat", "--file", file.toString()));
            assertThat(result.exitCode()).as(fractions).isEqualTo(Amanah.BAD_INPUT);
            assertThat(result.err()).as(fractions).startsWith("amanah zakat: INVALID_VALUE policy.fractions: must be a mapping");
        }
    }

    /** The parser's own words were cut to their first line: no line or column, and Jackson's internals for JSON. */
    @Test
    void a_file_that_is_not_valid_yaml_or_json_is_refused_naming_the_line_and_column() throws IOException {
        var yaml = Files.writeString(dir.resolve("broken.yaml"), "currency: GBP\n  date: [\n");
        var json = Files.writeString(dir.resolve("broken.json"), "{\"currency\": \"GBP\",\n \"date\": }\n");
        for (var file : List.of(yaml, json)) {
            var result = run(List.of("zakat", "--file", file.toString()));
            assertThat(result.exitCode()).as(file.toString()).isEqualTo(Amanah.BAD_INPUT);
            assertThat(result.err()).as(file.toString()).startsWith("amanah zakat: UNREADABLE_FILE " + file + ": line 2, column ")
                    .doesNotContain("Source", "REDACTED", "StreamReadFeature");
            assertThat(result.err().lines()).as(file.toString()).hasSize(1);
        }
    }

    /**
     * A slip in the YAML is told where the parser found it and what it found, as the configuration
     * file's are: the first line of the parser's message was only its context ("while scanning
     * for the next token"), at the context's place.
     */
    @Test
    void a_yaml_slip_is_told_where_it_is_and_what_it_is() throws IOException {
        var file = Files.writeString(dir.resolve("tab.yaml"), "currency: GBP\nprices:\n\tgold: 1\n");

        var result = run(List.of("zakat", "--file", file.toString()));

        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).startsWith("amanah zakat: UNREADABLE_FILE " + file + ": line 3, column 1: found character '\\t(TAB)'"
                + " that cannot start any token");
        assertThat(result.err().lines()).hasSize(1);
    }

    /** An empty path is the working directory to Java: it was refused as "UNREADABLE_FILE : a directory, not a file". */
    @Test
    void an_empty_path_as_the_file_is_a_missing_file() {
        var result = run(List.of("zakat", "--file", ""));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).isEqualTo("amanah zakat: MISSING_INPUT --file: the path is empty; name a file" + System.lineSeparator());
    }

    /** The root directory has no file name, and --file / was a NullPointerException's stack trace with exit code 1. */
    @Test
    void the_root_directory_as_the_file_is_refused_as_a_directory() {
        var root = Path.of(dir.toAbsolutePath().getRoot().toString());
        var result = run(List.of("zakat", "--file", root.toString()));
        assertThat(result.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(result.err()).isEqualTo("amanah zakat: UNREADABLE_FILE " + root + ": a directory, not a file" + System.lineSeparator());
    }

    /** A missing file said only its own name ("cannot be read: x.yaml"), one not in UTF-8 "Input length = 1". */
    @Test
    void a_missing_file_a_directory_and_a_file_not_in_utf8_are_refused_saying_which() throws IOException {
        var missing = dir.resolve("no-such.yaml");
        assertThat(run(List.of("zakat", "--file", missing.toString())).err())
                .isEqualTo("amanah zakat: UNREADABLE_FILE " + missing + ": no such file" + System.lineSeparator());
        var folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertThat(run(List.of("zakat", "--file", folder.toString())).err())
                .isEqualTo("amanah zakat: UNREADABLE_FILE " + folder + ": a directory, not a file" + System.lineSeparator());
        var latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'c', 'u', 'r', 'r', 'e', 'n', 'c', 'y', ':', ' ', (byte) 0xA3});
        var notUtf8 = run(List.of("zakat", "--file", latin1.toString()));
        assertThat(notUtf8.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(notUtf8.err()).isEqualTo("amanah zakat: UNREADABLE_FILE " + latin1
                + ": not UTF-8 text: save it as UTF-8 and try again" + System.lineSeparator());
    }
}
