package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.Session;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.pipeline.HeldDonation;
import dev.amanah.donations.pipeline.ReviewException;
import dev.amanah.donations.pipeline.ReviewFlow;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.ReviewStatus;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The review queue's page: {@code GET /staff/reviews} lists the donations the fraud check held
 * (oldest first, with why), and {@code POST /staff/reviews/{donationId}/release} or
 * {@code .../reject} decide one through {@link ReviewFlow}, which checks the role (a viewer sees
 * the queue and decides nothing) and that the donation is still held. A release charges the donor
 * there and then: the notice says whether the provider accepted; a refused decision is shown as an
 * alert ({@link Notice}). A decision sent twice (a double click, or two staff at once) is taken
 * once: the second says, as a status, that the donation was released (and how its charge went) or
 * rejected already; the contrary decision is refused, saying which was taken. Same session
 * and CSRF rules as {@link StaffRoutes}; each decision is recorded in the audit trail.
 */
final class ReviewPages implements HttpService {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int SHOWN = 100;

    private final ReviewFlow reviews;
    private final StaffRoutes staff;
    private final StaffAudit audit;

    ReviewPages(ReviewFlow reviews, StaffRoutes staff, StaffAudit audit) {
        this.reviews = reviews;
        this.staff = staff;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff/reviews", this::page);
        rules.post("/staff/reviews/{id}/{action}", this::decide);
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/staff/reviews");
        OtherMethods.refuse(rules, OtherMethods.Served.POST, BrowserErrorPage.INSTANCE, "/staff/reviews/{id}/{action}");
    }

    private void page(ServerRequest request, ServerResponse response) {
        var session = staff.loggedIn(request, response);
        if (session.isEmpty()) {
            return;
        }
        var s = session.get();
        var body = new StringBuilder(4096).append(StaffRoutes.top(request, s, "Review queue",
                "Donations the fraud check held: nothing is charged until someone releases them.", "/staff/reviews"));
        var held = reviews.held(s.member(), SHOWN);
        if (held.isEmpty()) {
            body.append("<div class=\"card muted\" id=\"queue-empty\">No donation is waiting for review.</div>");
        } else {
            body.append("<div class=\"card\"><table class=\"table\"><thead><tr><th>donation</th><th>campaign</th>")
                    .append("<th class=\"num\">amount</th><th>why held</th><th>held</th><th></th></tr></thead><tbody>");
            for (var donation : held) {
                body.append(row(donation, s));
            }
            body.append("</tbody></table></div>");
        }
        Html.send(response, Html.page("Review queue", "/staff", s.member().username(), body.toString()));
    }

    private static String row(HeldDonation held, Session session) {
        var donation = held.donation();
        var decide = session.member().role().canPrepare()
                ? button(donation.id(), "release", "Release and charge", "", session)
                        + button(donation.id(), "reject", "Reject", " danger", session)
                : "<span class=\"muted\">a preparer or approver decides</span>";
        return "<tr data-donation=\"" + esc(donation.id()) + "\"><td><code>" + esc(donation.id()) + "</code></td><td><code>"
                + esc(donation.campaignId()) + "</code></td><td class=\"num\">" + esc(Amounts.format(donation.amount()))
                + "</td><td>" + esc(held.review().reason()) + "</td><td>" + esc(WHEN.format(held.review().heldAt()))
                + "</td><td class=\"actions\">" + decide + "</td></tr>";
    }

    private static String button(String donationId, String action, String label, String style, Session session) {
        return "<form method=\"post\" action=\"/staff/reviews/" + esc(donationId) + "/" + action + "\" class=\"inline\">"
                + Csrf.input(session.csrfToken()) + "<input name=\"note\" placeholder=\"note (optional)\" maxlength=\"" + ReviewFlow.MAX_NOTE + "\" class=\"reason\">"
                + "<button type=\"submit\" class=\"small" + style + "\" data-action=\"" + action + "\">" + label + "</button></form>";
    }

    private void decide(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        var session = staff.authorised(request, response, fields);
        if (session.isEmpty()) {
            return;
        }
        var by = session.get().member();
        var id = request.path().pathParameters().get("id");
        var action = request.path().pathParameters().get("action");
        var note = Optional.ofNullable(fields.get("note")).map(FreeText::trimmed).filter(text -> !text.isEmpty());
        Notice notice;
        String done;
        try {
            done = switch (action) {
                case "release" -> "Donation " + id + " released: " + outcome(reviews.release(by, id, note).status()) + ".";
                case "reject" -> {
                    reviews.reject(by, id, note);
                    yield "Donation " + id + " rejected; nothing was charged.";
                }
                default -> null;
            };
            if (done == null) {
                StaffRoutes.forbidden(response, "Unknown action " + action);
                return;
            }
            audit.record(by, "review." + action, id, done);
            notice = Notice.done(done);
        } catch (ReviewException e) {
            var decided = reviews.decidedBefore(by, id, e);
            var decision = decided.map(d -> d.review().status());
            if (decision.isPresent() && decision.get() == asked(action)) {
                // The same decision sent twice (a double click, or two staff at once): what the
                // member asked for is the case, and the page says so rather than "Not done".
                audit.record(by, "review." + action, id, "already " + decision.get());
                notice = Notice.done(decidedAlready(decided.get()));
            } else {
                audit.record(by, "review." + action, id, "refused: " + e.code());
                notice = Notice.refused(e.code() + ": " + decided.map(d -> d.contraryRefused(asked(action))).orElse(e.getMessage()));
            }
        }
        notice.redirect(response, "/staff/reviews", session.get());
    }

    private static ReviewStatus asked(String action) {
        return action.equals("release") ? ReviewStatus.RELEASED : ReviewStatus.REJECTED;
    }

    /** The first decision's outcome, for the second: a released donation as the pipeline has it now. */
    private static String decidedAlready(HeldDonation decided) {
        var donation = decided.donation();
        var by = decided.review().decidedBy().map(name -> " by " + name).orElse("");
        if (decided.review().status() == ReviewStatus.REJECTED) {
            return "Donation " + donation.id() + " was rejected already" + by + "; nothing was charged.";
        }
        var now = switch (donation.phase()) {
            case CLAIMED, VALIDATED -> "it is being charged";
            case CHARGED, RECORDED, RECEIPTED -> "charged and accepted";
            case FAILED -> "nothing was charged (" + donation.failureReason().orElse("failed") + ")";
        };
        return "Donation " + donation.id() + " was released already" + by + ": " + now + ".";
    }

    /** What the donor's final answer means, for the notice. */
    private static String outcome(int status) {
        return switch (status) {
            case 201 -> "charged and accepted";
            case 402 -> "the payment provider declined it";
            default -> "the provider's answer is uncertain (" + status + "); it is settled in the background";
        };
    }
}
