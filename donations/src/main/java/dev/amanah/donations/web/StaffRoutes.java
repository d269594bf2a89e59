package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.LoginThrottle;
import dev.amanah.donations.auth.Session;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.auth.StaffLogin;
import dev.amanah.donations.auth.StaffSessions;
import dev.amanah.donations.auth.Tokens;
import dev.amanah.donations.campaign.CampaignLifecycle;
import dev.amanah.donations.http.ClientAddress;
import dev.amanah.donations.http.RefundOutcome;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.net.TrustedProxies;
import dev.amanah.donations.pipeline.RefundFlow;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.StoreException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The staff pages: {@code /staff/login} (throttled; CSRF double-submit), {@code /staff} (campaigns
 * with the state changes the member's role allows, refunds, the failed receipt mails
 * ({@link FailedMailsSection}, posted to {@link MailRetryRoutes}), the audit trail),
 * {@code POST /staff/campaigns/{id}/state}, {@code POST /staff/refunds}, {@code POST /staff/logout}.
 *
 * <p>A staff page opened without a session redirects to {@code /staff/login?next=<the page>},
 * and a successful login returns there, path and query, or to {@code /staff} when there is no
 * target or {@link ReturnTarget} refuses it (a relative address of a staff page of this site
 * only: no open redirect). The target rides in the login form, so a wrong password, an expired
 * form or the throttle shows the form again with it; it is followed only after all three pass.
 * A member already logged in who opens the login page is sent to its target (or {@code /staff})
 * at once, by the same rule, instead of being shown the form again.
 *
 * <p>The session is a cookie {@code amanah_session} ({@code HttpOnly; SameSite=Strict}, and
 * {@code Secure} with {@code http.secureCookies}: turn it on behind TLS) holding a random token; every form of the session carries the
 * session's CSRF token and a post without it is refused ({@code 403}). Viewers see everything and
 * change nothing; preparers and approvers change campaigns and issue refunds. Every action is
 * recorded in the audit trail with its outcome, and answers with a redirect to {@code /staff}
 * whose {@link Notice} says what happened: a status when done, an alert reading "Not done: ..."
 * when refused. A state change sent twice (a double click) says the second time that the campaign
 * is already in that state, as a status: the member's wish is the case.
 */
