package dev.amanah.donations.http;

import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.payment.GatewayRequests;
import dev.amanah.donations.pipeline.DonationProcessor;
import dev.amanah.donations.pipeline.DonationRequest;
import dev.amanah.donations.pipeline.RefundFlow;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.FreeText;
import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /api/donations}: a donation, with a required {@code Idempotency-Key} header.
 *
 * <pre>{@code
 * {"campaignId": "ramadan-2026", "amountMinor": 2500, "currency": "GBP", "fundType": "SADAQAH",
 *  "donor": {"name": "Aisha", "email": "aisha@example.org"}, "paymentToken": "tok_visa"}
 * }</pre>
 * The amount is either {@code amountMinor} (a whole number of minor units) or {@code amount} (a
 * decimal string such as {@code "25.00"}, at most the currency's decimals), not both.
 *
 * <p>Before anything is stored, the request must be well-formed: a key of 1 to 255 characters
 * from {@code A-Z a-z 0-9 . _ : -} not starting with {@code refund:}, {@code payout:} or
 * {@code import:} in any letter case (the service's own keys at the provider; 400
 * {@code MISSING_IDEMPOTENCY_KEY} / {@code DUPLICATE_IDEMPOTENCY_KEY} for two key headers /
 * {@code INVALID_IDEMPOTENCY_KEY} /
 * {@code RESERVED_IDEMPOTENCY_KEY}), a JSON body as {@link JsonRequest} and {@link Fields} require,
 * a known payment currency (400 {@code INVALID_CURRENCY}), a known fund type (400
 * {@code INVALID_FUND_TYPE}), a positive amount at the currency's scale (400
 * {@code INVALID_AMOUNT}), a donor name the free-text rule lets through
 * ({@link FreeText#nameProblem}: 1 to 200 characters, no control or zero character, no half
 * surrogate pair, no direction override or isolate) and a plausible e-mail (422 {@code INVALID_NAME} / {@code INVALID_EMAIL}, not
 * stored: PostgreSQL cannot store a zero character). Then the {@link DonationProcessor} answers: 201 accepted, 402 declined,
 * 409 in flight, 422 refused (or the key reused for another request), 503 when the donation could
 * not be processed (a transient one, such as {@code OVERLOADED} when the service is at capacity,
 * with {@code Retry-After: 1}); a replay of the key gets the first answer again, byte for byte. If the
 * pipeline outlasts {@code timeouts.request}, 503 {@code STILL_PROCESSING}: retry with the same key.
 * Any other method on {@code /api/donations} or a refunds path is 405 {@code METHOD_NOT_ALLOWED} with {@code Allow: POST}.
 *
 * <p>{@code POST /api/donations/{id}/refunds} is a staff action, as on the staff pages: it must be
 * authenticated by the {@link StaffAuthenticator} (401 {@code UNAUTHENTICATED}) as a preparer or
 * an approver (403 {@code FORBIDDEN} for a viewer), and each refund asked of the
 * {@link RefundFlow} is recorded in the staff audit trail ({@code refund}) with its outcome.
 */
public final class DonationRoutes implements HttpService {
    // No exponent: "1e999999999" would be a valid BigDecimal whose scaling costs gigabytes.
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,10})?");
    private static final Set<String> FIELDS = Set.of("campaignId", "amountMinor", "amount", "currency", "fundType", "donor",
            "paymentToken");
    private static final Set<String> DONOR_FIELDS = Set.of("name", "email");
    private static final io.helidon.http.HeaderName RETRY_AFTER = io.helidon.http.HeaderNames.create("Retry-After");
    private static final io.helidon.http.HeaderName IDEMPOTENCY_KEY = io.helidon.http.HeaderNames.create("Idempotency-Key");
    // The keys the service itself gives the payment provider, beside the donations' own (a donation
    // is charged under its client's key): RefundFlow's "refund:" + key, Bookings' "payout:" + plan +
    // ":" + recipient, and ImportRow's "import:" + reference (also the imported donation's key). A
    // client key shaped like one of them would take it first and make that refund, payout (for good:
    // its key never changes) or import fail, so such keys are refused, whatever their letter case (a
    // provider might fold it). Refused at the door only: rows stored under such a key before keep
    // it, and recovery, which matches stored keys, never comes through here.
    private static final List<String> RESERVED_KEY_PREFIXES = List.of("refund:", "payout:", "import:");

    private final AmanahConfig config;
    private final RefundFlow refunds;
    private final StaffRequests staff;
    private final StaffAudit audit;

    /** The routes; refunds authenticated by {@code authenticator} and recorded in {@code audit}. */
    public DonationRoutes(AmanahConfig config, RefundFlow refunds, StaffAuthenticator authenticator, StaffAudit audit) {
        this.config = config;
        this.refunds = refunds;
        this.staff = new StaffRequests(authenticator);
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/donations", this::donate);
        rules.post("/api/donations/{id}/refunds", staff.preparer(this::refund));
        OtherMethods.refuse(rules, OtherMethods.Served.POST, "/api/donations", "/api/donations/{id}/refunds");
    }

    /**
     * {@code POST /api/donations/{id}/refunds} {@code {"amountMinor": 1000}} with an
     * {@code Idempotency-Key} (at most 200 characters, not a reserved one: see the class): 201 refunded, 202 pending at the provider,
     * 402 {@code REFUND_FAILED}, 404 {@code DONATION_NOT_FOUND}, 409 {@code DONATION_NOT_RECORDED},
     * 422 {@code REFUND_EXCEEDS_DONATION}, {@code INSUFFICIENT_FUNDS} (the campaign
     * distributed the money already) or {@code IDEMPOTENCY_KEY_REUSED}. See {@link RefundFlow}.
     */
    private void refund(ServerRequest request, ServerResponse response, StaffMember by) {
        var key = idempotencyKey(request, "refund");
        if (key.length() > RefundFlow.MAX_KEY_LENGTH) {
            throw ApiError.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "At most " + RefundFlow.MAX_KEY_LENGTH + " characters for a refund").exception();
        }
        var fields = JsonRequest.read(request, config.http().maxBodyBytes()).allowOnly(Set.of("amountMinor"));
        var amount = fields.wholeNumber("amountMinor");
        if (amount <= 0) {
            throw ApiError.badRequest("INVALID_AMOUNT", "amountMinor", "A refund must be more than zero").exception();
        }
        var donationId = request.path().pathParameters().get("id");
        var answer = refunds.refund(key, donationId, amount);
        audit.record(by, "refund", donationId, RefundOutcome.of(answer.status(), answer.body()));
        Responses.json(response, answer.status(), answer.bytes());
    }

    private void donate(ServerRequest request, ServerResponse response) {
        var key = idempotencyKey(request, "donation");
        var fields = JsonRequest.read(request, config.http().maxBodyBytes()).allowOnly(FIELDS);
        var donation = parse(key, fields, ClientAddress.of(request, config.http().trustedProxies()));
        try {
            var answer = DonationProcessor.process(donation, config.timeouts().request());
            if (answer.status() == 503 && !answer.stored()) {
                // Transient (OVERLOADED, PAYMENT_PENDING...): the same key may be retried, not at once.
                response.header(RETRY_AFTER, "1");
            }
            Responses.json(response, answer.status(), answer.bytes());
        } catch (ExitException e) {
            Responses.error(response, new ApiError(503, "STILL_PROCESSING",
                    "The donation is still being processed; retry with the same Idempotency-Key", null));
        }
    }

    /** The request's one well-formed key; {@code per} names what one key stands for ("donation", "refund") in a refusal. */
    private static String idempotencyKey(ServerRequest request, String per) {
        var keys = request.headers().all(IDEMPOTENCY_KEY, List::of);
        if (keys.isEmpty()) {
            throw ApiError.badRequest("MISSING_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Send an Idempotency-Key header: a unique value per " + per + ", reused on retries").exception();
        }
        if (keys.size() > 1) {
            // Taking one of them would keep the donation under a key the client may not retry with.
            throw ApiError.badRequest("DUPLICATE_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Send one Idempotency-Key header, not " + keys.size()).exception();
        }
        var key = keys.getFirst();
        if (!isWellFormedKey(key)) {
            throw ApiError.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Use 1 to 255 characters from A-Z, a-z, 0-9 and . _ : -").exception();
        }
        if (isReservedKey(key)) {
            throw ApiError.badRequest("RESERVED_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Keys starting with refund:, payout: or import: are the service's own; use another key").exception();
        }
        return key;
    }

    /** Whether {@code key} starts, in any case, like a key the service gives the provider itself. */
    static boolean isReservedKey(String key) {
        return RESERVED_KEY_PREFIXES.stream().anyMatch(prefix -> key.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    /** 1 to 255 characters from {@code A-Z a-z 0-9 . _ : -} (a loop: a regex costs more on every request). */
    static boolean isWellFormedKey(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static DonationRequest parse(String key, Fields fields, String clientIp) {
        var currency = currency(fields.string("currency", 3));
        var fundType = fundType(fields.string("fundType", 32));
        var amountField = fields.has("amountMinor") ? "amountMinor" : "amount";
        var amount = amount(fields, currency);
        var donor = fields.object("donor").allowOnly(DONOR_FIELDS);
        var token = fields.string("paymentToken", 255);
        if (!GatewayRequests.isReference(token)) {
            // Refused here, before the key is claimed: the provider's request could never be made.
            throw ApiError.badRequest("INVALID_PAYMENT_TOKEN", "paymentToken",
                    "Printable ASCII characters without spaces, as the payment form gave it").exception();
        }
        var campaignId = fields.string("campaignId", 64);
        var name = donor.text("name");
        var email = donor.string("email", 320);
        // Refused here, before the key is claimed, with the codes the validations give: a refusal
        // here is not stored under the key, so a corrected retry with the same key goes through.
        if (campaignId.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiError.unprocessable("CAMPAIGN_NOT_FOUND", "campaignId", "No such campaign").exception();
        }
        FreeText.nameProblem(name).ifPresent(problem -> {
            throw ApiError.unprocessable("INVALID_NAME", "donor.name", "The name " + problem).exception();
        });
        if (!Donor.isPlausibleEmail(email)) {
            throw ApiError.unprocessable("INVALID_EMAIL", "donor.email", "Not an e-mail address").exception();
        }
        return new DonationRequest(key, campaignId, amount, fundType, name, email, token, clientIp, amountField);
    }

    private static Currency currency(String code) {
        try {
            return Currencies.paymentCurrency(code, "currency");
        } catch (FinanceException e) {
            throw ApiError.badRequest("INVALID_CURRENCY", "currency", "Not an ISO 4217 payment currency").exception();
        }
    }

    private static FundType fundType(String name) {
        try {
            return FundType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("INVALID_FUND_TYPE", "fundType",
                    "One of " + Arrays.toString(FundType.values())).exception();
        }
    }

    private static Money amount(Fields fields, Currency currency) {
        var minor = fields.has("amountMinor");
        var decimal = fields.has("amount");
        if (minor == decimal) {
            throw ApiError.badRequest(minor ? "AMBIGUOUS_AMOUNT" : "MISSING_FIELD", "amountMinor",
                    "Give the amount once: amountMinor (whole minor units) or amount (a decimal string)").exception();
        }
        BigDecimal value;
        if (minor) {
            value = BigDecimal.valueOf(fields.wholeNumber("amountMinor"), Currencies.scale(currency));
        } else {
            var text = fields.string("amount", 40);
            if (!DECIMAL.matcher(text).matches()) {
                throw ApiError.badRequest("INVALID_AMOUNT", "amount",
                        "Must be a decimal string such as \"25.00\" (up to 15 digits before the point)").exception();
            }
            value = new BigDecimal(text);
        }
        var field = minor ? "amountMinor" : "amount";
        if (value.signum() <= 0) {
            throw ApiError.badRequest("INVALID_AMOUNT", field, "A donation must be more than zero").exception();
        }
        try {
            return Money.of(value, currency);
        } catch (FinanceException e) {
            // Amounts travel as minor units in a long (the idempotency fingerprint, the store): Money holds no more.
            throw ApiError.badRequest("INVALID_AMOUNT", field, e.code() == ErrorCode.AMOUNT_TOO_LARGE
                    ? "Too large: at most " + Long.MAX_VALUE + " minor units"
                    : "More decimals than " + currency.getCurrencyCode() + " has (" + Currencies.scale(currency) + ")").exception();
        }
    }
}
