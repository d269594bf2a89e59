package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over real HTTP: a staff page opened without a session sends the browser to the login form, and
 * the login returns it to that page, path and query, through a failed attempt too; only after the
 * CSRF check, the throttle and the password have passed. A target that is not a staff page of this
 * site (another site, a scheme, {@code //host}, a backslash, an encoded slash or dot, CR/LF, a
 * path outside {@code /staff}) is neither carried by the form nor followed: the login lands on
 * {@code /staff}, so a crafted link cannot send a member of staff, just logged in, elsewhere.
 */
class ReturnAfterLoginTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir);
        for (var name : new String[] {"amina", "retry", "locked", "tricked"}) {
            WebTestService.addStaff(service, name, PASSWORD, Role.APPROVER);
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aPageOpenedLoggedOutIsWhereTheLoginReturnsWithItsQuery() {
        try (var http = new Http(service.port())) {
            var login = http.get("/staff/reviews?page=2&sort=held%20at").location();
            assertThat(login).isEqualTo("/staff/login?next=" + encode("/staff/reviews?page=2&sort=held%20at"));

            var back = http.logIn(http.get(login), "amina", PASSWORD);
            assertThat(back.location()).isEqualTo("/staff/reviews?page=2&sort=held%20at");
            assertThat(http.get(back.location()).status()).isEqualTo(200);
        }
        try (var http = new Http(service.port())) {
            var login = http.get("/staff/distributions").location();
            assertThat(http.logIn(http.get(login), "amina", PASSWORD).location()).isEqualTo("/staff/distributions");
        }
    }

    @Test
    void theStaffHomeAndALoginWithNoTargetStillLandOnStaff() {
        try (var http = new Http(service.port())) {
            var login = http.get("/staff").location();
            assertThat(login).isEqualTo("/staff/login");
            assertThat(http.logIn(http.get(login), "amina", PASSWORD).location()).isEqualTo("/staff");
        }
    }

    @Test
    void aMemberAlreadyLoggedInWhoOpensTheLoginPageIsSentToItsTargetNotShownTheForm() {
        try (var http = Http.loggedIn(service.port(), "amina", PASSWORD)) {
            assertThat(http.get("/staff/login?next=" + encode("/staff/reviews?page=2")).location()).isEqualTo("/staff/reviews?page=2");
            assertThat(http.get("/staff/login").location()).isEqualTo("/staff");
            // The rule is the login's: a logged-in member is not sent off the site either.
            assertThat(http.get("/staff/login?next=" + encode("//evil.example/staff")).location()).isEqualTo("/staff");
        }
    }

    @Test
    void aFormPostedLoggedOutIsNotReturnedTo() {
        try (var http = new Http(service.port())) {
            var csrf = http.get("/staff/login").csrf();
            // A post cannot be repeated by a redirect: the login goes to /staff.
            var reply = http.postForm("/staff/refunds", form("csrf", csrf, "donationId", "don_1", "amount", "1.00"));
            assertThat(reply.location()).isEqualTo("/staff/login");
        }
    }

    @Test
    void theTargetSurvivesAWrongPasswordAndAnExpiredForm() {
        try (var http = new Http(service.port())) {
            var page = http.get(http.get("/staff/distributions?plan=p1").location());

            var wrong = http.logIn(page, "retry", "not the password");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.hiddenFields()).containsEntry("next", "/staff/distributions?plan=p1");

            var forged = http.postForm("/staff/login", form("csrf", "forged", "next", "/staff/distributions?plan=p1",
                    "username", "retry", "password", PASSWORD));
            assertThat(forged.status()).isEqualTo(403); // the target does not get past the CSRF check
            assertThat(forged.hiddenFields()).containsEntry("next", "/staff/distributions?plan=p1");
            assertThat(http.get("/staff").status()).isEqualTo(303);

            assertThat(http.logIn(forged, "retry", PASSWORD).location()).isEqualTo("/staff/distributions?plan=p1");
        }
    }

    @Test
    void aThrottledLoginIsRefusedWhateverItsTarget() {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login?next=" + encode("/staff/reviews"));
            for (int i = 0; i < 5; i++) {
                assertThat(http.logIn(page, "locked", "guess number " + i).status()).isEqualTo(401);
            }
            var refused = http.logIn(page, "locked", PASSWORD);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.hiddenFields()).containsEntry("next", "/staff/reviews");
            assertThat(http.get("/staff/reviews").status()).isEqualTo(303);
        }
    }

    @Test
    void aPageWhoseAddressTheRuleRefusesSendsToThePlainLoginForm() {
        try (var http = new Http(service.port())) {
            assertThat(http.get("/staff/reviews?note=%0D%0ALocation:%20//evil.example").location()).isEqualTo("/staff/login");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example/staff",          // absolute
        "http:/staff",                         // a scheme without a host
        "javascript:alert(1)",
        "//evil.example/staff",                // scheme-relative: another host
        "///evil.example/staff",
        "/\\evil.example/staff",               // read as //evil.example by browsers
        "/staff\\..\\..\\evil",                // a backslash anywhere
        "\\\\evil.example/staff",
        "%2F%2Fevil.example/staff",            // encoded slashes
        "/%2F%2Fevil.example",
        "/staff/%2F%2Fevil.example",
        "/staff/%5Cevil.example",              // an encoded backslash
        "/staff/%2e%2e/api/campaigns",         // encoded dots
        "/staff/../api/campaigns",             // leaves the staff area once resolved
        "/staff/./../api",
        "/staff//evil.example",
        "/staff\r\nSet-Cookie: amanah_session=x", // CR/LF: header injection
        "/staff\nLocation: //evil.example",
        "/staff?x=%0D%0ALocation:%20//evil.example",
        "/staff?x=%00",
        "/staff/%0d%0aSet-Cookie:x",
        " /staff",                             // space and control characters
        "/staff\t",
        "/staff\u2215\u2215evil.example",      // division slashes, not ASCII
        "/stafford",                           // not the staff area
        "/staff.evil.example",
        "/staff@evil.example",
        "/api/campaigns",
        "/",
        "staff",
        "",
        "/staff/login",                        // back to the form itself
        "/staff?bad=%zz",                      // malformed escape
    })
    void aLoginNeverFollowsATargetOutsideTheStaffPagesOfThisSite(String target) {
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/login?next=" + encode(target));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.hiddenFields()).doesNotContainKey("next");

            var reply = http.postForm("/staff/login", form("csrf", page.csrf(), "next", target, "username", "tricked", "password", PASSWORD));
            assertThat(reply.location()).isEqualTo("/staff");
        }
    }

    @Test
    void aTooLongTargetIsNotFollowed() {
        try (var http = new Http(service.port())) {
            var csrf = http.get("/staff/login").csrf();
            var target = "/staff/reviews?q=" + "a".repeat(2100);
            var reply = http.postForm("/staff/login", form("csrf", csrf, "next", target, "username", "tricked", "password", PASSWORD));
            assertThat(reply.location()).isEqualTo("/staff");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
