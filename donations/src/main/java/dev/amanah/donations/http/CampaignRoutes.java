package dev.amanah.donations.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.campaign.CampaignStats;
import dev.amanah.donations.campaign.CampaignLifecycle;
import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.AcceptedCurrencies;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Campaigns and their live statistics. Reading is public; creating a campaign and changing its
 * state are staff actions, as on the staff pages: the request must be authenticated by the
 * {@link StaffAuthenticator} (401 {@code UNAUTHENTICATED}) as a preparer or an approver (403
 * {@code FORBIDDEN} for a viewer), and each attempt that reaches the store is recorded in the
 * staff audit trail ({@code campaign.create}, {@code campaign.state}) with its outcome.
 * <ul>
 *   <li>{@code POST /api/campaigns} {@code {"id", "name", "fundType", "goalMinor", "currency",
 *       "startsOn", "endsOn"}}: 201 with the campaign, in {@code DRAFT}; 409 {@code CAMPAIGN_EXISTS};
 *       400 {@code INVALID_CURRENCY} for a code that is no payment currency, 400
 *       {@code CURRENCY_NOT_ACCEPTED} for one outside the service's {@code donations.currencies}
 *       (its donations would all be refused); 422 {@code INVALID_NAME} for a name the free-text
 *       rule refuses ({@link FreeText#nameProblem}: blank, too long, a control or zero character,
 *       half a surrogate pair, a direction override or isolate).</li>
 *   <li>{@code POST /api/campaigns/{id}/state} {@code {"state": "ACTIVE"}}: 200 with the campaign
 *       and {@code "already": false}; sent again once the campaign is in that state, 200 with it
 *       and {@code "already": true}, audited {@code already ACTIVE}; 409 {@code ILLEGAL_TRANSITION}
 *       for any other move out of order (draft → active ⇄ paused → completed / cancelled). Moving
 *       to ACTIVE starts the campaign's statistics server; COMPLETED or CANCELLED stops it.</li>
 *   <li>{@code GET /api/campaigns/{id}}: the campaign and {@code "stats"}: its statistics
 *       server's live figures (never a database query), or null when it has no server (a draft,
 *       an ended campaign) or it is still loading. A draft is not public: it is shown only to a
 *       request the {@link StaffAuthenticator} authenticates (any role), and to any other answered
 *       as an unknown campaign.</li>
 * </ul>
 * Unknown campaigns are 404 {@code CAMPAIGN_NOT_FOUND}.
 */
