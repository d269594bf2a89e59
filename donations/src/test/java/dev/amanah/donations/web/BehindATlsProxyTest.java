package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.StaffDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as deployed behind a TLS-terminating reverse proxy: {@code http.secureCookies} on,
 * and the test client's address (127.0.0.1) as the one trusted proxy in {@code http.trustedProxies},
 * so each request says which client it forwards in {@code X-Forwarded-For} or {@code Forwarded}.
 */
class BehindATlsProxyTest {
    private static final String PASSWORD = "bilal-configured";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir, Map.of(
                "AMANAH_HTTP_SECURE_COOKIES", "true",
                "AMANAH_HTTP_TRUSTED_PROXIES", "127.0.0.1",
                "AMANAH_STAFF_ACCOUNTS", "bilal:APPROVER:" + StaffDirectory.hash(PASSWORD, 4)));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void theCsrfAndSessionCookiesAreSecureWhenSetAndWhenDeleted() {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login");
            assertThat(cookie(page, "amanah_csrf")).endsWith("; Path=/; HttpOnly; SameSite=Strict; Secure");
            var login = http.postForm("/staff/login", form("csrf", page.csrf(), "username", "bilal", "password", PASSWORD),
                    "X-Forwarded-For", "192.0.2.50");
            assertThat(login.status()).isEqualTo(303);
            assertThat(cookie(login, "amanah_session")).contains("; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=28800");
            var home = http.get("/staff");
            var logout = http.postForm("/staff/logout", form("csrf", home.csrf()));
            assertThat(cookie(logout, "amanah_session")).isEqualTo("amanah_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
        }
        try (var http = new Http(service.port())) {
            assertThat(cookie(http.get("/zakat"), "amanah_csrf")).contains("; Secure"); // the calculator's form
        }
    }

    @Test
    void twentyFailuresLockOutTheForwardedClientNotTheProxyNorItsOtherClients() {
        var attacker = "203.0.113.9";
        try (var http = new Http(service.port())) {
            // Twenty names guessed through HTTP Basic (the login page's throttle counts them too).
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("/api/distributions", "Authorization", basic("guess-" + i, "guess"), "X-Forwarded-For", attacker)
                        .status()).isEqualTo(401);
            }
            // The attacker's address is refused even the right password, through either door; a
            // made-up left-hand entry (written by the client itself) does not get it out.
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD), "X-Forwarded-For", attacker)
                    .status()).isEqualTo(401);
            assertThat(login(http, "198.51.100.7, " + attacker)).isEqualTo(429);
            // Another client of the same proxy, and the proxy itself (no header), are not.
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD), "X-Forwarded-For", "198.51.100.7")
                    .status()).isEqualTo(200);
            assertThat(login(http, attacker + ", 198.51.100.7")).isEqualTo(303);
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD)).status()).isEqualTo(200);
        }
    }

    @Test
    void theStandardForwardedHeaderNamesTheClientItsSlash64IsLockedOutNotTheProxyNorItsOtherClients() {
        try (var http = new Http(service.port())) {
            for (int i = 0; i < 20; i++) {
                // A quoted comma: the header is read as RFC 7239 writes it, not cut at every comma.
                assertThat(http.get("/api/distributions", "Authorization", basic("forwarded-guess-" + i, "guess"),
                        "Forwarded", "for=198.51.100.1, for=\"[2001:db8:5:6::" + (i + 1) + "]:4711\";ext=\"a, b\"").status())
                        .isEqualTo(401);
            }
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD),
                    "Forwarded", "for=\"[2001:db8:5:6::99]\"").status()).isEqualTo(401);
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD),
                    "Forwarded", "for=198.51.100.8;proto=https").status()).isEqualTo(200);
            assertThat(http.get("/api/distributions", "Authorization", basic("bilal", PASSWORD)).status()).isEqualTo(200);
        }
    }

    private static int login(Http http, String forwardedFor) {
        var csrf = http.get("/staff/login").csrf();
        return http.postForm("/staff/login", form("csrf", csrf, "username", "bilal", "password", PASSWORD),
                "X-Forwarded-For", forwardedFor).status();
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(Http.Reply reply, String name) {
        List<String> all = reply.response().headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + all));
    }
}
