package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue's page over real HTTP: what the fraud check held is listed; a viewer decides
 * nothing; a preparer releases one (charged once, even if the form is sent twice, the second
 * answer saying it was released already) and rejects another (never charged); each decision is in
 * the audit trail.
 */
class ReviewPagesTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        // The second attempt with one card is held for review; nothing is denied, and the tests'
        // cards, all from one address, are not held for being many.
        service = WebTestService.start(dataDir, Map.of(
                "AMANAH_FRAUD_CARD_ATTEMPTS_REVIEW_AT", "2", "AMANAH_FRAUD_CARD_ATTEMPTS_DENY_AT", "1000",
                "AMANAH_FRAUD_IP_DISTINCT_CARDS_REVIEW_AT", "100", "AMANAH_FRAUD_IP_DISTINCT_CARDS_DENY_AT", "1000"));
        WebTestService.addStaff(service, "prep", PASSWORD, Role.PREPARER);
        WebTestService.addStaff(service, "view", PASSWORD, Role.VIEWER);
        try (var http = WebTestService.preparer(service)) {
            http.activeCampaign("review-test", "Review test");
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aPreparerReleasesOneHeldDonationAndRejectsAnotherAViewerOnlyLooks() {
        String released;
        String rejected;
        try (var api = new Http(service.port())) {
            assertThat(donate(api, "card-a-1", "tok_visa_card_a").status()).isEqualTo(201);
            released = held(donate(api, "card-a-2", "tok_visa_card_a"));
            assertThat(donate(api, "card-b-1", "tok_visa_card_b").status()).isEqualTo(201);
            rejected = held(donate(api, "card-b-2", "tok_visa_card_b"));
        }
        try (var viewer = loggedIn("view")) {
            var page = viewer.get("/staff/reviews");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains(released, rejected).doesNotContain("data-action=\"release\"");
            var refused = viewer.postForm("/staff/reviews/" + released + "/release", form("csrf", viewer.get("/staff").csrf()));
            assertThat(refused.status()).isEqualTo(403);
        }
        try (var prep = loggedIn("prep")) {
            var page = prep.get("/staff/reviews");
            var release = form("csrf", page.csrf(), "note", "card owner confirmed by phone");
            var first = prep.postForm("/staff/reviews/" + released + "/release", release);
            assertThat(notice(first)).contains("charged and accepted");
            // Sent twice (a double click, or two staff at once): decided once, and the second says so as a status.
            var twice = prep.noticeAfter(prep.postForm("/staff/reviews/" + released + "/release", release));
            assertThat(twice).contains("role=\"status\"", "Donation " + released + " was released already by prep: charged and accepted.")
                    .doesNotContain("Not done");
            var reject = form("csrf", page.csrf(), "note", "");
            assertThat(notice(prep.postForm("/staff/reviews/" + rejected + "/reject", reject))).contains("rejected; nothing was charged");
            assertThat(prep.noticeAfter(prep.postForm("/staff/reviews/" + rejected + "/reject", reject)))
                    .contains("role=\"status\"", "Donation " + rejected + " was rejected already by prep; nothing was charged.")
                    .doesNotContain("Not done");

            assertThat(prep.get("/staff/reviews").body()).contains("queue-empty").doesNotContain(released);
            assertThat(service.sandbox().chargeCount("card-a-2")).isEqualTo(1);
            assertThat(service.sandbox().chargeCount("card-b-2")).isZero();
            assertThat(prep.get("/staff").body()).contains("review.release", "review.reject", "already RELEASED", "already REJECTED");
        }
        try (var api = new Http(service.port())) {
            assertThat(donate(api, "card-a-2", "tok_visa_card_a").status()).isEqualTo(201);
            assertThat(donate(api, "card-b-2", "tok_visa_card_b").status()).isEqualTo(422);
        }
    }

    @Test
    void aRefusedDecisionIsShownAsAnAlertAndADoneOneAsAStatus() {
        String held;
        try (var api = new Http(service.port())) {
            assertThat(donate(api, "card-c-1", "tok_visa_card_c").status()).isEqualTo(201);
            held = held(donate(api, "card-c-2", "tok_visa_card_c"));
        }
        try (var prep = loggedIn("prep")) {
            var release = form("csrf", prep.get("/staff/reviews").csrf(), "note", "");
            var done = prep.noticeAfter(prep.postForm("/staff/reviews/" + held + "/release", release));
            assertThat(done).contains("class=\"card notice\"", "role=\"status\"", "Donation " + held + " released: charged and accepted.")
                    .doesNotContain("error", "alert");
            // Rejecting what was released is not what was taken: refused, saying which decision was.
            var contrary = prep.noticeAfter(prep.postForm("/staff/reviews/" + held + "/reject", release));
            assertThat(contrary).contains("class=\"card notice error\"", "role=\"alert\"",
                    ">Not done: ALREADY_DECIDED: Donation " + held + " was released already by prep; it cannot be rejected now.")
                    .doesNotContain("status");
            assertThat(service.sandbox().chargeCount("card-c-2")).isEqualTo(1);
        }
    }

    /**
     * The page's note goes through the service's rule: a zero character, a line break (at its end
     * too), a direction override (the note is shown to other staff) or a note past its column is
     * refused, a typed one kept.
     */
    @Test
    void aNoteThatCannotBeStoredAsTypedIsRefusedAndTheDonationStaysHeld() {
        String held;
        try (var api = new Http(service.port())) {
            assertThat(donate(api, "card-d-1", "tok_visa_card_d").status()).isEqualTo(201);
            held = held(donate(api, "card-d-2", "tok_visa_card_d"));
        }
        try (var prep = loggedIn("prep")) {
            var csrf = prep.get("/staff/reviews").csrf();
            // a line break at the end was stripped by the page, where the rule refuses it anywhere else
            for (var note : new String[] {"called\u0000back", "x".repeat(501), "called back\r\n", "called \u202Ekcab"}) {
                var refused = prep.postForm("/staff/reviews/" + held + "/reject", form("csrf", csrf, "note", note));
                assertThat(notice(refused)).contains("Not done: INVALID_NOTE: The note must");
            }
            assertThat(prep.get("/staff/reviews").body()).contains(held);
            var typed = prep.postForm("/staff/reviews/" + held + "/reject", form("csrf", csrf, "note", "rappelé — carte volée 🌙"));
            assertThat(notice(typed)).contains("rejected; nothing was charged");
            assertThat(service.sandbox().chargeCount("card-d-2")).isZero();
        }
    }

    /** The API's note goes through the same rule as the page's: the same code for the same note, and a blank note is no note. */
    @Test
    void aNoteIsRefusedByTheApiAsByThePage() {
        String held;
        try (var api = new Http(service.port())) {
            assertThat(donate(api, "card-e-1", "tok_visa_card_e").status()).isEqualTo(201);
            held = held(donate(api, "card-e-2", "tok_visa_card_e"));
        }
        try (var prep = loggedIn("prep")) {
            for (var note : new String[] {"called\u0000back", "called\nback", "x".repeat(501), "called back\t", "\u2066called back\u2069"}) {
                var refused = prep.staffPostJson("/api/reviews/" + held + "/reject", "{\"note\": " + Http.jsonString(note) + "}", null);
                assertThat(refused.status()).as("note %s: %s", Http.jsonString(note), refused.body()).isEqualTo(422);
                assertThat(refused.json().path("error").asText()).isEqualTo("INVALID_NOTE");
                assertThat(refused.json().path("field").asText()).isEqualTo("note");
            }
            assertThat(prep.get("/staff/reviews").body()).contains(held);
            var blank = prep.staffPostJson("/api/reviews/" + held + "/reject", "{\"note\": \"  \"}", null);
            assertThat(blank.status()).as(blank.body()).isEqualTo(200);
            assertThat(service.sandbox().chargeCount("card-e-2")).isZero();
        }
    }

    private static Http.Reply donate(Http api, String key, String token) {
        return api.postJson("/api/donations", """
                {"campaignId": "review-test", "amountMinor": 2500, "currency": "GBP", "fundType": "SADAQAH",
                 "donor": {"name": "Test donor", "email": "%s@example.org"}, "paymentToken": "%s"}"""
                .formatted(key, token), key);
    }

    private static String held(Http.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json().path("status").asText()).isEqualTo("HELD_FOR_REVIEW");
        return reply.json().path("donationId").asText();
    }

    private static String notice(Http.Reply redirect) {
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(303);
        return URLDecoder.decode(redirect.response().headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    }

    private static Http loggedIn(String username) {
        return Http.loggedIn(service.port(), username, PASSWORD);
    }
}