public final class CampaignRoutes implements HttpService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> FIELDS = Set.of("id", "name", "fundType", "goalMinor", "currency", "startsOn", "endsOn");

    private final CampaignStore campaigns;
    private final CampaignStatsService stats;
    private final CampaignLifecycle lifecycle;
    private final StaffAuthenticator authenticator;
    private final StaffRequests staff;
    private final StaffAudit audit;
    private final AcceptedCurrencies currencies;
    private final int maxBodyBytes;

    /**
     * The routes; writes authenticated by {@code authenticator} and recorded in {@code audit}; a
     * new campaign's currency must be one of {@code currencies}.
     */
    public CampaignRoutes(CampaignStore campaigns, CampaignStatsService stats, CampaignLifecycle lifecycle,
                          StaffAuthenticator authenticator, StaffAudit audit, AcceptedCurrencies currencies, int maxBodyBytes) {
        this.campaigns = campaigns;
        this.stats = stats;
        this.lifecycle = lifecycle;
        this.authenticator = authenticator;
        this.staff = new StaffRequests(authenticator);
        this.audit = audit;
        this.currencies = currencies;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/campaigns", staff.preparer(this::create));
        rules.post("/api/campaigns/{id}/state", staff.preparer(this::changeState));
        rules.get("/api/campaigns/{id}", this::show);
        OtherMethods.refuse(rules, OtherMethods.Served.POST, "/api/campaigns", "/api/campaigns/{id}/state");
        OtherMethods.refuse(rules, OtherMethods.Served.GET, "/api/campaigns/{id}");
    }

    private void create(ServerRequest request, ServerResponse response, StaffMember by) {
        var fields = JsonRequest.read(request, maxBodyBytes).allowOnly(FIELDS);
        var id = fields.string("id", 64);
        if (!ID.matcher(id).matches()) {
            throw ApiError.badRequest("INVALID_VALUE", "id", "Use 1 to 64 characters from A-Z, a-z, 0-9 and . _ -").exception();
        }
        var code = fields.string("currency", 3);
        Currency currency;
        try {
            currency = currencies.resolve(code, "currency");
        } catch (FinanceException e) {
            if (e.code() == ErrorCode.CURRENCY_NOT_ACCEPTED) {
                throw ApiError.badRequest("CURRENCY_NOT_ACCEPTED", "currency", code + " is not accepted; accepted: "
                        + String.join(", ", currencies.currencies().stream().map(Currency::getCurrencyCode).toList())).exception();
            }
            throw ApiError.badRequest("INVALID_CURRENCY", "currency", "Not an ISO 4217 payment currency").exception();
        }
        var goal = Money.ofMinor(fields.wholeNumber("goalMinor"), currency);
        if (goal.signum() <= 0) {
            throw ApiError.badRequest("INVALID_VALUE", "goalMinor", "The goal must be more than zero").exception();
        }
        var startsOn = date(fields, "startsOn");
        var endsOn = date(fields, "endsOn");
        if (endsOn.isBefore(startsOn)) {
            throw ApiError.badRequest("INVALID_VALUE", "endsOn", "The campaign cannot end before it starts").exception();
        }
        var name = fields.text("name");
        FreeText.nameProblem(name).ifPresent(problem -> {
            // Printed on receipts and statements as stored: refused rather than stored otherwise than typed.
            throw ApiError.unprocessable("INVALID_NAME", "name", "The name " + problem).exception();
        });
        var campaign = new NewCampaign(id, name, enumValue(FundType.class, fields, "fundType"), goal, startsOn, endsOn);
        try {
            var created = campaigns.create(campaign);
            audit.record(by, "campaign.create", id, "created " + created.state());
            Responses.json(response, 201, json(created));
        } catch (StoreException e) {
            audit.record(by, "campaign.create", id, "refused: " + e.code());
            throw storeError(e);
        }
    }

    private void changeState(ServerRequest request, ServerResponse response, StaffMember by) {
        var id = request.path().pathParameters().get("id");
        var fields = JsonRequest.read(request, maxBodyBytes).allowOnly(Set.of("state"));
        var target = enumValue(CampaignState.class, fields, "state");
        Campaign campaign;
        boolean already = false;
        try {
            var before = campaigns.get(id).state();
            campaign = lifecycle.moveTo(id, target);
            audit.record(by, "campaign.state", id, before + " -> " + target);
        } catch (StoreException e) {
            // Sent again (a retry, two staff at once), it finds the campaign moved already: what
            // was asked for is the case, as the staff page says.
            var now = e.code() == StoreException.Code.ILLEGAL_TRANSITION ? campaigns.find(id) : Optional.<Campaign>empty();
            if (now.isEmpty() || now.get().state() != target) {
                audit.record(by, "campaign.state", id, "refused: " + e.code());
                throw storeError(e);
            }
            audit.record(by, "campaign.state", id, "already " + target);
            campaign = now.get();
            already = true;
        }
        var body = json(campaign);
        body.put("already", already);
        Responses.json(response, 200, body);
    }

    private void show(ServerRequest request, ServerResponse response) {
        var id = request.path().pathParameters().get("id");
        var campaign = campaigns.find(id).orElseThrow(() -> notFound());
        // Only a draft asks who is reading: the public read of any other campaign costs no password check.
        if (campaign.state() == CampaignState.DRAFT && authenticator.authenticate(request).isEmpty()) {
            throw notFound();
        }
        var body = json(campaign);
        try {
            stats.stats(id).ifPresentOrElse(live -> body.set("stats", json(live)), () -> body.putNull("stats"));
        } catch (ExitException e) {
            body.putNull("stats"); // the server is restarting: figures are back once it has reloaded
        }
        Responses.json(response, 200, body);
    }

    private static LocalDate date(Fields fields, String name) {
        try {
            return LocalDate.parse(fields.string(name, 10));
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("INVALID_VALUE", name, "A date as YYYY-MM-DD").exception();
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Fields fields, String name) {
        var text = fields.string(name, 32);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("INVALID_VALUE", name, "One of " + Arrays.toString(type.getEnumConstants())).exception();
        }
    }

    private static ApiException storeError(StoreException e) {
        return switch (e.code()) {
            case NOT_FOUND -> notFound();
            case DUPLICATE -> new ApiError(409, "CAMPAIGN_EXISTS", "A campaign with this id exists", "id").exception();
            case ILLEGAL_TRANSITION -> new ApiError(409, "ILLEGAL_TRANSITION",
                    "Not allowed: draft -> active <-> paused -> completed | cancelled (a draft may be cancelled)", "state").exception();
            default -> throw e;
        };
    }

    private static ApiException notFound() {
        return ApiError.notFound("CAMPAIGN_NOT_FOUND", "No such campaign").exception();
    }

    static ObjectNode json(Campaign campaign) {
        var body = Json.object();
        body.put("id", campaign.id());
        body.put("name", campaign.name());
        body.put("fundType", campaign.fundType().name());
        body.put("state", campaign.state().name());
        body.put("currency", campaign.currency().getCurrencyCode());
        body.put("goalMinor", campaign.goal().minorUnits());
        body.put("startsOn", campaign.startsOn().toString());
        body.put("endsOn", campaign.endsOn().toString());
        return body;
    }

    static ObjectNode json(CampaignStats live) {
        var body = Json.object();
        body.put("raisedMinor", live.raised().minorUnits());
        body.put("receivedMinor", live.received().minorUnits());
        body.put("refundedMinor", live.refunded().minorUnits());
        body.put("donationCount", live.donationCount());
        body.put("donorCount", live.donorCount());
        body.put("progressPercent", live.progressPercent().toPlainString());
        body.put("remainingMinor", live.remaining().minorUnits());
        body.put("ratePerMinute", live.ratePerMinute().toPlainString());
        body.put("asOf", live.asOf().toString());
        return body;
    }
}
