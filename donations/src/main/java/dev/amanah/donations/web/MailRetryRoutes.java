package dev.amanah.donations.web;

import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.OutboxMail;
import dev.amanah.donations.store.StoreException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * The posts of the staff page's "Failed mails" section ({@link FailedMailsSection}):
 * {@code POST /staff/mails/{serial}/retry} queues the failed mail of that receipt again, whatever
 * its failure (a person chose it), and {@code POST /staff/mails/retry-transient} queues every mail
 * that failed for transient reasons, leaving those refused for good (as {@code amanah mail
 * --retry-failed} does). Queued again means due now with a fresh count of attempts; the mailer is
 * poked, and sends them at once if it runs and the server is not known to be down, else on its next
 * sweep. Where {@code mail.enabled} is false no mailer runs in this service, and a notice that
 * queued a mail says so: it stays pending until one does. Same session, CSRF and role rules as {@link StaffRoutes}' other actions (a viewer is
 * refused with 403); each is recorded in the audit trail and answers with a redirect to
 * {@code /staff} whose notice says what happened. A retry of a mail that is queued (a retry sent
 * twice: a double click, or two staff at once) or sent says so as a status; a refusal (no such
 * mail) as an alert.
 */
final class MailRetryRoutes implements HttpService {
    private final MailOutboxStore outbox;
    private final StaffRoutes staff;
    private final StaffAudit audit;
    private final Runnable pokeMailer;
    private final boolean mailerRuns;

    /**
     * @param pokeMailer tells the mailer mails were queued (a cast: it never waits for SMTP)
     * @param mailerRuns whether this service runs a mailer ({@code mail.enabled})
     */
    MailRetryRoutes(MailOutboxStore outbox, StaffRoutes staff, StaffAudit audit, Runnable pokeMailer, boolean mailerRuns) {
        this.outbox = outbox;
        this.staff = staff;
        this.audit = audit;
        this.pokeMailer = pokeMailer;
        this.mailerRuns = mailerRuns;
    }

    /** What follows a notice that left mails queued: nothing, or that no mailer will send them. */
    private String unsent(String them) {
        return mailerRuns ? "" : " No mailer runs in this service (mail.enabled is false): " + them + " pending until one does.";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/staff/mails/retry-transient", this::retryTransient);
        rules.post("/staff/mails/{serial}/retry", this::retryOne);
        OtherMethods.refuse(rules, OtherMethods.Served.POST, BrowserErrorPage.INSTANCE, "/staff/mails/retry-transient",
                "/staff/mails/{serial}/retry");
    }

    private void retryOne(ServerRequest request, ServerResponse response) {
        var session = staff.authorised(request, response, Forms.read(request));
        if (session.isEmpty()) {
            return;
        }
        var member = session.get().member();
        var serial = request.path().pathParameters().get("serial");
        Notice notice;
        try {
            var failed = outbox.forReceipt(serial).filter(mail -> mail.status() == OutboxMail.Status.FAILED);
            if (failed.isPresent() && outbox.requeue(failed.get().id())) {
                var kind = failed.get().failureKind().orElseThrow().name().toLowerCase(Locale.ROOT);
                audit.record(member, "mail.retry", serial, "queued again (was " + kind + ")");
                pokeMailer.run();
                notice = Notice.done("The mail of receipt " + serial + " is queued again." + unsent("it stays"));
            } else {
                // Read again: a retry sent twice (a double click, or two staff at once) finds the
                // mail queued, or sent since, which is what the member asked for, not a refusal.
                var now = outbox.forReceipt(serial).map(OutboxMail::status);
                if (now.isPresent() && now.get() != OutboxMail.Status.FAILED) {
                    audit.record(member, "mail.retry", serial, "already " + now.get());
                    notice = Notice.done(now.get() == OutboxMail.Status.SENT ? "The mail of receipt " + serial + " was sent already."
                            : "The mail of receipt " + serial + " is queued already." + unsent("it stays"));
                } else if (now.isEmpty()) {
                    audit.record(member, "mail.retry", serial, "refused: no mail");
                    notice = Notice.refused("receipt " + serial + " has no mail to retry.");
                } else {
                    audit.record(member, "mail.retry", serial, "refused: failed again meanwhile");
                    notice = Notice.refused("the mail of receipt " + serial + " was queued and failed again meanwhile; retry it again.");
                }
            }
        } catch (StoreException e) {
            audit.record(member, "mail.retry", serial, "refused: " + e.code());
            notice = Notice.refused(e.getMessage());
        }
        notice.redirect(response, "/staff", session.get());
    }

    private void retryTransient(ServerRequest request, ServerResponse response) {
        var session = staff.authorised(request, response, Forms.read(request));
        if (session.isEmpty()) {
            return;
        }
        var member = session.get().member();
        Notice notice;
        try {
            var done = outbox.requeueFailed(Optional.empty(), false);
            var outcome = done.transientQueued() + " queued again, " + done.permanentSkipped() + " refused for good left";
            audit.record(member, "mail.retry-transient", "failed mails", outcome);
            if (done.queued() > 0) {
                pokeMailer.run();
            }
            notice = Notice.done("Failed mails: " + outcome + "." + (done.queued() > 0 ? unsent("they stay") : ""));
        } catch (StoreException e) {
            audit.record(member, "mail.retry-transient", "failed mails", "refused: " + e.code());
            notice = Notice.refused(e.getMessage());
        }
        notice.redirect(response, "/staff", session.get());
    }
}
