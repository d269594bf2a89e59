package dev.amanah.donations.pipeline;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.fraud.Attempt;
import dev.amanah.donations.fraud.Decision;
import dev.amanah.donations.fraud.FraudServer;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.FreeText;
import dev.amanah.finance.money.Currencies;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

/**
 * The four checks a donation passes before it is charged, each a plain function of the request
 * (run concurrently, each in its own task, by {@link ValidationRun}): amount, campaign, donor,
 * fraud. Each answers empty when the donation passes, or the {@link Refusal} to give (the fraud
 * check also the {@link Attempt} it counted). Thread-safe: holds only immutable configuration and
 * thread-safe stores and services.
 */
final class Validations {
    private final AmanahConfig.Donations rules;
    private final CampaignStore campaigns;
    private final String fraudServer;
    private final TokenCards cards;
    private final Duration fraudTimeout;
    private final Clock clock;

    Validations(AmanahConfig.Donations rules, CampaignStore campaigns, String fraudServer, TokenCards cards,
                Duration fraudTimeout, Clock clock) {
        this.rules = rules;
        this.campaigns = campaigns;
        this.fraudServer = fraudServer;
        this.cards = cards;
        this.fraudTimeout = fraudTimeout;
        this.clock = clock;
    }

    /** Positive, at the currency's scale, in an accepted currency, within the configured limits. */
    Optional<Refusal> amount(DonationRequest request) {
        var amount = request.amount();
        var code = amount.currency().getCurrencyCode();
        if (amount.signum() <= 0) {
            return refuse("AMOUNT_NOT_POSITIVE", request.amountField(), "A donation must be more than zero");
        }
        if (!rules.currencies().accepts(amount.currency())) {
            return refuse("CURRENCY_NOT_ACCEPTED", "currency", code + " is not accepted; accepted: "
                    + rules.currencies().currencies().stream().map(c -> c.getCurrencyCode()).sorted().toList());
        }
        if (amount.amount().scale() != Currencies.scale(amount.currency())) {
            return refuse("AMOUNT_NOT_AT_SCALE", request.amountField(), "Not at the scale of " + code);
        }
        if (amount.amount().compareTo(rules.minAmount()) < 0) {
            return refuse("AMOUNT_TOO_SMALL", request.amountField(), "The smallest donation is " + plain(rules.minAmount()) + " " + code);
        }
        if (amount.amount().compareTo(rules.maxAmount()) > 0) {
            return refuse("AMOUNT_TOO_LARGE", request.amountField(), "The largest donation is " + plain(rules.maxAmount()) + " " + code);
        }
        return Optional.empty();
    }

    /** Exists, active, today within its dates, for the same fund and currency. */
    Optional<Refusal> campaign(DonationRequest request) {
        var found = campaigns.find(request.campaignId());
        if (found.isEmpty()) {
            return refuse("CAMPAIGN_NOT_FOUND", "campaignId", "No such campaign");
        }
        var campaign = found.get();
        if (campaign.state() != CampaignState.ACTIVE) {
            return refuse("CAMPAIGN_NOT_ACTIVE", "campaignId", "Campaign is not active");
        }
        var today = LocalDate.now(clock);
        if (!campaign.acceptsDonationsOn(today)) {
            return refuse("CAMPAIGN_NOT_OPEN", "campaignId",
                    "The campaign takes donations from " + campaign.startsOn() + " to " + campaign.endsOn());
        }
        if (campaign.fundType() != request.fundType()) {
            return refuse("FUND_TYPE_NOT_ACCEPTED", "fundType", "This campaign collects " + campaign.fundType());
        }
        if (!campaign.currency().equals(request.amount().currency())) {
            return refuse("CURRENCY_MISMATCH", "currency", collectsIn(campaign.currency()));
        }
        return Optional.empty();
    }

    /** The refusal of a donation in another currency than its campaign's, naming the one to give in. */
    static String collectsIn(Currency campaignCurrency) {
        return "This campaign collects in " + campaignCurrency.getCurrencyCode();
    }

    /** A plausible e-mail address for the receipt, and a name stored as typed ({@link FreeText#nameProblem}). */
    Optional<Refusal> donor(DonationRequest request) {
        if (!Donor.isPlausibleEmail(request.donorEmail())) {
            return refuse("INVALID_EMAIL", "donor.email", "Not an e-mail address");
        }
        return FreeText.nameProblem(request.donorName()).flatMap(problem -> refuse("INVALID_NAME", "donor.name", "The name " + problem));
    }

    /**
     * The fraud server's verdict on this attempt (counted as it is judged), with the attempt, its
     * card named by the provider ({@link TokenCards}: every token of one card is one card to the
     * counters). DENY refuses; REVIEW holds the donation for staff (a
     * {@link Refusal#heldForReview()} refusal, with the rules reached as its detail): it is not
     * charged unless released. The message names no rule, to teach an attacker nothing.
     */
    ValidationRun.Checked fraud(DonationRequest request) {
        var attempt = attempt(request, cards.of(request));
        var verdict = FraudServer.check(fraudServer, attempt, fraudTimeout);
        var refusal = switch (verdict.decision()) {
            case DENY -> refuse("DONATION_REFUSED", null, "This donation cannot be accepted");
            case REVIEW -> Optional.of(new Refusal(Refusal.HELD_FOR_REVIEW, null,
                    "This donation is held for a review by our staff before it is charged",
                    "fraud check REVIEW: " + verdict.reasons()));
            case ALLOW -> Optional.<Refusal>empty();
        };
        return new ValidationRun.Checked(refusal, attempt);
    }

    /** The attempt as the fraud counters see it, its card counted as {@code card} ({@link TokenCards#of}). */
    static Attempt attempt(DonationRequest request, String card) {
        return new Attempt(card, request.clientIp(), request.donorEmail(), request.amount());
    }

    private static Optional<Refusal> refuse(String code, String field, String message) {
        return Optional.of(new Refusal(code, field, message));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
