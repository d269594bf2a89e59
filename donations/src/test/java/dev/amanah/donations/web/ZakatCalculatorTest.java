package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public zakat calculator ({@code POST /zakat}) turns its fields into the flags of
 * {@code amanah zakat}: what a visitor types is a value, never an instruction to the command.
 */
class ZakatCalculatorTest {
    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aFieldStartingWithAtIsAValueNotAFileToRead() throws Exception {
        // picocli reads "@FILE" arguments as argument files: a visitor must not make the server
        // read one of its files and print it back on the page.
        var secret = Files.writeString(dataDir.resolve("secret.txt"), "SECRET-LINE-OF-THE-SERVER\n");
        try (var http = new Http(service.port())) {
            var page = http.get("/zakat");
            var reply = http.postForm("/zakat", Http.form("csrf", page.csrf(), "currency", "GBP",
                    "cash", "@" + secret, "goldPrice", "68.40", "silverPrice", "0.79", "nisabReached", "2024-03-11",
                    "date", "2025-03-01"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).doesNotContain("SECRET-LINE-OF-THE-SERVER").doesNotContain("zakat-result")
                    .contains("id=\"zakat-error\"");
        }
    }

    @Test
    void theSameFormWithAPlainAmountIsAssessed() {
        try (var http = new Http(service.port())) {
            var page = http.get("/zakat");
            var reply = http.postForm("/zakat", Http.form("csrf", page.csrf(), "currency", "GBP",
                    "cash", "4200.00", "goldPrice", "68.40", "silverPrice", "0.79", "nisabReached", "2024-03-11",
                    "date", "2025-03-01"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains("id=\"zakat-result\"").contains("Zakat due");
        }
    }

    @Test
    void aRefusedFieldIsNamedAsTheFormLabelsItNotAsTheCommandsFlag() {
        // The visitor typed into "Cash and bank balances", not "--cash": the page showed the
        // command line's own words, which name nothing on the form.
        try (var http = new Http(service.port())) {
            var page = http.get("/zakat");
            var tooPrecise = http.postForm("/zakat", Http.form("csrf", page.csrf(), "currency", "KWD",
                    "cash", "1000.1234", "goldPrice", "20", "silverPrice", "0.3", "nisabReached", "2024-03-11",
                    "date", "2025-03-01"));
            var backwards = http.postForm("/zakat", Http.form("csrf", page.csrf(), "currency", "GBP",
                    "cash", "4200.00", "goldPrice", "68.40", "silverPrice", "0.79", "nisabReached", "2026-03-11",
                    "date", "2025-03-01"));

            assertThat(errorOf(tooPrecise.body())).isEqualTo("Cash and bank balances: 1000.1234 has more than the 3 decimals of KWD");
            assertThat(errorOf(backwards.body()))
                    .isEqualTo("Wealth first reached nisab on: 2026-03-11 is after the assessment date 2025-03-01");
        }
    }

    private static String errorOf(String page) {
        var start = page.indexOf('>', page.indexOf("id=\"zakat-error\"")) + 1;
        return page.substring(start, page.indexOf("</div>", start));
    }
}
