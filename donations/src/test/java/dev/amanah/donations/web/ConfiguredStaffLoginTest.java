package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffDirectory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff login with the members of the {@code staff.accounts} configuration (HTTP Basic's),
 * who have no database account: they log in with their configured role, and a name that the
 * database has too is the database's alone.
 */
class ConfiguredStaffLoginTest {
    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        var configured = "bilal:APPROVER:" + StaffDirectory.hash("bilal-configured", 4)
                + ",amina:PREPARER:" + StaffDirectory.hash("amina-configured", 4);
        service = WebTestService.start(dataDir, Map.of("AMANAH_STAFF_ACCOUNTS", configured));
        WebTestService.addStaff(service, "amina", "amina-in-the-database", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aConfiguredMemberLogsInWithTheConfiguredRoleAndLogoutEndsTheSession() {
        try (var http = Http.loggedIn(service.port(), "bilal", "bilal-configured")) {
            var home = http.get("/staff");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).contains("id=\"staff-name\">bilal</strong> (approver)");
            // the session also authenticates the staff API, as a database account's does
            assertThat(http.get("/api/distributions").status()).isEqualTo(200);

            assertThat(http.postForm("/staff/logout", form("csrf", home.csrf())).status()).isEqualTo(303);
            assertThat(http.get("/staff").status()).isEqualTo(303);
        }
    }

    @Test
    void aNameInTheDatabaseLogsInOnlyWithTheDatabasePasswordAndRole() {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login");
            var configuredPassword = http.postForm("/staff/login",
                    form("csrf", page.csrf(), "username", "amina", "password", "amina-configured"));
            assertThat(configuredPassword.status()).isEqualTo(401);
            assertThat(http.get("/staff").status()).isEqualTo(303);
        }
        try (var http = Http.loggedIn(service.port(), "amina", "amina-in-the-database")) {
            assertThat(http.get("/staff").body()).contains("id=\"staff-name\">amina</strong> (viewer");
        }
    }
}
