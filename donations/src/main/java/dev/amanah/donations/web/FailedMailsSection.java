package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.Session;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.OutboxMail;
import java.util.Locale;

/**
 * The "Failed mails" section of {@code /staff}: the receipt mails the mailer gave up on, newest
 * first (at most {@value #SHOWN}), each with why (transient or refused for good, the last error)
 * and a Retry button, and one button that queues again every mail that failed for transient
 * reasons; the posts are {@link MailRetryRoutes}'. The buttons are disabled for a viewer (the posts
 * refuse one anyway). Where {@code mail.enabled} is false it says that no mailer runs in this
 * service, so what the buttons queue stays pending. Reads the outbox on every call; thread-safe.
 */
final class FailedMailsSection {
    private static final int SHOWN = 20;

    private final MailOutboxStore outbox;
    private final boolean mailerRuns;

    /** @param mailerRuns whether this service runs a mailer ({@code mail.enabled}) */
    FailedMailsSection(MailOutboxStore outbox, boolean mailerRuns) {
        this.outbox = outbox;
        this.mailerRuns = mailerRuns;
    }

    /** The section's HTML for {@code session}'s member. */
    String html(Session session) {
        var canAct = session.member().role().canPrepare();
        var csrf = Csrf.input(session.csrfToken());
        var failed = outbox.failed(SHOWN);
        var html = new StringBuilder(2048).append("<section id=\"failed-mails\"><h2>Failed mails</h2>");
        if (failed.isEmpty()) {
            return html.append("<div class=\"card muted\" id=\"failed-mails-none\">No receipt mail has failed.</div></section>").toString();
        }
        int total = outbox.failedCount();
        html.append("<p class=\"muted\">Receipt mails the mailer gave up on").append(total > failed.size() ? " (the newest " + failed.size()
                        + " of " + total + ")" : "").append(". A transient failure (no connection, a timeout, \"try later\") is worth")
                .append(" another try; one refused for good (no such mailbox, address or message refused) would most likely be")
                .append(" refused again, and mailing it again harms the charity's standing with mail servers.</p>")
                .append(mailerRuns ? "" : "<div class=\"card notice\" id=\"no-mailer\">mail.enabled is false in this service: no mailer runs,"
                        + " so a mail queued again here stays pending until one does.</div>")
                .append("<form method=\"post\" action=\"/staff/mails/retry-transient\" class=\"inline\" id=\"retry-transient\">")
                .append(csrf).append("<button type=\"submit\"").append(canAct ? "" : " disabled")
                .append(">Retry all transient failures</button></form>")
                .append("<table class=\"card table\" id=\"failed-mails-table\"><thead><tr><th>receipt</th><th>to</th><th>failure</th>")
                .append("<th class=\"num\">attempts</th><th>last error</th><th></th></tr></thead><tbody>");
        for (var mail : failed) {
            var kind = mail.failureKind().orElseThrow().name().toLowerCase(Locale.ROOT);
            html.append("<tr data-receipt=\"").append(esc(mail.receiptSerial())).append("\"><td><code>").append(esc(mail.receiptSerial()))
                    .append("</code></td><td>").append(esc(mail.recipient())).append("</td><td><span class=\"badge mail-").append(kind)
                    .append("\" data-field=\"kind\">").append(kind).append("</span></td><td class=\"num\">").append(mail.attempts())
                    .append("</td><td>").append(esc(mail.lastError().orElse(""))).append("</td><td class=\"actions\">")
                    .append("<form method=\"post\" action=\"/staff/mails/").append(esc(mail.receiptSerial())).append("/retry\" class=\"inline\">")
                    .append(csrf).append("<button type=\"submit\" class=\"small").append(isPermanent(mail) ? " secondary" : "").append('"')
                    .append(canAct ? "" : " disabled").append(">Retry</button></form></td></tr>");
        }
        return html.append("</tbody></table></section>").toString();
    }

    private static boolean isPermanent(OutboxMail mail) {
        return mail.failureKind().orElseThrow() == OutboxMail.FailureKind.PERMANENT;
    }
}
