package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A usage error names what was typed wrong first, whatever else the command also misses. */
class UsageErrorTest {
    private static final Clock IN_2026 = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    record Run(int exitCode, String out, String err) {
        String firstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private static Run run(String... args) {
        var commandLine = Amanah.commandLine(IN_2026);
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void a_misspelled_flag_is_named_before_the_required_option_it_leaves_missing_with_the_suggestion() {
        var mail = run("mail", "--retry-faild");
        assertThat(mail.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(mail.firstLine()).as(mail.err())
                .isEqualTo("Unknown option: '--retry-faild' (did you mean --retry-failed?)");

        var receipts = run("receipts", "--yaer", "2026");
        assertThat(receipts.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(receipts.firstLine()).as(receipts.err()).isEqualTo("Unknown option: '--yaer' (did you mean --year?)");
    }

    @Test
    void a_misspelled_flag_is_offered_the_options_a_few_edits_away_nearest_first_beside_picoclis_own() {
        // picocli suggests only options starting with the same two letters: none of these
        assertThat(run("report", "--mnoth", "2026-11").firstLine())
                .isEqualTo("Unknown option: '--mnoth' (did you mean --month?)");
        assertThat(run("zakat", "--slver=10").firstLine()).isEqualTo("Unknown option: '--slver=10' (did you mean --silver?)");
        assertThat(run("hash-password", "--csot").firstLine()).isEqualTo("Unknown option: '--csot' (did you mean --cost?)");
        // picocli's suggestions stay, after the nearest
        assertThat(run("zakat", "--balnce").firstLine()).isEqualTo("Unknown option: '--balnce' (did you mean --balance?)");
        assertThat(run("zakat", "--silver-prise").firstLine()).isEqualTo("Unknown option: '--silver-prise'"
                + " (did you mean --silver-price or --silver or --silver-jewellery or --silver-nisab-grams?)");
        // four edits from --out, but picocli offers it, and a directory is what --out takes
        assertThat(run("receipts", "--out-dir").firstLine()).isEqualTo("Unknown option: '--out-dir' (did you mean --out?)");
    }

    @Test
    void the_word_typed_right_after_an_unknown_option_is_taken_for_its_value_and_not_reported() {
        assertThat(run("report", "--campain", "zakat-2026", "--month", "2026-11").firstLine())
                .isEqualTo("Unknown option: '--campain' (did you mean --campaign?)");
        // a word that does not directly follow an unknown option is still reported
        assertThat(run("receipts", "--yaer", "--out", "dir", "2026").firstLine())
                .isEqualTo("Unknown options: '--yaer', '2026' (did you mean --year?)");
        // nor one after an option that carries its own value
        assertThat(run("receipts", "--yaer=2026", "2027").firstLine())
                .isEqualTo("Unknown options: '--yaer=2026', '2027' (did you mean --year?)");
        // nor a second unknown option
        assertThat(run("receipts", "--yaer", "--mnoth").firstLine())
                .isEqualTo("Unknown options: '--yaer', '--mnoth' (did you mean --year?)");
    }

    /**
     * {@code import --dry x.csv x.csv}: picocli takes the first x.csv for FILE and cannot place the
     * second, which was looked for at the first's place, taken for --dry's value and never named.
     */
    @Test
    void a_stray_argument_the_same_as_the_one_after_an_unknown_option_is_still_named() {
        var run = run("import", "--dry", "x.csv", "x.csv");
        assertThat(run.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(run.firstLine()).as(run.err()).isEqualTo("Unknown options: '--dry', 'x.csv'");
        assertThat(run("import", "--dry", "x.csv", "y.csv").firstLine()).isEqualTo("Unknown options: '--dry', 'y.csv'");
        // the value of a known option is no stray word, even when it is the same as the unknown one's
        assertThat(run("report", "--campain", "zakat-2026", "--campaign", "zakat-2026", "--month", "2026-11").firstLine())
                .isEqualTo("Unknown option: '--campain' (did you mean --campaign?)");
        // a negated flag takes no value, and a subcommand's option takes its own
        assertThat(run("zakat", "--no-personal-jewellery-zakatable", "--balnce", "100").firstLine())
                .isEqualTo("Unknown option: '--balnce' (did you mean --balance?)");
        assertThat(run("staff", "add", "--config", "a.yaml", "bob", "--rol", "APPROVER").firstLine())
                .isEqualTo("Unknown option: '--rol' (did you mean --role?)");
        assertThat(run("staff", "add", "--rol", "bob", "bob").firstLine()).isEqualTo("Unknown options: '--rol', 'bob' (did you mean --role?)");
    }

    @Test
    void a_negative_number_after_an_unknown_option_is_its_value_like_a_positive_one() {
        assertThat(run("receipts", "--yaer", "-2026").firstLine()).isEqualTo("Unknown option: '--yaer' (did you mean --year?)");
        assertThat(run("zakat", "--balnce", "-12.50").firstLine()).isEqualTo("Unknown option: '--balnce' (did you mean --balance?)");
        // picocli takes -5 for FILE, as it takes a positive number, so the file named is left over
        assertThat(run("import", "--dry", "-5", "x.csv").firstLine()).isEqualTo("Unknown options: '--dry', 'x.csv'");
        // a word that only starts with a minus sign is still an option
        assertThat(run("receipts", "--yaer", "-x").firstLine()).isEqualTo("Unknown options: '--yaer', '-x' (did you mean --year?)");
    }

    @Test
    void a_flag_far_from_every_option_gets_no_suggestion() {
        var run = run("zakat", "--quux");
        assertThat(run.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(run.firstLine()).isEqualTo("Unknown option: '--quux'");
        // a letter or two is a few edits from every short option: no guess
        assertThat(run("zakat", "-x").firstLine()).isEqualTo("Unknown option: '-x'");
    }

    @Test
    void every_command_names_an_unknown_option_first() {
        for (var command : Amanah.commandLine(IN_2026).getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue; // picocli's help takes any word as the name of a command to describe
            }
            var run = run(command, "--no-such-flag-at-all");
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(Amanah.BAD_INPUT);
            assertThat(run.firstLine()).as(command + ": " + run.err()).startsWith("Unknown option: '--no-such-flag-at-all'");
        }
    }

    @Test
    void help_for_a_command_that_does_not_exist_is_a_usage_error_even_when_it_looks_like_an_option() {
        for (var word : new String[] {"--anything", "nosuch"}) {
            var run = run("help", word);
            assertThat(run.exitCode()).as(word + ": " + run.err()).isEqualTo(Amanah.BAD_INPUT);
            assertThat(run.firstLine()).isEqualTo("Unknown subcommand '" + word + "'.");
            assertThat(run.out()).as("no help printed as if asked for").isEmpty();
        }
        assertThat(run("help", "zakat").out()).startsWith("Usage: amanah zakat");
        assertThat(run("help", "-h").out()).contains("Usage: amanah help");
    }

    @Test
    void a_missing_required_option_alone_is_still_named() {
        var run = run("receipts");
        assertThat(run.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(run.firstLine()).isEqualTo("Missing required option: '--year=YEAR'");
    }
}
