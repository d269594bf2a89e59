package dev.amanah.donations.pipeline;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A donation as the client asked for it, well-formed (types, lengths, a payment currency, an
 * amount at that currency's scale) but not yet validated against the rules (limits, accepted
 * currencies, the campaign, the donor, fraud). Immutable.
 *
 * @param idempotencyKey the client's key for this donation
 * @param campaignId     the campaign given to
 * @param amount         the gift
 * @param fundType       the fund the donor means to give to; must be the campaign's
 * @param donorName      the donor's name, for the receipt
 * @param donorEmail     the donor's e-mail, for the receipt and the fraud counters
 * @param paymentToken   the payment method as tokenised by the provider
 * @param clientIp       the address the request came from (not part of the fingerprint: a retry
 *                       from another network is the same donation)
 * @param amountField    the field the client gave the amount in ({@code amountMinor} or
 *                       {@code amount}), which a refusal of the amount names; not part of the
 *                       fingerprint: the same sum either way is the same donation
 */
public record DonationRequest(String idempotencyKey, String campaignId, Money amount, FundType fundType,
                              String donorName, String donorEmail, String paymentToken, String clientIp,
                              String amountField) {
    private static final HexFormat HEX = HexFormat.of();
    // Never updated, only copied: a copy is cheaper than a provider look-up on every request.
    private static final MessageDigest SHA_256 = lookUpSha256();

    public DonationRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(fundType, "fundType");
        Objects.requireNonNull(donorName, "donorName");
        Objects.requireNonNull(donorEmail, "donorEmail");
        Objects.requireNonNull(paymentToken, "paymentToken");
        Objects.requireNonNull(amountField, "amountField");
    }

    /** A request whose amount a refusal calls {@code amount}: one that came in no field of the API. */
    public DonationRequest(String idempotencyKey, String campaignId, Money amount, FundType fundType,
                           String donorName, String donorEmail, String paymentToken, String clientIp) {
        this(idempotencyKey, campaignId, amount, fundType, donorName, donorEmail, paymentToken, clientIp, "amount");
    }

    /**
     * A digest of what was asked (everything but the key and the client's address), in a
     * canonical form, so the same donation sent twice with one key has one fingerprint however its
     * JSON was laid out, and any change of substance another.
     */
    public String fingerprint() {
        var canonical = String.join("\u0000", "POST /api/donations", campaignId,
                amount.currency().getCurrencyCode(), Long.toString(amount.minorUnits()), fundType.name(),
                donorName, donorEmail.toLowerCase(Locale.ROOT), paymentToken);
        return sha256(canonical);
    }

    /**
     * The donor's reference: a digest of the e-mail, so logs and counters carry no address. The
     * e-mail is folded to lower case first, as the fraud check's {@link dev.amanah.donations.fraud.Attempt}
     * folds it: one mailbox in any letter case is one donor, to the counters and to the statements.
     */
    public String donorRef() {
        return "donor_" + sha256(donorEmail.toLowerCase(Locale.ROOT)).substring(0, 24);
    }

    /**
     * A digest of the payment token: what the fraud counters count a card by when the provider
     * cannot name the card behind the token (see {@link TokenCards}), and what a token is
     * remembered by. Never equal to a provider's card fingerprint as the counters see it
     * ({@code card:...}), so the two never share a counter by accident.
     */
    public String tokenDigest() {
        return "token:" + sha256(paymentToken).substring(0, 24);
    }

    static String sha256(String text) {
        return HEX.formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
