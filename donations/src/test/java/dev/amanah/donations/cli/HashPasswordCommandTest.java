package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.auth.Passwords;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code amanah hash-password}: the password on standard input is held to the staff logins' rule. */
class HashPasswordCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    record Run(int code, String out, String err) {
    }

    private static Run run(String stdin) {
        return run(stdin, "4");
    }

    private static Run run(String stdin, String cost) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW, () -> false, () -> null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute("hash-password", "--cost", cost), out.toString(), err.toString());
    }

    /** A cost out of range was picocli's bare "--cost must be 4 to 31, was 99" and the whole usage, unlike every other refusal. */
    @Test
    void a_cost_out_of_range_is_one_line_naming_the_flag() {
        for (var cost : new String[] {"3", "99"}) {
            var run = run("a-long-enough-password\n", cost);

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo("amanah hash-password: INVALID_VALUE --cost: must be 4 to 31, was " + cost + "\n");
        }
    }

    @Test
    void a_password_shorter_than_a_staff_login_takes_is_refused() {
        var shortest = "x".repeat(Passwords.MIN_LENGTH - 1);

        var run = run(shortest + "\n");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("amanah hash-password: INVALID_VALUE password: WEAK_PASSWORD A password needs at least "
                + Passwords.MIN_LENGTH + " characters\n");
    }

    @Test
    void no_password_is_refused_saying_how_to_give_one() {
        var run = run("");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("amanah hash-password: MISSING_INPUT password: no password given")
                .contains("first line of standard input");
    }

    @Test
    void a_password_a_staff_login_takes_is_hashed_so_that_it_matches() {
        var password = "x".repeat(Passwords.MIN_LENGTH);

        var run = run(password + "\n");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("$2a$04$");
        assertThat(new Passwords(4).matches(password, run.out().strip())).isTrue();
    }
}
