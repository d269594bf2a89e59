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

    record Run(int exitCode, String err) {
        String firstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private static Run run(String... args) {
        var commandLine = Amanah.commandLine(IN_2026);
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void a_misspelled_flag_is_named_before_the_required_option_it_leaves_missing_with_the_suggestion() {
        var mail = run("mail", "--retry-faild");
        assertThat(mail.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(mail.firstLine()).as(mail.err())
                .isEqualTo("Unknown option: '--retry-faild' (did you mean --retry-failed?)");

        var receipts = run("receipts", "--yaer", "2026");
        assertThat(receipts.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        // picocli suggests only options sharing the first two letters, so none here; its value is unknown with it
        assertThat(receipts.firstLine()).as(receipts.err()).isEqualTo("Unknown options: '--yaer', '2026'");
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
    void a_missing_required_option_alone_is_still_named() {
        var run = run("receipts");
        assertThat(run.exitCode()).isEqualTo(Amanah.BAD_INPUT);
        assertThat(run.firstLine()).isEqualTo("Missing required option: '--year=YEAR'");
    }
}
