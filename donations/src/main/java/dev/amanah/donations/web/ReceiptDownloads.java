package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.http.HeadRequests;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.receipt.ReceiptPdf;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.ReceiptStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.ZoneId;

/**
 * {@code GET /staff/receipts?donation={id}}: a donation's receipt as it stands (the last
 * replacement, if it was corrected) as a PDF download, for a logged-in member of staff of any
 * role, recorded in the audit trail since a receipt carries the donor's name and address. A
 * donation without a receipt (unknown, not recorded yet, or receipts off), or an id no donation
 * can have (a control character, half a surrogate pair), is a 404 page that says so. Rendering is deterministic: the same receipt downloads as the same bytes it was mailed as
 * (both render it in the receipts' zone). A {@code HEAD} gets the download's headers, its
 * {@code Content-Length} included, and is not audited: no download happened.
 */
final class ReceiptDownloads implements HttpService {
    private final ReceiptStore receipts;
    private final ZoneId zone;
    private final StaffRoutes staff;
    private final StaffAudit audit;

    /** Downloads of {@code receipts}, rendered in {@code zone}, the receipts' zone ({@code receipts.zone}). */
    ReceiptDownloads(ReceiptStore receipts, ZoneId zone, StaffRoutes staff, StaffAudit audit) {
        this.receipts = receipts;
        this.zone = zone;
        this.staff = staff;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/staff/receipts", this::download);
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/staff/receipts");
    }

    private void download(ServerRequest request, ServerResponse response) {
        var session = staff.loggedIn(request, response);
        if (session.isEmpty()) {
            return;
        }
        var donationId = request.query().first("donation").orElse("").strip();
        // An id holding what FreeText refuses belongs to no donation, and PostgreSQL cannot even
        // look up one with a zero character: not asked, so it is "no receipt", not a 500.
        var receipt = donationId.isEmpty() || FreeText.characterProblem(donationId).isPresent() ? null
                : receipts.currentOf(donationId).orElse(null);
        if (receipt == null) {
            Html.send(response, 404, Html.page("No receipt", "/staff", session.get().member().username(),
                    "<section class=\"narrow\"><h1>No receipt</h1><div class=\"card notice error\" role=\"alert\" id=\"notice\">"
                            + "No receipt was issued for donation <code>" + esc(donationId) + "</code>: it is unknown, not "
                            + "accepted yet, or receipts are off.</div><p><a href=\"/staff\">Back to the staff page</a></p></section>"));
            return;
        }
        // A HEAD downloads nothing, so it is no download to audit; it still renders, for the PDF's
        // length is known only rendered, and its Content-Length must be the GET's.
        if (!HeadRequests.isHead()) {
            audit.record(session.get().member(), "receipt.download", donationId, receipt.serial());
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/pdf");
        response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + ReceiptPdf.fileName(receipt) + "\"");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        HeadRequests.send(response, ReceiptPdf.render(receipt, zone));
    }
}