final class StaffRoutes implements HttpService {
    /** The session cookie's name. */
    static final String SESSION_COOKIE = "amanah_session";
    private static final Duration LIFETIME = Duration.ofHours(8);
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,3})?");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final StaffLogin staffLogin;
    private final StaffSessions sessions;
    private final LoginThrottle throttle;
    private final StaffAudit audit;
    private final CampaignStore campaigns;
    private final CampaignLifecycle lifecycle;
    private final DonationStore donations;
    private final RefundFlow refunds;
    private final Cookies cookies;
    private final TrustedProxies proxies;
    private final FailedMailsSection failedMails;

    /**
     * @param cookies how the session and CSRF cookies are set ({@code http.secureCookies})
     * @param proxies whose {@code X-Forwarded-For} or {@code Forwarded} names the client the throttle counts ({@code http.trustedProxies})
     * @param failedMails the page's "Failed mails" section
     */
    StaffRoutes(StaffAccounts accounts, StaffSessions sessions, LoginThrottle throttle, StaffAudit audit, CampaignStore campaigns,
                CampaignLifecycle lifecycle, DonationStore donations, RefundFlow refunds, StaffDirectory configured,
                Cookies cookies, TrustedProxies proxies, FailedMailsSection failedMails) {
        this.staffLogin = new StaffLogin(accounts, configured, sessions);
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.campaigns = campaigns;
        this.lifecycle = lifecycle;
        this.donations = donations;
        this.refunds = refunds;
        this.cookies = cookies;
        this.proxies = proxies;
        this.failedMails = failedMails;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff/login", this::loginForm);
        rules.post("/staff/login", this::login);
        rules.post("/staff/logout", this::logout);
        rules.get("/staff", this::home);
        rules.post("/staff/campaigns/{id}/state", this::changeState);
        rules.post("/staff/refunds", this::refund);
        OtherMethods.refuse(rules, OtherMethods.Served.GET_AND_POST, BrowserErrorPage.INSTANCE, "/staff/login");
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/staff");
        OtherMethods.refuse(rules, OtherMethods.Served.POST, BrowserErrorPage.INSTANCE, "/staff/logout", "/staff/campaigns/{id}/state",
                "/staff/refunds");
    }

    /** The session of the request's cookie, if it is a live one. */
    Optional<Session> session(ServerRequest request) {
        return Forms.cookie(request, SESSION_COOKIE).flatMap(sessions::find);
    }

    /**
     * The request's staff session; without one, redirects to the login page and returns empty. The
     * login returns to the page of a GET (path and query) if {@link ReturnTarget} allows it; a
     * form post is not repeated, and its login goes to {@code /staff}.
     */
    Optional<Session> loggedIn(ServerRequest request, ServerResponse response) {
        var session = session(request);
        if (session.isEmpty()) {
            Html.redirect(response, ReturnTarget.loginFor(request));
        }
        return session;
    }

    /**
     * The login form carrying the query's target; a member whose session is live has nothing to
     * log in to and goes where a login would have sent them, by the same rule.
     */
    private void loginForm(ServerRequest request, ServerResponse response) {
        var next = ReturnTarget.of(request.query().first(ReturnTarget.FIELD).orElse(null));
        if (session(request).isPresent()) {
            Html.redirect(response, next.orElse(ReturnTarget.HOME));
            return;
        }
        loginPage(request, response, 200, "", next);
    }

    /** The login form, with {@code error} above it if not empty, carrying {@code next} (already checked) to the post. */
    private void loginPage(ServerRequest request, ServerResponse response, int status, String error, Optional<String> next) {
        var token = Csrf.token(request, response, cookies);
        var body = "<section class=\"narrow\"><h1>Staff login</h1>"
                + (error.isEmpty() ? "" : "<div class=\"card notice error\" role=\"alert\" id=\"login-error\">" + esc(error) + "</div>")
                + "<form method=\"post\" action=\"/staff/login\" class=\"card form\" id=\"login-form\">" + Csrf.input(token)
                + next.map(ReturnTarget::input).orElse("")
                + "<label>Username<input name=\"username\" autocomplete=\"username\" required></label>"
                + "<label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\" id=\"login\">Log in</button></form>"
                + "<p class=\"muted\">The first approver is created with <code>amanah staff add</code>; "
                + "<code>amanah demo</code> prints its demo accounts.</p></section>";
        Html.send(response, status, Html.page("Staff login", "/staff", null, body));
    }

    private void login(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        // Kept through a refused attempt, so the form shown again still returns to the page asked for.
        var next = ReturnTarget.of(fields.get(ReturnTarget.FIELD));
        if (!Csrf.valid(request, fields)) {
            loginPage(request, response, 403, "This form has expired; please log in again.", next);
            return;
        }
        var username = fields.getOrDefault("username", "").strip();
        var address = ClientAddress.of(request, proxies);
        if (!throttle.allowed(username, address)) {
            loginPage(request, response, 429, "Too many failed logins; wait a few minutes and try again.", next);
            return;
        }
        var login = staffLogin.logIn(username, fields.get("password"));
        if (login.isEmpty()) {
            throttle.failed(username, address);
            loginPage(request, response, 401, "Wrong username or password.", next);
            return;
        }
        throttle.succeeded(username);
        audit.record(login.get().member(), "login", username, "ok");
        response.headers().add(HeaderNames.SET_COOKIE, cookies.set(SESSION_COOKIE, login.get().token(), LIFETIME));
        Html.redirect(response, next.orElse(ReturnTarget.HOME));
    }

    private void logout(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = session(request);
        if (session.isPresent() && Tokens.same(session.get().csrfToken(), fields.get(Csrf.FIELD))) {
            sessions.close(Forms.cookie(request, SESSION_COOKIE).orElse(null));
        }
        response.headers().add(HeaderNames.SET_COOKIE, cookies.delete(SESSION_COOKIE));
        Html.redirect(response, "/staff/login");
    }

    private void home(ServerRequest request, ServerResponse response) {
        var session = loggedIn(request, response);
        if (session.isEmpty()) {
            return;
        }
        var s = session.get();
        var canAct = s.member().role().canPrepare();
        var notice = Notice.of(request, s);
        var body = new StringBuilder(8192);
        body.append("<section class=\"intro\"><h1>Staff</h1><p class=\"muted\">Logged in as <strong id=\"staff-name\">")
                .append(esc(s.member().username())).append("</strong> (").append(esc(s.member().role().name().toLowerCase(Locale.ROOT)))
                .append(canAct ? "" : ": you can see everything and change nothing").append(").</p>")
                .append("<form method=\"post\" action=\"/staff/logout\" class=\"inline\">").append(sessionCsrf(s))
                .append("<button type=\"submit\" class=\"secondary\">Log out</button></form></section>")
                .append(subNav("/staff"));
        notice.ifPresent(shown -> body.append(shown.html()));
        body.append("<h2>Campaigns</h2><table class=\"card table\" id=\"staff-campaigns\"><thead><tr><th>campaign</th><th>fund</th>")
                .append("<th class=\"num\">goal</th><th>state</th><th>change state</th></tr></thead><tbody>");
        for (var c : campaigns.all()) {
            body.append("<tr data-campaign=\"").append(esc(c.id())).append("\"><td>").append(esc(c.name())).append("<br><code>")
                    .append(esc(c.id())).append("</code></td><td>").append(esc(c.fundType().name().toLowerCase(Locale.ROOT))).append("</td><td class=\"num\">")
                    .append(esc(Amounts.format(c.goal()))).append("</td><td><span class=\"badge state-").append(c.state().name().toLowerCase(Locale.ROOT))
                    .append("\" data-field=\"state\">").append(c.state().name().toLowerCase(Locale.ROOT)).append("</span></td><td class=\"actions\">");
            for (var target : CampaignState.values()) {
                if (c.state().canMoveTo(target)) {
                    body.append("<form method=\"post\" action=\"/staff/campaigns/").append(esc(c.id())).append("/state\" class=\"inline\">")
                            .append(sessionCsrf(s)).append("<input type=\"hidden\" name=\"state\" value=\"").append(target.name())
                            .append("\"><button type=\"submit\" class=\"small").append(target == CampaignState.CANCELLED ? " danger" : "")
                            .append("\" data-target=\"").append(target.name()).append('"').append(canAct ? "" : " disabled").append('>')
                            .append(verb(target)).append("</button></form>");
                }
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table><section><h2>Refund a donation</h2>")
                .append("<form method=\"post\" action=\"/staff/refunds\" class=\"card form row\" id=\"refund-form\">").append(sessionCsrf(s))
                .append("<input type=\"hidden\" name=\"key\" value=\"staff-refund-").append(Tokens.random()).append("\">")
                .append("<label>Donation id<input name=\"donationId\" required placeholder=\"don_…\"></label>")
                .append("<label>Amount (in the donation's currency)<input name=\"amount\" required inputmode=\"decimal\" placeholder=\"10.00\"></label>")
                .append("<button type=\"submit\"").append(canAct ? "" : " disabled").append(">Refund</button></form></section>")
                .append("<section><h2>Download a receipt</h2>")
                .append("<form method=\"get\" action=\"/staff/receipts\" class=\"card form row\" id=\"receipt-form\">")
                .append("<label>Donation id<input name=\"donation\" required placeholder=\"don_…\"></label>")
                .append("<button type=\"submit\">Download PDF</button></form></section>")
                .append(failedMails.html(s))
                .append("<section><h2>Audit trail</h2><table class=\"card table\" id=\"audit\"><thead><tr><th>when (UTC)</th><th>who</th>")
                .append("<th>what</th><th>outcome</th></tr></thead><tbody>");
        for (var entry : audit.recent(15)) {
            body.append("<tr><td>").append(esc(WHEN.format(entry.at()))).append("</td><td>").append(esc(entry.username())).append("</td><td>")
                    .append(esc(entry.action())).append(" <code>").append(esc(entry.subject())).append("</code></td><td>")
                    .append(esc(entry.outcome())).append("</td></tr>");
        }
        body.append("</tbody></table></section>");
        Html.send(response, Html.page("Staff", "/staff", s.member().username(), body.toString()));
    }

    /**
     * The top of a staff page under the tabs: its title, {@code purpose} (trusted HTML: a constant
     * of the page), who is logged in, the tabs with {@code path} highlighted, and the notice the
     * last action redirected with, if any and if it was made for this session ({@link Notice}).
     */
    static String top(ServerRequest request, Session session, String title, String purpose, String path) {
        var member = session.member();
        var html = new StringBuilder(1024).append("<section class=\"intro\"><h1>").append(esc(title))
                .append("</h1><p class=\"muted\">").append(purpose).append(" Logged in as <strong id=\"staff-name\">")
                .append(esc(member.username())).append("</strong> (").append(esc(member.role().name().toLowerCase(Locale.ROOT)))
                .append(").</p></section>").append(subNav(path));
        Notice.of(request, session).ifPresent(notice -> html.append(notice.html()));
        return html.toString();
    }

    /** The staff pages' tabs, {@code active} highlighted. */
    static String subNav(String active) {
        return "<nav class=\"tabs\"><a href=\"/staff\"" + ("/staff".equals(active) ? " class=\"active\"" : "")
                + ">Campaigns and refunds</a><a href=\"/staff/distributions\"" + ("/staff/distributions".equals(active) ? " class=\"active\"" : "")
                + ">Distributions</a><a href=\"/staff/reviews\"" + ("/staff/reviews".equals(active) ? " class=\"active\"" : "")
                + ">Review queue</a></nav>";
    }

    private static String verb(CampaignState target) {
        return switch (target) {
            case ACTIVE -> "Activate";
            case PAUSED -> "Pause";
            case COMPLETED -> "Complete";
            case CANCELLED -> "Cancel";
            case DRAFT -> "Draft";
        };
    }

    /**
     * The session of a staff post whose CSRF token matches and whose member may prepare; otherwise
     * answers (login page, 403) and returns empty.
     */
    Optional<Session> authorised(ServerRequest request, ServerResponse response, Map<String, String> fields) {
        var session = loggedIn(request, response);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (!Tokens.same(session.get().csrfToken(), fields.get(Csrf.FIELD))) {
            forbidden(response, "This form has expired or did not come from this site; reload the page and try again.");
            return Optional.empty();
        }
        if (!session.get().member().role().canPrepare()) {
            forbidden(response, "Your role (viewer) cannot change anything.");
            return Optional.empty();
        }
        return session;
    }

    static void forbidden(ServerResponse response, String message) {
        Html.send(response, 403, Html.page("Forbidden", "/staff", null,
                "<section class=\"narrow\"><h1>Not allowed</h1><div class=\"card notice error\" role=\"alert\">" + esc(message)
                        + "</div><p><a href=\"/staff\">Back to the staff page</a></p></section>"));
    }

    private void changeState(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = authorised(request, response, fields);
        if (session.isEmpty()) {
            return;
        }
        var id = request.path().pathParameters().get("id");
        var s = session.get();
        var member = s.member();
        CampaignState target;
        try {
            target = CampaignState.valueOf(fields.getOrDefault("state", ""));
        } catch (IllegalArgumentException e) {
            back(response, s, Notice.refused("unknown state " + fields.getOrDefault("state", "") + "."));
            return;
        }
        try {
            var before = campaigns.get(id).state();
            lifecycle.moveTo(id, target);
            audit.record(member, "campaign.state", id, before + " -> " + target);
            back(response, s, Notice.done("Campaign " + id + " is now " + target.name().toLowerCase(Locale.ROOT) + "."));
        } catch (StoreException e) {
            // The same form sent twice (a double click) finds the campaign moved already: what
            // the member asked for is the case, and the page says so rather than "Not done".
            if (e.code() == StoreException.Code.ILLEGAL_TRANSITION && campaigns.get(id).state() == target) {
                audit.record(member, "campaign.state", id, "already " + target);
                back(response, s, Notice.done("Campaign " + id + " is already " + target.name().toLowerCase(Locale.ROOT) + "."));
                return;
            }
            audit.record(member, "campaign.state", id, "refused: " + e.code());
            back(response, s, Notice.refused(e.getMessage()));
        }
    }

    private void refund(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = authorised(request, response, fields);
        if (session.isEmpty()) {
            return;
        }
        var s = session.get();
        var member = s.member();
        var donationId = fields.getOrDefault("donationId", "").strip();
        var amountText = fields.getOrDefault("amount", "").strip();
        var key = fields.getOrDefault("key", "");
        var donation = donations.find(donationId);
        if (donation.isEmpty()) {
            back(response, s, Notice.refused("no donation " + donationId + "."));
            return;
        }
        var digits = Math.max(donation.get().amount().currency().getDefaultFractionDigits(), 0);
        if (!AMOUNT.matcher(amountText).matches() || new BigDecimal(amountText).scale() > digits) {
            back(response, s, Notice.refused("give the amount as a number with at most " + digits + " decimals, e.g. 10.00."));
            return;
        }
        long minor = new BigDecimal(amountText).movePointRight(digits).longValueExact();
        if (minor <= 0) {
            back(response, s, Notice.refused("a refund must be more than zero."));
            return;
        }
        var reply = refunds.request(key, donationId, minor);
        var answer = reply.answer();
        var outcome = RefundOutcome.of(answer.status(), answer.body());
        // A repeat (the form sent twice) booked nothing: the refund its key asked for stands as told.
        audit.record(member, "refund", donationId, reply.repeat() ? "already " + outcome : outcome);
        var what = " of " + amountText + " on " + donationId;
        // 201 refunded, 202 pending at the provider (not refused: it settles later); anything else refused.
        if (answer.status() == 201 || answer.status() == 202) {
            var already = !reply.repeat() ? "" : answer.status() == 201 ? " was made already" : " was asked for already";
            back(response, s, Notice.done("Refund" + what + already + ": " + outcome));
        } else {
            back(response, s, Notice.refused("refund" + what + ": " + outcome));
        }
    }

    private static void back(ServerResponse response, Session session, Notice notice) {
        notice.redirect(response, "/staff", session);
    }

    private static String sessionCsrf(Session session) {
        return Csrf.input(session.csrfToken());
    }
}
