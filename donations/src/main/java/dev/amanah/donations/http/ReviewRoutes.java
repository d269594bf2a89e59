package dev.amanah.donations.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.pipeline.HeldDonation;
import dev.amanah.donations.pipeline.ReviewException;
import dev.amanah.donations.pipeline.ReviewFlow;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.ReviewStatus;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.Set;

/**
 * The staff API of the review queue (donations the fraud check held); every request authenticated
 * by the {@link StaffAuthenticator} (401 otherwise).
 * <ul>
 *   <li>{@code GET /api/reviews}: the held donations, oldest first (at most 100), with why;</li>
 *   <li>{@code POST /api/reviews/{donationId}/release} (optional body {@code {"note"}}): the
 *       donation is charged and recorded; the answer is the donor's final answer (201 accepted,
 *       402 declined, 503 uncertain), which a retry of the donor's key now gets too;</li>
 *   <li>{@code POST /api/reviews/{donationId}/reject} (optional body {@code {"note"}}): 200
 *       {@code {"donationId", "status": "REJECTED", "already": false}}; the donor's key answers 422
 *       {@code DONATION_REJECTED}; nothing charged.</li>
 * </ul>
 * A decision sent again that finds the donation decided so already (a double click, or two staff
 * at once) answers 200 {@code {"donationId", "status", "decidedBy", "phase", "already": true}}, the
 * donation's phase as it is now, and decides nothing. Errors: 403 {@code FORBIDDEN} (a viewer
 * deciding), 404 {@code NOT_HELD}, 409 {@code ALREADY_DECIDED} (the contrary decision was taken,
 * named in the message) / {@code CAMPAIGN_NOT_ACTIVE}, 422 {@code INVALID_NOTE} for a note the
 * free-text rule refuses (too long, a control or zero character, half a surrogate pair), as the
 * review page answers it; a blank note is no note, as on the page.
 */
public final class ReviewRoutes implements HttpService {
    private final ReviewFlow reviews;
    private final StaffRequests staff;

    /** The routes over {@code reviews}, each request authenticated by {@code authenticator}. */
    public ReviewRoutes(ReviewFlow reviews, StaffAuthenticator authenticator) {
        this.reviews = reviews;
        this.staff = new StaffRequests(authenticator);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/reviews", staff.staff((request, response, by) -> {
            var body = Json.object();
            var list = body.putArray("held");
            for (HeldDonation held : reviews.held(by, 100)) {
                var item = list.addObject();
                var donation = held.donation();
                item.put("donationId", donation.id());
                item.put("campaignId", donation.campaignId());
                item.put("amountMinor", donation.amount().minorUnits());
                item.put("amount", donation.amount().amount().toPlainString());
                item.put("currency", donation.amount().currency().getCurrencyCode());
                item.put("reason", held.review().reason());
                item.put("heldAt", held.review().heldAt().toString());
            }
            Responses.json(response, 200, body);
        }));
        rules.post("/api/reviews/{id}/release", staff.staff((request, response, by) -> {
            var donationId = id(request);
            try {
                var answer = reviews.release(by, donationId, note(request));
                Responses.json(response, answer.status(), answer.bytes());
            } catch (ReviewException e) {
                Responses.json(response, 200, decidedAlready(by, donationId, ReviewStatus.RELEASED, e));
            }
        }));
        rules.post("/api/reviews/{id}/reject", staff.staff((request, response, by) -> {
            var donationId = id(request);
            try {
                reviews.reject(by, donationId, note(request));
                var body = Json.object();
                body.put("donationId", donationId);
                body.put("status", ReviewStatus.REJECTED.name());
                body.put("already", false);
                Responses.json(response, 200, body);
            } catch (ReviewException e) {
                Responses.json(response, 200, decidedAlready(by, donationId, ReviewStatus.REJECTED, e));
            }
        }));
        OtherMethods.refuse(rules, OtherMethods.Served.GET, "/api/reviews");
        OtherMethods.refuse(rules, OtherMethods.Served.POST, "/api/reviews/{id}/release", "/api/reviews/{id}/reject");
    }

    /**
     * The answer to a decision {@code refusal} refused: when the donation was decided already as
     * {@code asked} (a double click, or two staff at once), the decision as it stands, with
     * {@code "already": true}; else the refusal, a contrary decision naming the one taken.
     */
    private ObjectNode decidedAlready(StaffMember by, String donationId, ReviewStatus asked, ReviewException refusal) {
        var decided = reviews.decidedBefore(by, donationId, refusal);
        if (decided.isEmpty()) {
            throw new ApiError(refusal.status(), refusal.code(), refusal.getMessage(), refusal.field()).exception();
        }
        var review = decided.get().review();
        if (review.status() != asked) {
            throw new ApiError(refusal.status(), refusal.code(), decided.get().contraryRefused(asked), refusal.field()).exception();
        }
        var body = Json.object();
        body.put("donationId", donationId);
        body.put("status", review.status().name());
        review.decidedBy().ifPresent(name -> body.put("decidedBy", name));
        body.put("phase", decided.get().donation().phase().name());
        body.put("already", true);
        return body;
    }

    /** The optional {@code {"note": "..."}} body; none when the request has no body. */
    private static Optional<String> note(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Optional.empty();
        }
        // As on the review page: a blank note is no note.
        return JsonRequest.read(request, 4096).allowOnly(Set.of("note")).optionalText("note").filter(note -> !note.isEmpty());
    }

    private static String id(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }
}
