package dev.amanah.donations.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.distribution.DistributionException;
import dev.amanah.donations.distribution.DistributionService;
import dev.amanah.donations.distribution.PlanReport;
import dev.amanah.donations.distribution.PlanRequest;
import dev.amanah.donations.distribution.RecipientShare;
import dev.amanah.donations.distribution.Repeats;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The staff API of zakat distribution; every request authenticated by the
 * {@link StaffAuthenticator} (401 {@code UNAUTHENTICATED} otherwise), every action checked
 * against the staff member's role by {@link DistributionService} (403); every decision recorded
 * in the staff audit trail, done, done already or refused, as the distributions page records it,
 * and every preparation, as {@code distribution.prepare} with the plan's state or its refusal.
 * <ul>
 *   <li>{@code GET /api/distributions}: the 50 most recent plans;</li>
 *   <li>{@code POST /api/distributions} {@code {"id", "campaignId", "totalMinor", "currency",
 *       "recipients": [{"id", "name", "category", "accountRef", "ratio"}]}}: 201, the plan
 *       {@code PREPARED} with each recipient's exact amount;</li>
 *   <li>{@code GET /api/distributions/{id}}: the plan, with each recipient's payout (status,
 *       attempts, provider reference, failure reason) and the paid and unpaid totals;</li>
 *   <li>{@code POST /api/distributions/{id}/approve}: 200 {@code APPROVED} (an approver, not the preparer);</li>
 *   <li>{@code POST /api/distributions/{id}/reject} {@code {"reason"}}: 200 {@code REJECTED};</li>
 *   <li>{@code POST /api/distributions/{id}/execute}: 202 {@code EXECUTING}: the payment run
 *       started; poll {@code GET} until {@code PAID} or {@code INCOMPLETE} (execute again to pay
 *       what is unpaid; nobody is paid twice; 409 {@code PAYOUTS_DECLINED} if only declined
 *       payouts are left);</li>
 *   <li>{@code POST /api/distributions/{id}/settle}: 200, a plan left {@code EXECUTING} by a run
 *       that died settled as start-up would ({@link DistributionService#settle}), then {@code PAID}
 *       or {@code INCOMPLETE}; 409 {@code PLAN_EXECUTING} while its run is alive (a preparer or approver);</li>
 *   <li>{@code POST /api/distributions/{id}/payouts/{recipientId}/reissue}, optionally with
 *       {@code {"attempts": n}}, the payout's {@code attempts} as the client saw it: 200, the
 *       recipient's {@code DECLINED} payout {@code FAILED} under a new key, paid by the next
 *       execute; if it has been sent again since attempt {@code n} (a retried reissue arriving
 *       after the reissued payout was declined again), nothing is reissued and the answer is the
 *       repeat's, {@code "already": true}.
 *       Without it, the decline standing now is reissued;</li>
 *   <li>{@code POST /api/distributions/{id}/payouts/{recipientId}/cancel} {@code {"reason"}}: 200,
 *       the payout {@code CANCELLED} and its money back in the campaign (an approver, not the
 *       preparer); the plan {@code PAID} if nothing else is open.</li>
 * </ul>
 * An action's answer carries {@code "already": false}; the same action sent again (a retry, two
 * staff at once) that finds what it asks for done already is answered 200 (202 for an execute whose
 * run goes on) with the plan as it stands and {@code "already": true}, as the distributions page
 * answers it ({@link Repeats}); the contrary action stays 409.
 * Errors: 403 {@code FORBIDDEN} / {@code APPROVER_IS_PREPARER}, 404 {@code PLAN_NOT_FOUND} /
 * {@code CAMPAIGN_NOT_FOUND} / {@code PAYOUT_NOT_FOUND}, 409 {@code PLAN_EXISTS} / {@code ILLEGAL_STATE} /
 * {@code PLAN_EXECUTING} / {@code PAYOUTS_DECLINED}, 422 {@code INSUFFICIENT_FUNDS} or a domain rule's code
 * ({@code NOT_ZAKAT_ELIGIBLE}, {@code ADMINISTRATORS_CAP_EXCEEDED}, {@code INVALID_RATIO}...),
 * 422 {@code INVALID_REASON} for a reason the free-text rule refuses (blank, too long, a control
 * or zero character, half a surrogate pair), as the distributions page answers it, and
 * {@code INVALID_NAME} for a recipient's name it refuses (field {@code recipients[i].name}; every error about a recipient names its field so, {@code recipients[i].id}, {@code .category}, {@code .accountRef}, {@code .ratio}); 400 for
 * malformed input as everywhere.
 */
public final class DistributionRoutes implements HttpService {
    private static final Set<String> FIELDS = Set.of("id", "campaignId", "totalMinor", "currency", "recipients");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("id", "name", "category", "accountRef", "ratio");

    private final DistributionService service;
    private final Repeats repeats;
    private final StaffAudit audit;
    private final StaffRequests staff;
    private final int maxRecipients;

    /**
     * @param audit         where each preparation, prepared or refused ({@code distribution.prepare}), and
     *                      each decision (approve, reject, execute, settle, reissue, cancel), done, done
     *                      already or refused, is recorded, as the distributions page records a decision
     * @param maxRecipients the most recipients one plan may have over HTTP (the body limit follows from it)
     */
    public DistributionRoutes(DistributionService service, StaffAuthenticator authenticator, StaffAudit audit, int maxRecipients) {
        this.service = service;
        this.audit = audit;
        this.repeats = new Repeats(service);
        this.staff = new StaffRequests(authenticator);
        this.maxRecipients = maxRecipients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/distributions", staff.staff((request, response, by) ->
                send(response, 200, () -> {
                    var list = Json.MAPPER.createArrayNode();
                    service.plans(by, 50).forEach(plan -> list.add(json(plan)));
                    var body = Json.object();
                    body.set("plans", list);
                    return body;
                })));
        rules.post("/api/distributions", staff.staff(this::prepare));
        rules.get("/api/distributions/{id}", staff.staff((request, response, by) ->
                send(response, 200, () -> json(service.plan(by, id(request))))));
        rules.post("/api/distributions/{id}/approve", staff.staff((request, response, by) ->
                decide(response, 200, by, id(request), null, Repeats.Action.APPROVE, () -> service.approve(by, id(request)))));
        rules.post("/api/distributions/{id}/reject", staff.staff((request, response, by) -> {
            var reason = JsonRequest.read(request, 4096).allowOnly(Set.of("reason")).text("reason");
            decide(response, 200, by, id(request), null, Repeats.Action.REJECT, () -> service.reject(by, id(request), reason));
        }));
        rules.post("/api/distributions/{id}/execute", staff.staff((request, response, by) ->
                decide(response, 202, by, id(request), null, Repeats.Action.EXECUTE, () -> service.execute(by, id(request)))));
        rules.post("/api/distributions/{id}/settle", staff.staff((request, response, by) ->
                decide(response, 200, by, id(request), null, Repeats.Action.SETTLE, () -> service.settle(by, id(request)))));
        rules.post("/api/distributions/{id}/payouts/{recipientId}/reissue", staff.staff((request, response, by) -> {
            var seen = seenAttempts(request);
            decide(response, 200, by, id(request), recipientId(request), Repeats.Action.REISSUE,
                    () -> service.reissue(by, id(request), recipientId(request), seen));
        }));
        rules.post("/api/distributions/{id}/payouts/{recipientId}/cancel", staff.staff((request, response, by) -> {
            var reason = JsonRequest.read(request, 4096).allowOnly(Set.of("reason")).text("reason");
            decide(response, 200, by, id(request), recipientId(request), Repeats.Action.CANCEL,
                    () -> service.cancel(by, id(request), recipientId(request), reason));
        }));
        OtherMethods.refuse(rules, OtherMethods.Served.GET_AND_POST, "/api/distributions");
        OtherMethods.refuse(rules, OtherMethods.Served.GET, "/api/distributions/{id}");
        OtherMethods.refuse(rules, OtherMethods.Served.POST, "/api/distributions/{id}/approve", "/api/distributions/{id}/reject",
                "/api/distributions/{id}/execute", "/api/distributions/{id}/settle",
                "/api/distributions/{id}/payouts/{recipientId}/reissue", "/api/distributions/{id}/payouts/{recipientId}/cancel");
    }

    private void prepare(ServerRequest request, ServerResponse response, StaffMember by) {
        var fields = JsonRequest.read(request, 4096 + 400 * maxRecipients).allowOnly(FIELDS);
        var currency = fields.string("currency", 3);
        Money total;
        try {
            total = Money.ofMinor(fields.wholeNumber("totalMinor"), Currencies.paymentCurrency(currency, "currency"));
        } catch (FinanceException e) {
            throw ApiError.badRequest("INVALID_CURRENCY", "currency", "Not an ISO 4217 payment currency").exception();
        }
        var recipients = fields.objects("recipients", maxRecipients);
        var shares = new ArrayList<RecipientShare>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            var recipient = recipients.get(i).allowOnly(RECIPIENT_FIELDS);
            var field = "recipients[" + i + "].category";
            shares.add(new RecipientShare(recipient.string("id", 64), recipient.text("name"),
                    recipient.optionalString("category", 32).map(name -> category(name, field)), recipient.string("accountRef", 128),
                    recipient.nonNegativeDecimal("ratio")));
        }
        var planRequest = new PlanRequest(fields.string("id", 64), fields.string("campaignId", 64), total, shares);
        PlanReport prepared;
        try {
            prepared = service.prepare(by, planRequest);
        } catch (DistributionException e) {
            audit.record(by, "distribution.prepare", planRequest.planId(), "refused: " + e.errorCode());
            throw new ApiError(e.httpStatus(), e.errorCode(), e.getMessage(), e.field()).exception();
        }
        audit.record(by, "distribution.prepare", planRequest.planId(), prepared.plan().status().name());
        Responses.json(response, 201, json(prepared));
    }

    private static ZakatCategory category(String name, String field) {
        try {
            return ZakatCategory.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("INVALID_VALUE", field,
                    "One of " + Arrays.toString(ZakatCategory.values())).exception();
        }
    }

    /**
     * A reissue's optional body {@code {"attempts": n}}, the payout's attempts as the client saw
     * them; no body at all is a reissue of whatever decline stands (the contract before it).
     */
    private static OptionalInt seenAttempts(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return OptionalInt.empty();
        }
        var fields = JsonRequest.read(request, 4096).allowOnly(Set.of("attempts"));
        if (!fields.has("attempts")) {
            return OptionalInt.empty();
        }
        var attempts = fields.wholeNumber("attempts");
        if (attempts < 0 || attempts > Integer.MAX_VALUE) {
            throw ApiError.badRequest("INVALID_VALUE", "attempts", "The payout's attempts as shown: 0 or more").exception();
        }
        return OptionalInt.of((int) attempts);
    }

    private static String id(ServerRequest request) {
        return request.path().pathParameters().get("id");
    }

    private static String recipientId(ServerRequest request) {
        return request.path().pathParameters().get("recipientId");
    }

    /** Runs a service call and sends its result, or its refusal in the API's error model. */
    private static void send(ServerResponse response, int status, Supplier<ObjectNode> call) {
        ObjectNode body;
        try {
            body = call.get();
        } catch (DistributionException e) {
            throw new ApiError(e.httpStatus(), e.errorCode(), e.getMessage(), e.field()).exception();
        }
        Responses.json(response, status, body);
    }

    /**
     * Runs a decision and sends the plan with {@code "already": false} and {@code status}; or, when
     * the service refused it because it was done already (see {@link Repeats}), the plan as it
     * stands with {@code "already": true}, 200 (202 for an execute whose run still goes on); or the
     * refusal in the API's error model.
     */
    private void decide(ServerResponse response, int status, StaffMember by, String planId, String recipientId,
                        Repeats.Action action, Supplier<PlanReport> call) {
        var name = (recipientId == null ? "distribution." : "distribution.payout.") + action.name().toLowerCase(Locale.ROOT);
        var subject = recipientId == null ? planId : planId + "/" + recipientId;
        PlanReport report;
        boolean already = false;
        int answer = status;
        try {
            report = call.get();
        } catch (DistributionException e) {
            var repeat = repeats.doneAlready(by, planId, recipientId, action, e);
            if (repeat.isEmpty()) {
                audit.record(by, name, subject, "refused: " + e.errorCode());
                throw new ApiError(e.httpStatus(), e.errorCode(), e.getMessage(), e.field()).exception();
            }
            report = repeat.get();
            already = true;
            answer = report.plan().status() == PlanStatus.EXECUTING && action == Repeats.Action.EXECUTE ? 202 : 200;
        }
        var state = recipientId == null ? report.plan().status().name()
                : report.payoutOf(recipientId).map(p -> p.status().name()).orElse(report.plan().status().name());
        audit.record(by, name, subject, already ? "already " + state : state);
        var body = json(report);
        body.put("already", already);
        Responses.json(response, answer, body);
    }

    /** The plan as JSON: amounts in minor units and as exact decimal strings. */
    static ObjectNode json(PlanReport report) {
        var plan = report.plan();
        var body = Json.object();
        body.put("id", plan.id());
        body.put("campaignId", plan.campaignId());
        body.put("fundType", plan.fundType().name());
        body.put("status", plan.status().name());
        body.put("currency", plan.total().currency().getCurrencyCode());
        body.put("totalMinor", plan.total().minorUnits());
        body.put("total", plan.total().amount().toPlainString());
        body.put("paidMinor", report.total(PayoutStatus.PAID).minorUnits());
        body.put("cancelledMinor", report.total(PayoutStatus.CANCELLED).minorUnits());
        // Cancelled money is back in the campaign: neither paid nor owed.
        body.put("unpaidMinor", plan.total().minus(report.total(PayoutStatus.PAID)).minus(report.total(PayoutStatus.CANCELLED))
                .minorUnits());
        body.put("preparedBy", plan.preparedBy());
        body.put("preparedAt", plan.preparedAt().toString());
        text(body, "approvedBy", plan.approvedBy());
        text(body, "approvedAt", plan.approvedAt().map(Instant::toString));
        text(body, "rejectedBy", plan.rejectedBy());
        text(body, "rejectionReason", plan.rejectionReason());
        text(body, "executedBy", plan.executedBy());
        var recipients = body.putArray("recipients");
        for (var line : plan.lines()) {
            var item = recipients.addObject();
            item.put("id", line.recipientId());
            item.put("name", line.recipientName());
            text(item, "category", line.zakatCategory().map(Enum::name));
            item.put("accountRef", line.accountRef());
            item.put("ratio", line.ratio().toPlainString());
            item.put("amountMinor", line.amount().minorUnits());
            item.put("amount", line.amount().amount().toPlainString());
            var payout = report.payoutOf(line.recipientId());
            if (payout.isPresent()) {
                item.set("payout", json(payout.get()));
            } else {
                item.putNull("payout");
            }
        }
        return body;
    }

    private static ObjectNode json(Payout payout) {
        var body = Json.object();
        body.put("status", payout.status().name());
        body.put("attempts", payout.attempts());
        text(body, "reference", payout.gatewayReference());
        text(body, "failureReason", payout.failureReason());
        body.put("updatedAt", payout.updatedAt().toString());
        return body;
    }

    private static void text(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }
}
