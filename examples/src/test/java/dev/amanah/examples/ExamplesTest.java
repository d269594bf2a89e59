package dev.amanah.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ExamplesTest {
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var lines = new ConcurrentLinkedQueue<String>();
        var previous = IO.redirect(lines::add); // the examples' own output
        int status;
        try {
            status = Examples.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            IO.redirect(previous);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8) + String.join("\n", lines),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listNamesEveryExampleWithItsSeedModuleAndClass() {
        var run = run("list");
        assertThat(run.status()).isZero();
        assertThat(Catalog.EXAMPLES).hasSize(17);
        for (var example : Catalog.EXAMPLES) {
            assertThat(run.out()).contains(example.name(), example.seedModule(), example.javaClass().getName());
        }
    }

    @Test
    void anExampleIsFoundByItsNameOrItsClassInAnyCase() {
        assertThat(Catalog.find("zakat-server")).isEqualTo(Catalog.find("ZakatServer")).isEqualTo(Catalog.find("ZAKATSERVER"));
        assertThat(Catalog.find("nope")).isEmpty();
    }

    /** --help was taken for an example's name: "unknown example(s) [--help]", exit status 2. */
    @Test
    void helpPrintsTheUsageAndTheListAndRunsNothing() {
        for (var flag : List.of("--help", "-h", "help")) {
            var run = run(flag);
            assertThat(run.status()).as(flag).isZero();
            assertThat(run.err()).as(flag).isEmpty();
            assertThat(run.out()).as(flag).startsWith("Usage: ./amanah examples [list | all | NAME...]")
                    .contains("zakat-server").doesNotContain("example(s) ran");
        }
    }

    @Test
    void anUnknownNameIsAnErrorThatRunsNothing() {
        var run = run("zakat-server", "nope");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown example(s) [nope]");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void everyExampleRunsToTheEnd() {
        var run = run("all");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(run.out()).contains("All 17 example(s) ran.");
    }
}
