package dev.amanah.donations.http;

import dev.amanah.donations.pipeline.Answer;
import dev.amanah.donations.pipeline.HeldDonation;
import dev.amanah.donations.pipeline.ReviewException;
import dev.amanah.donations.pipeline.ReviewFlow;
import dev.amanah.donations.staff.StaffMember;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The staff API of the review queue (donations the fraud check held); every request authenticated
 * by the {@link StaffAuthenticator} (401 otherwise).
 * <ul>
 *   <li>{@code GET /api/reviews}: the held donations, oldest first (at most 100), with why;</li>
 *   <li>{@code POST /api/reviews/{donationId}/release} (optional body {@code {"note"}}): the
 *       donation is charged and recorded; the answer is the donor's final answer (201 accepted,
 *       402 declined, 503 uncertain), which a retry of the donor's key now gets too;</li>
 *   <li>{@code POST /api/reviews/{donationId}/reject} (optional body {@code {"note"}}): 200
 *       {@code {"donationId", "status": "REJECTED"}}; the donor's key answers 422
 *       {@code DONATION_REJECTED}; nothing charged.</li>
 * </ul>
 * Errors: 403 {@code FORBIDDEN} (a viewer deciding), 404 {@code NOT_HELD}, 409
 * {@code ALREADY_DECIDED} / {@code CAMPAIGN_NOT_ACTIVE}, 422 {@code INVALID_NOTE} for a note the
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
            var answer = decide(() -> reviews.release(by, id(request), note(request)));
            Responses.json(response, answer.status(), answer.bytes());
        }));
        rules.post("/api/reviews/{id}/reject", staff.staff(this::reject));
    }

    private void reject(ServerRequest request, ServerResponse response, StaffMember by) {
        var donationId = id(request);
        decide(() -> reviews.reject(by, donationId, note(request)));
        var body = Json.object();
        body.put("donationId", donationId);
        body.put("status", "REJECTED");
        Responses.json(response, 200, body);
    }

    private static Answer decide(Supplier<Answer> call) {
        try {
            return call.get();
        } catch (ReviewException e) {
            throw new ApiError(e.status(), e.code(), e.getMessage(), e.field()).exception();
        }
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
