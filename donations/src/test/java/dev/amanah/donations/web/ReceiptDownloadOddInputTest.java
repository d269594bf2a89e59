package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.store.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receipt asked for with a donation id no donation can have (a zero character, a line break,
 * half a surrogate pair: PostgreSQL cannot even look the first up) is the page's "No receipt",
 * 404, on SQLite and on PostgreSQL, never a 500. One service at a time: a JVM runs one.
 */
class ReceiptDownloadOddInputTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String[] ODD = {"don_%00", "%00", "don_%0Ax", "don_%ED%A0%80", "don_%C2%85", "don_unknown"};
    private static EmbeddedPostgresServer postgres;

    @RegisterExtension
    static final BeforeAllCallback POSTGRES = context -> postgres = EmbeddedPostgresServer.shared(context);

    @Test
    void aDonationIdNoDonationCanHaveIsNoReceiptOnSqlite(@TempDir Path dataDir) {
        assertNoReceipt(WebTestService.start(dataDir));
    }

    @Test
    void aDonationIdNoDonationCanHaveIsNoReceiptOnPostgres(@TempDir Path dataDir) {
        postgres.createEmptyDatabase("web_receipt_odd");
        assertNoReceipt(WebTestService.start(dataDir, Map.of(
                "AMANAH_DATABASE_URL", postgres.jdbcUrl("web_receipt_odd"),
                "AMANAH_DATABASE_USER", EmbeddedPostgresServer.USER,
                "AMANAH_DATABASE_PASSWORD", EmbeddedPostgresServer.USER)));
    }

    private static void assertNoReceipt(AmanahService service) {
        try {
            WebTestService.addStaff(service, "vera", PASSWORD, Role.VIEWER);
            try (var http = Http.loggedIn(service.port(), "vera", PASSWORD)) {
                for (var donation : ODD) {
                    var page = http.get("/staff/receipts?donation=" + donation);
                    assertThat(page.status()).as("%s: %s", donation, page.body()).isEqualTo(404);
                    assertThat(page.body()).contains("No receipt");
                }
            }
        } finally {
            service.stop();
        }
    }
}
