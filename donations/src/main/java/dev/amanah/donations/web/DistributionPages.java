package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.Session;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.distribution.DistributionException;
import dev.amanah.donations.distribution.DistributionService;
import dev.amanah.donations.distribution.PlanReport;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanStatus;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The distribution pages: {@code GET /staff/distributions} lists the plans (recipients, amounts,
 * who prepared and who approved, payouts), with the actions the member's role and the plan's
 * status allow; {@code POST /staff/distributions/{id}/approve}, {@code .../reject} and
 * {@code .../execute} call {@link DistributionService}, which checks the role and the four-eyes
 * rule (an approver never approves their own plan). Same session and CSRF rules as
 * {@link StaffRoutes}; each action is recorded in the audit trail.
 */
final class DistributionPages implements HttpService {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final DistributionService distributions;
    private final StaffRoutes staff;
    private final StaffAudit audit;

    DistributionPages(DistributionService distributions, StaffRoutes staff, StaffAudit audit) {
        this.distributions = distributions;
        this.staff = staff;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff/distributions", this::page);
        rules.post("/staff/distributions/{id}/{action}", this::act);
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
        for (var report : plans) {
            body.append(plan(report, s));
        }
        Html.send(response, Html.page("Distributions", "/staff", s.member().username(), body.toString()));
    }

    private static String plan(PlanReport report, Session session) {
        var p = report.plan();
        var me = session.member();
        var html = new StringBuilder(2048);
        html.append("<article class=\"card plan\" data-plan=\"").append(esc(p.id())).append("\"><header class=\"plan-head\"><div><h3>")
                .append(esc(p.id())).append("</h3><p class=\"muted\">from <code>").append(esc(p.campaignId())).append("</code> · ")
                .append(esc(p.fundType().name().toLowerCase())).append(" · prepared by <strong>").append(esc(p.preparedBy()))
                .append("</strong> ").append(esc(WHEN.format(p.preparedAt())));
        p.approvedBy().ifPresent(by -> html.append(" · approved by <strong>").append(esc(by)).append("</strong>"));
        p.rejectedBy().ifPresent(by -> html.append(" · rejected by <strong>").append(esc(by)).append("</strong>: ")
                .append(esc(p.rejectionReason().orElse(""))));
        html.append("</p></div><div class=\"plan-total\"><span class=\"amount\">").append(esc(Amounts.format(p.total())))
                .append("</span><span class=\"badge plan-").append(p.status().name().toLowerCase()).append("\" data-field=\"status\">")
                .append(p.status().name().toLowerCase()).append("</span></div></header>")
                .append("<table class=\"table\"><thead><tr><th>recipient</th><th>category</th><th class=\"num\">amount</th><th>payout</th></tr></thead><tbody>");
        for (var line : p.lines()) {
            var payout = report.payoutOf(line.recipientId());
            html.append("<tr><td>").append(esc(line.recipientName())).append("</td><td>")
                    .append(esc(line.zakatCategory().map(c -> c.name().replace('_', ' ').toLowerCase()).orElse("—"))).append("</td><td class=\"num\">")
                    .append(esc(Amounts.format(line.amount()))).append("</td><td>")
                    .append(payout.map(po -> esc(po.status().name().toLowerCase()) + po.failureReason().map(r -> " (" + esc(r) + ")").orElse(""))
                            .orElse("<span class=\"muted\">not yet</span>"))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (!report.payouts().isEmpty()) {
            html.append("<p class=\"muted\">paid ").append(esc(Amounts.format(report.total(PayoutStatus.PAID)))).append(" of ")
                    .append(esc(Amounts.format(p.total()))).append("</p>");
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
            actions.append(button(p.id(), "execute", p.status() == PlanStatus.APPROVED ? "Pay out" : "Pay the rest", "", session));
        }
        if (!actions.isEmpty()) {
            html.append("<div class=\"actions\">").append(actions).append("</div>");
        }
        return html.append("</article>").toString();
    }

    private static String button(String planId, String action, String label, String style, Session session) {
        var reason = action.equals("reject")
                ? "<input name=\"reason\" placeholder=\"why (required)\" required maxlength=\"200\" class=\"reason\">" : "";
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
        String notice;
        try {
            var report = switch (action) {
                case "approve" -> distributions.approve(by, id);
                case "reject" -> distributions.reject(by, id, fields.getOrDefault("reason", "").strip().isEmpty()
                        ? "no reason given" : fields.get("reason").strip());
                case "execute" -> distributions.execute(by, id);
                default -> null;
            };
            if (report == null) {
                StaffRoutes.forbidden(response, "Unknown action " + action);
                return;
            }
            notice = "Plan " + id + " is now " + report.plan().status().name().toLowerCase() + ".";
            audit.record(by, "distribution." + action, id, report.plan().status().name());
        } catch (DistributionException e) {
            notice = "Not done: " + e.errorCode() + ": " + e.getMessage();
            audit.record(by, "distribution." + action, id, "refused: " + e.errorCode());
        }
        Html.redirect(response, "/staff/distributions?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8));
    }
}
