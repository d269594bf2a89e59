package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.OutboxMail;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff page's "Failed mails" section over real HTTP (mail off: no mailer runs to send what
 * is queued again, so the outbox stays as the test leaves it): the failed receipt mails with why, a Retry per mail and a Retry of every transient
 * failure, both with the session's CSRF token, refused to a viewer, recorded in the audit trail.
 */
class FailedMailsPageTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;

    private static AmanahService service;
    private static MailOutboxStore outbox;

    @BeforeAll
    static void start() {
        // Every donation comes from 127.0.0.1 with a card of its own: more than the fraud check's
        // distinct cards per address would hold.
        service = WebTestService.start(dataDir, Map.of("AMANAH_FRAUD_IP_DISTINCT_CARDS_REVIEW_AT", "1000",
                "AMANAH_FRAUD_IP_DISTINCT_CARDS_DENY_AT", "1001"));
        WebTestService.addStaff(service, "prep", PASSWORD, Role.PREPARER);
        WebTestService.addStaff(service, "view", PASSWORD, Role.VIEWER);
        try (var http = WebTestService.preparer(service)) {
            http.activeCampaign("mail-test", "Mail test");
        }
        outbox = new MailOutboxStore(service.database(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    private static Http loggedIn(String username) {
        return Http.loggedIn(service.port(), username, PASSWORD);
    }

    /**
     * A receipted donation per kind, its mail queued (as the pipeline does when mail is on) and
     * given up on as that kind; the mails, in order.
     */
    private static List<OutboxMail> failedMails(String test, OutboxMail.FailureKind... kinds) {
        var mails = new ArrayList<OutboxMail>();
        try (var http = WebTestService.preparer(service)) {
            for (int i = 0; i < kinds.length; i++) {
                var donation = http.donate("mail-test", 1000, test + "-" + i);
                var download = http.getBytes("/staff/receipts?donation=" + donation);
                var file = download.headers().firstValue("Content-Disposition").orElseThrow();
                var serial = file.substring(file.indexOf("receipt-") + "receipt-".length(), file.indexOf(".pdf"));
                assertThat(outbox.enqueue(serial, test + "-" + i + "@example.org")).isTrue();
                var permanent = kinds[i] == OutboxMail.FailureKind.PERMANENT;
                outbox.markFailed(outbox.forReceipt(serial).orElseThrow().id(), permanent ? 1 : 8, kinds[i],
                        permanent ? "SMTP 550: 5.1.1 mailbox does not exist" : "gave up after 8 attempts: timeout");
                mails.add(outbox.forReceipt(serial).orElseThrow());
            }
        }
        return mails;
    }

    private static OutboxMail now(OutboxMail mail) {
        return outbox.forReceipt(mail.receiptSerial()).orElseThrow();
    }

    @Test
    void theStaffPageListsFailedMailsWithWhyAndARetryButton() {
        var mails = failedMails("listed", OutboxMail.FailureKind.TRANSIENT, OutboxMail.FailureKind.PERMANENT);

        try (var http = loggedIn("prep")) {
            var page = http.get("/staff").body();
            assertThat(page).contains("<h2>Failed mails</h2>", "Retry all transient failures", "id=\"retry-transient\"");
            assertThat(page).contains("data-receipt=\"" + mails.get(0).receiptSerial() + "\"", "listed-0@example.org",
                    "data-field=\"kind\">transient<", "gave up after 8 attempts: timeout",
                    "action=\"/staff/mails/" + mails.get(0).receiptSerial() + "/retry\"");
            assertThat(page).contains("data-receipt=\"" + mails.get(1).receiptSerial() + "\"", "data-field=\"kind\">permanent<",
                    "SMTP 550: 5.1.1 mailbox does not exist");
        }
    }

    @Test
    void aPreparerRetriesOneMailEvenOneRefusedForGoodAndOnlyOnce() {
        var mail = failedMails("one", OutboxMail.FailureKind.PERMANENT).getFirst();

        try (var http = loggedIn("prep")) {
            var csrf = http.get("/staff").csrf();
            var retried = http.postForm("/staff/mails/" + mail.receiptSerial() + "/retry", form("csrf", csrf));
            assertThat(http.noticeAfter(retried)).contains("role=\"status\"", "The mail of receipt " + mail.receiptSerial() + " is queued again.");
            assertThat(now(mail).status()).isEqualTo(OutboxMail.Status.PENDING);
            assertThat(now(mail).attempts()).isZero();

            // Sent twice (a double click, or two staff at once): queued once, and the second says so as a status.
            var again = http.postForm("/staff/mails/" + mail.receiptSerial() + "/retry", form("csrf", csrf));
            assertThat(http.noticeAfter(again)).contains("role=\"status\"", "The mail of receipt " + mail.receiptSerial() + " is queued already.")
                    .doesNotContain("Not done");
            assertThat(now(mail).attempts()).isZero();
            var none = http.postForm("/staff/mails/no-such-receipt/retry", form("csrf", csrf));
            assertThat(http.noticeAfter(none)).contains("role=\"alert\"", "Not done: receipt no-such-receipt has no mail to retry.");
            assertThat(http.get("/staff").body()).contains("mail.retry <code>" + mail.receiptSerial() + "</code></td><td>queued again (was permanent)",
                    "mail.retry <code>" + mail.receiptSerial() + "</code></td><td>already PENDING");
        }
    }

    @Test
    void retryAllQueuesTheTransientFailuresAndLeavesThoseRefusedForGood() {
        var mails = failedMails("all", OutboxMail.FailureKind.TRANSIENT, OutboxMail.FailureKind.PERMANENT, OutboxMail.FailureKind.TRANSIENT);

        try (var http = loggedIn("prep")) {
            var retried = http.postForm("/staff/mails/retry-transient", form("csrf", http.get("/staff").csrf()));
            assertThat(http.noticeAfter(retried)).contains("role=\"status\"", "Failed mails: ").containsPattern("\\d+ queued again, \\d+ refused for good left");
            assertThat(mails.stream().map(FailedMailsPageTest::now).map(OutboxMail::status))
                    .containsExactly(OutboxMail.Status.PENDING, OutboxMail.Status.FAILED, OutboxMail.Status.PENDING);
            assertThat(http.get("/staff").body()).contains("mail.retry-transient <code>failed mails</code>");
        }
    }

    /**
     * With {@code mail.enabled} false (the default, as here) no mailer runs: a mail queued again
     * stays pending, and neither the notices nor the section may read as if it were on its way.
     */
    @Test
    void withMailOffTheRetriesAndTheSectionSayNoMailerRunsToSendThem() {
        var mails = failedMails("no-mailer", OutboxMail.FailureKind.TRANSIENT, OutboxMail.FailureKind.TRANSIENT);

        try (var http = loggedIn("prep")) {
            var page = http.get("/staff");
            assertThat(page.body()).contains("id=\"no-mailer\"", "mail.enabled is false");
            var one = http.postForm("/staff/mails/" + mails.get(0).receiptSerial() + "/retry", form("csrf", page.csrf()));
            assertThat(http.noticeAfter(one)).contains("is queued again.", "No mailer runs in this service (mail.enabled is false)");
            var all = http.postForm("/staff/mails/retry-transient", form("csrf", http.get("/staff").csrf()));
            assertThat(http.noticeAfter(all)).containsPattern("[1-9]\\d* queued again")
                    .contains("No mailer runs in this service (mail.enabled is false)");
        }
        assertThat(mails.stream().map(FailedMailsPageTest::now).map(OutboxMail::status)).containsOnly(OutboxMail.Status.PENDING);
    }

    /** A binary older than V43, still running after it, gives mails up without a kind: the page and its buttons class them by their reason. */
    @Test
    void aMailAnOlderBinaryGaveUpOnWithoutAKindIsShownAndRetriedByItsReason() {
        var mails = failedMails("older", OutboxMail.FailureKind.TRANSIENT, OutboxMail.FailureKind.PERMANENT);
        service.database().useTransaction(c -> {
            try (var forget = c.prepareStatement("UPDATE mail_outbox SET failure_kind = NULL WHERE receipt_serial IN (?, ?)")) {
                forget.setString(1, mails.get(0).receiptSerial());
                forget.setString(2, mails.get(1).receiptSerial());
                assertThat(forget.executeUpdate()).isEqualTo(2);
            }
        });

        try (var http = loggedIn("prep")) {
            var page = http.get("/staff").body();
            assertThat(page).containsPattern("data-receipt=\"" + mails.get(0).receiptSerial() + "\">(?:(?!</tr>).)*data-field=\"kind\">transient<")
                    .containsPattern("data-receipt=\"" + mails.get(1).receiptSerial() + "\">(?:(?!</tr>).)*data-field=\"kind\">permanent<")
                    .doesNotContain(">unknown<");
            http.postForm("/staff/mails/retry-transient", form("csrf", http.get("/staff").csrf()));
        }
        assertThat(now(mails.get(0)).status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(now(mails.get(1)).status()).isEqualTo(OutboxMail.Status.FAILED);
    }

    @Test
    void aViewerSeesTheFailedMailsButRetriesNone() {
        var mail = failedMails("viewer", OutboxMail.FailureKind.TRANSIENT).getFirst();

        try (var http = loggedIn("view")) {
            var page = http.get("/staff");
            assertThat(page.body()).contains("data-receipt=\"" + mail.receiptSerial() + "\"", "Retry all transient failures</button>");
            assertThat(page.body()).containsPattern("action=\"/staff/mails/" + mail.receiptSerial()
                    + "/retry\" class=\"inline\">[^<]*<input[^>]*><button type=\"submit\" class=\"small\" disabled>Retry</button>");
            assertThat(http.postForm("/staff/mails/" + mail.receiptSerial() + "/retry", form("csrf", page.csrf())).status()).isEqualTo(403);
            assertThat(http.postForm("/staff/mails/retry-transient", form("csrf", page.csrf())).status()).isEqualTo(403);
        }
        assertThat(now(mail).status()).isEqualTo(OutboxMail.Status.FAILED);
    }

    @Test
    void aRetryWithoutTheSessionsCsrfTokenIsRefused() {
        var mail = failedMails("forged", OutboxMail.FailureKind.TRANSIENT).getFirst();

        try (var http = loggedIn("prep")) {
            assertThat(http.postForm("/staff/mails/" + mail.receiptSerial() + "/retry", form("csrf", "forged")).status()).isEqualTo(403);
            assertThat(http.postForm("/staff/mails/retry-transient", form()).status()).isEqualTo(403);
        }
        try (var anonymous = new Http(service.port())) {
            assertThat(anonymous.postForm("/staff/mails/retry-transient", form()).status()).isEqualTo(303);
        }
        assertThat(now(mail).status()).isEqualTo(OutboxMail.Status.FAILED);
    }
}
