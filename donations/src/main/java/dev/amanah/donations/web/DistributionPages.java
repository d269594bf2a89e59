package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.Session;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.distribution.DistributionException;
import dev.amanah.donations.distribution.DistributionService;
import dev.amanah.donations.distribution.PlanReport;
import dev.amanah.donations.distribution.Repeats;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.StoredPlan;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * The distribution pages: {@code GET /staff/distributions} lists the plans (recipients, amounts,
 * who prepared and who approved, payouts, what was paid and what went back to the campaign), with
 * the actions the member's role and the plan's status allow; {@code POST /staff/distributions/{id}/approve},
 * {@code .../reject} (with a required {@code reason}: a blank one is refused, {@code INVALID_REASON},
 * as the API refuses it) and {@code .../execute} call {@link DistributionService}, which checks the
 * role and the four-eyes rule (an approver never approves their own plan).
 *
 * <p>A {@code DECLINED} payout of an {@code INCOMPLETE} plan has its own actions, in its row:
 * {@code POST /staff/distributions/{id}/payouts/{recipientId}/reissue} (a preparer or approver:
 * a new key, paid by the next "Pay the rest"; its form carries the payout's {@code attempts} as
 * shown, and a reissue of a payout sent again since says it was reissued already, reissuing
 * nothing, while a form without it is refused {@code STALE_PAGE}) and {@code .../cancel} with a required
 * {@code reason} (an approver who did not prepare the plan: the money goes back to the campaign).
 * "Pay the rest" is not offered when nothing but declined payouts is left (execute would answer
 * {@code PAYOUTS_DECLINED}); the page says why instead.
 *
 * <p>"Pay out" and "Pay the rest" wait for the run they start, up to {@link #RUN_WAIT}, so the
 * page they redirect to shows each payout's status, and the notice the plan's status and how many
 * payouts were paid, declined or left failed; sent again while that run goes on (a double click),
 * it waits for the same run and says so, rather than answering with the service's
 * {@code PLAN_EXECUTING}; an approve or a reject sent again says the plan was approved or rejected
 * already, "Pay out" sent again once its run paid the plan that it was paid already, and a
 * payout's reissue or cancel sent again that it was reissued or cancelled already, rather than
 * {@code ILLEGAL_STATE}. A page showing a plan still being paid by a live run (a run longer
 * than that, or started elsewhere) reloads itself every few seconds ({@code Refresh}) until none is.
 *
 * <p>A plan left {@code EXECUTING} by a run that died (killed, or the service stopped mid-run)
 * says so, and offers a preparer or approver {@code POST /staff/distributions/{id}/settle}, which
 * settles it as a restart would ({@link DistributionService#settle}: refused, {@code PLAN_EXECUTING},
 * while a run of it is alive); sent again, it says the plan was settled already.
 *
 * <p>Same session and CSRF rules as {@link StaffRoutes}. Every action answers with a redirect to
 * the page whose {@link Notice} says what happened, or, as an alert, "Not done: CODE: message"
 * for the service's refusal; each action, done or refused, is recorded in the audit trail.
 */
final class DistributionPages implements HttpService {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /**
     * How long "Pay out" waits for its run before answering: a plan of a few payouts is paid well
     * within it, and the page then shows the outcome; a longer run is shown as it goes by {@link #RELOAD}.
     */
    private static final Duration RUN_WAIT = Duration.ofSeconds(10);
    /** The {@code Refresh} header of a page showing a plan being paid: again in 5 s, without the notice, which is of the past. */
    private static final String RELOAD = "5; url=/staff/distributions";

    private final DistributionService distributions;
    private final StaffRoutes staff;
    private final StaffAudit audit;
    private final Repeats repeats;

    DistributionPages(DistributionService distributions, StaffRoutes staff, StaffAudit audit) {
        this.distributions = distributions;
        this.repeats = new Repeats(distributions);
        this.staff = staff;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff/distributions", this::page);
        rules.post("/staff/distributions/{id}/{action}", this::act);
        rules.post("/staff/distributions/{id}/payouts/{recipientId}/{action}", this::actOnPayout);
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/staff/distributions");
        OtherMethods.refuse(rules, OtherMethods.Served.POST, BrowserErrorPage.INSTANCE, "/staff/distributions/{id}/{action}",
                "/staff/distributions/{id}/payouts/{recipientId}/{action}");
    }

    private void page(ServerRequest request, ServerResponse response) {
        var session = staff.loggedIn(request, response);
        if (session.isEmpty()) {
            return;
        }
        var s = session.get();
        var body = new StringBuilder(8192).append(StaffRoutes.top(request, s, "Distributions",
                "Zakat and sadaqah paid out to recipients. A plan is prepared by one person and approved by another "
                        + "(four eyes), then paid.", "/staff/distributions"));
        var plans = distributions.plans(s.member(), 50);
        if (plans.isEmpty()) {
            body.append("<div class=\"card muted\">No plan yet. Plans are prepared through the staff API (<code>POST /api/distributions</code>).</div>");
        }
        boolean running = false;
        for (var report : plans) {
            var executing = report.plan().status() == PlanStatus.EXECUTING;
            var live = executing && distributions.runOf(report.plan().id()).isPresent();
            running |= live;
            body.append(plan(report, s, executing && !live));
        }
        // Only while a run is alive: a plan left EXECUTING by a run that died stays so until it is
        // settled (at start-up, by the next execute, or by "Settle"), and would make the page reload for ever.
        if (running) {
            response.header(HeaderNames.create("Refresh"), RELOAD);
        }
        Html.send(response, Html.page("Distributions", "/staff", s.member().username(), body.toString()));
    }

    /** A plan's card; {@code stuck}: it is {@code EXECUTING} but no run of it is alive. */
    private static String plan(PlanReport report, Session session, boolean stuck) {
        var p = report.plan();
        var me = session.member();
        var html = new StringBuilder(2048);
        html.append("<article class=\"card plan\" data-plan=\"").append(esc(p.id())).append("\"><header class=\"plan-head\"><div><h3>")
                .append(esc(p.id())).append("</h3><p class=\"muted\">from <code>").append(esc(p.campaignId())).append("</code> · ")
                .append(esc(word(p.fundType()))).append(" · prepared by <strong>").append(esc(p.preparedBy()))
                .append("</strong> ").append(esc(WHEN.format(p.preparedAt())));
        p.approvedBy().ifPresent(by -> html.append(" · approved by <strong>").append(esc(by)).append("</strong>"));
        p.rejectedBy().ifPresent(by -> html.append(" · rejected by <strong>").append(esc(by)).append("</strong>: ")
                .append(esc(p.rejectionReason().orElse(""))));
        html.append("</p></div><div class=\"plan-total\"><span class=\"amount\">").append(esc(Amounts.format(p.total())))
                .append("</span><span class=\"badge plan-").append(word(p.status())).append("\" data-field=\"status\">")
                .append(word(p.status())).append("</span></div></header>")
                .append("<table class=\"table\"><thead><tr><th>recipient</th><th>category</th><th class=\"num\">amount</th><th>payout</th></tr></thead><tbody>");
        for (var line : p.lines()) {
            var payout = report.payoutOf(line.recipientId());
            html.append("<tr><td>").append(esc(line.recipientName())).append("</td><td>")
                    .append(esc(line.zakatCategory().map(c -> c.name().replace('_', ' ').toLowerCase(Locale.ROOT)).orElse("—"))).append("</td><td class=\"num\">")
                    .append(esc(Amounts.format(line.amount()))).append("</td><td>")
                    .append(payout.map(po -> payoutCell(p, po, session)).orElse("<span class=\"muted\">not yet</span>"))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (!report.payouts().isEmpty()) {
            html.append("<p class=\"muted\" data-field=\"paid\">paid ").append(esc(Amounts.format(report.total(PayoutStatus.PAID))))
                    .append(" of ").append(esc(Amounts.format(p.total())));
            var cancelled = report.total(PayoutStatus.CANCELLED);
            if (cancelled.minorUnits() > 0) {
                html.append(" · <span data-field=\"cancelled\">cancelled ").append(esc(Amounts.format(cancelled)))
                        .append(", back in <code>").append(esc(p.campaignId())).append("</code></span>");
            }
            html.append("</p>");
        }
        var actions = new StringBuilder();
        if (p.status() == PlanStatus.PREPARED && me.role().canApprove()) {
            if (me.mayApproveWorkOf(p.preparedBy())) {
                actions.append(button(p.id(), "approve", "Approve", "", session)).append(button(p.id(), "reject", "Reject", " danger", session));
            } else {
                actions.append("<span class=\"muted\">You prepared this plan: another approver must decide.</span>");
            }
        } else if (p.status() == PlanStatus.PREPARED) {
            actions.append("<span class=\"muted\">Waiting for an approver.</span>");
        }
        if ((p.status() == PlanStatus.APPROVED || p.status() == PlanStatus.INCOMPLETE) && me.role().canPrepare()) {
            if (p.status() == PlanStatus.INCOMPLETE && report.payouts().stream().noneMatch(po -> po.status().payable())) {
                // Execute would answer PAYOUTS_DECLINED: say so rather than offer a button that fails.
                actions.append("<span class=\"muted\" data-field=\"only-declined\">Nothing left to pay but declined payouts: "
                        + "reissue or cancel each of them above.</span>");
            } else {
                actions.append(button(p.id(), "execute", p.status() == PlanStatus.APPROVED ? "Pay out" : "Pay the rest", "", session));
            }
        }
        if (stuck) {
            actions.append("<span class=\"muted\" data-field=\"stuck\">Its payment run stopped before it ended (the service "
                    + "stopped, or the run died): nothing is being paid now. Settling asks the provider what became of each "
                    + "unfinished payout and books it, as a restart would; the plan is then paid, or incomplete with the rest "
                    + "to pay.</span>");
            actions.append(me.role().canPrepare() ? button(p.id(), "settle", "Settle", "", session)
                    : "<span class=\"muted\">A preparer or approver may settle it.</span>");
        }
        if (!actions.isEmpty()) {
            html.append("<div class=\"actions\">").append(actions).append("</div>");
        }
        return html.append("</article>").toString();
    }

    /**
     * A payout's cell: its status and reason and, for a declined payout of an {@code INCOMPLETE}
     * plan, what this member may do about it (the service checks again).
     */
    private static String payoutCell(StoredPlan plan, Payout payout, Session session) {
        var cell = new StringBuilder(512).append("<span data-field=\"payout\">").append(esc(word(payout.status())));
        // A cancelled payout's reason is stored as "cancelled by <who>: <why>".
        payout.failureReason().map(r -> payout.status() == PayoutStatus.CANCELLED ? r.replaceFirst("^cancelled ", "") : r)
                .ifPresent(r -> cell.append(" (").append(esc(r)).append(')'));
        cell.append("</span>");
        var me = session.member();
        if (payout.status() != PayoutStatus.DECLINED || plan.status() != PlanStatus.INCOMPLETE || !me.role().canPrepare()) {
            return cell.toString();
        }
        var path = "/staff/distributions/" + esc(plan.id()) + "/payouts/" + esc(payout.recipientId());
        cell.append("<div class=\"actions payout-actions\"><form method=\"post\" action=\"").append(path)
                .append("/reissue\" class=\"inline\">").append(Csrf.input(session.csrfToken()))
                // The decline this page shows: a reissue sent again after that one was reissued and
                // declined again is told apart from a decision about the new decline.
                .append("<input type=\"hidden\" name=\"attempts\" value=\"").append(payout.attempts()).append("\">")
                .append("<button type=\"submit\" class=\"small\" data-action=\"reissue\" title=\"Pay it again under a new key, "
                        + "once the recipient's account can receive\">Reissue</button></form>");
        if (me.mayApproveWorkOf(plan.preparedBy())) {
            cell.append("<form method=\"post\" action=\"").append(path).append("/cancel\" class=\"inline\">")
                    .append(Csrf.input(session.csrfToken()))
                    .append("<input name=\"reason\" placeholder=\"why cancel (required)\" required maxlength=\"")
                    .append(DistributionService.MAX_REASON).append("\" class=\"reason\">")
                    .append("<button type=\"submit\" class=\"small danger\" data-action=\"cancel\" title=\"Return its money to the "
                            + "campaign\">Cancel</button></form>");
        } else if (me.role().canApprove()) {
            cell.append("<span class=\"muted\">You prepared this plan: another approver may cancel it.</span>");
        } else {
            cell.append("<span class=\"muted\">An approver may cancel it.</span>");
        }
        return cell.append("</div>").toString();
    }

    private static String button(String planId, String action, String label, String style, Session session) {
        var reason = action.equals("reject")
                ? "<input name=\"reason\" placeholder=\"why (required)\" required maxlength=\"" + DistributionService.MAX_REJECT_REASON
                + "\" class=\"reason\">" : "";
        return "<form method=\"post\" action=\"/staff/distributions/" + esc(planId) + "/" + action + "\" class=\"inline\">"
                + Csrf.input(session.csrfToken()) + reason + "<button type=\"submit\" class=\"small" + style + "\" data-action=\"" + action
                + "\">" + label + "</button></form>";
    }

    private void act(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = staff.authorised(request, response, fields);
        if (session.isEmpty()) {
            return;
        }
        var by = session.get().member();
        var id = request.path().pathParameters().get("id");
        var action = request.path().pathParameters().get("action");
        Notice notice;
        try {
            var report = switch (action) {
                case "approve" -> distributions.approve(by, id);
                case "reject" -> distributions.reject(by, id, FreeText.trimmed(fields.getOrDefault("reason", "")));
                case "execute" -> distributions.execute(by, id);
                case "settle" -> distributions.settle(by, id);
                default -> null;
            };
            if (report == null) {
                StaffRoutes.forbidden(response, "Unknown action " + action);
                return;
            }
            audit.record(by, "distribution." + action, id, report.plan().status().name());
            notice = action.equals("execute") ? outcome("Plan " + id + " is now ", distributions.awaitRun(id, RUN_WAIT))
                    : action.equals("settle") ? outcome("Plan " + id + " is settled: it is now ", report)
                    : Notice.done("Plan " + id + " is now " + word(report.plan().status()) + ".");
        } catch (DistributionException e) {
            var already = e.code() != DistributionException.Code.ILLEGAL_STATE ? null
                    : repeats.doneAlready(by, id, null, Repeats.Action.valueOf(action.toUpperCase(Locale.ROOT)), e)
                            .map(report -> report.plan().status()).orElse(null);
            audit.record(by, "distribution." + action, id, already != null ? "already " + already.name() : "refused: " + e.errorCode());
            // A second "Pay out" while the first one's run goes on is a double click, or another
            // member's run: what the person wants to know is that run's outcome, not the refusal.
            // Likewise a second approve, reject or settle: the decision asked for was made.
            if (action.equals("execute") && e.code() == DistributionException.Code.PLAN_EXECUTING) {
                notice = outcome("Plan " + id + " was being paid already: it is now ", distributions.awaitRun(id, RUN_WAIT));
            } else if (already != null && action.equals("execute")) {
                notice = outcome("Plan " + id + " was paid already: it is ", distributions.plan(by, id));
            } else if (already != null && action.equals("settle")) {
                notice = Notice.done("Plan " + id + " was settled already; it is " + word(already) + ".");
            } else if (already == PlanStatus.REJECTED) {
                notice = Notice.done("Plan " + id + " was rejected already.");
            } else if (already != null) {
                notice = Notice.done("Plan " + id + " was approved already; it is " + word(already) + ".");
            } else {
                notice = refused(e);
            }
        }
        back(response, session.get(), notice);
    }

    /** A declined payout's reissue or cancel: as {@link #act}, audited as {@code distribution.payout.<action>} of {@code <plan>/<recipient>}. */
    private void actOnPayout(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = staff.authorised(request, response, fields);
        if (session.isEmpty()) {
            return;
        }
        var by = session.get().member();
        var id = request.path().pathParameters().get("id");
        var recipient = request.path().pathParameters().get("recipientId");
        var action = request.path().pathParameters().get("action");
        var reason = FreeText.trimmed(fields.getOrDefault("reason", ""));
        var subject = id + "/" + recipient;
        var seen = seenAttempts(fields.get("attempts"));
        if (action.equals("reissue") && seen.isEmpty()) {
            audit.record(by, "distribution.payout.reissue", subject, "refused: STALE_PAGE");
            back(response, session.get(), Notice.refused("STALE_PAGE: the form does not say which decline it answers; "
                    + "reload the page and reissue again if the payout is still declined."));
            return;
        }
        Notice notice;
        try {
            var report = switch (action) {
                case "reissue" -> distributions.reissue(by, id, recipient, seen);
                case "cancel" -> distributions.cancel(by, id, recipient, reason);
                default -> null;
            };
            if (report == null) {
                StaffRoutes.forbidden(response, "Unknown action " + action);
                return;
            }
            var payout = report.payoutOf(recipient).orElseThrow();
            notice = Notice.done((action.equals("reissue")
                    ? "The payout to " + recipient + " is reissued under a new key: \"Pay the rest\" sends it."
                    : "The payout to " + recipient + " is cancelled: " + Amounts.format(payout.amount()) + " is back in campaign "
                            + report.plan().campaignId() + ".")
                    + " Plan " + id + " is now " + word(report.plan().status()) + ".");
            audit.record(by, "distribution.payout." + action, subject, payout.status().name());
        } catch (DistributionException e) {
            // A second reissue or cancel (a double click, or two staff at once) finds the payout
            // reissued or cancelled: what the member asked for is the case, and the page says so
            // rather than "Not done".
            var already = repeats.doneAlready(by, id, recipient, Repeats.Action.valueOf(action.toUpperCase(Locale.ROOT)), e);
            if (already.isPresent()) {
                var payout = already.get().payoutOf(recipient).orElseThrow();
                var reissue = action.equals("reissue");
                audit.record(by, "distribution.payout." + action, subject, (reissue ? "already reissued, " : "already ") + payout.status().name());
                notice = Notice.done(reissue ? reissuedAlready(already.get(), payout) : cancelledAlready(already.get(), payout));
            } else {
                audit.record(by, "distribution.payout." + action, subject, "refused: " + e.errorCode());
                notice = refused(e);
            }
        }
        back(response, session.get(), notice);
    }

    /** The reissue form's {@code attempts}: empty if absent (a page from before it carried one) or not a count. */
    private static OptionalInt seenAttempts(String field) {
        if (field == null || !field.matches("\\d{1,9}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(field));
    }

    /**
     * What "Pay out" did, read once its run ended or {@link #RUN_WAIT} passed: {@code opening}
     * ("Plan q1 is now "), the plan's status and how many of its payouts ended in each status, so
     * the page the redirect opens shows the outcome, not a run that was only starting.
     */
    private static Notice outcome(String opening, PlanReport report) {
        var plan = report.plan();
        var counts = new StringJoiner(", ");
        for (var status : PayoutStatus.values()) {
            var count = report.count(status);
            if (count > 0) {
                counts.add(count + " " + word(status));
            }
        }
        var text = opening + word(plan.status()) + "; payouts: " + counts + ".";
        return Notice.done(plan.status() == PlanStatus.EXECUTING ? text + " This page reloads itself until the run ends." : text);
    }

    /** A status or a fund type as the page writes it, in lower case: "paid", "sadaqah". */
    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String cancelledAlready(PlanReport report, Payout payout) {
        var plan = report.plan();
        return "The payout to " + payout.recipientId() + " was cancelled already: " + Amounts.format(payout.amount())
                + " is back in campaign " + plan.campaignId() + ". Plan " + plan.id() + " is "
                + word(plan.status()) + ".";
    }

    private static String reissuedAlready(PlanReport report, Payout payout) {
        var plan = report.plan();
        if (payout.status() == PayoutStatus.DECLINED) {
            return "The payout to " + payout.recipientId() + " was reissued already and declined again since (attempt "
                    + payout.attempts() + ": " + payout.failureReason().orElse("declined") + "). Plan " + plan.id() + " is "
                    + word(plan.status()) + "; reissue it again only once the recipient's account can receive.";
        }
        var waiting = payout.status().payable() && plan.status() == PlanStatus.INCOMPLETE ? ": \"Pay the rest\" sends it" : "";
        return "The payout to " + payout.recipientId() + " was reissued already; it is " + word(payout.status())
                + waiting + ". Plan " + plan.id() + " is " + word(plan.status()) + ".";
    }

    private static Notice refused(DistributionException e) {
        return Notice.refused(e.errorCode() + ": " + e.getMessage());
    }

    private static void back(ServerResponse response, Session session, Notice notice) {
        notice.redirect(response, "/staff/distributions", session);
    }
}
