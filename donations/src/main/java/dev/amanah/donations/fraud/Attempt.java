package dev.amanah.donations.fraud;

import dev.amanah.finance.money.Money;
import java.util.Locale;
import java.util.Objects;

/**
 * One attempt to donate, as the fraud check sees it. Identifiers that are unknown are null and
 * their counters are skipped; none of them is ever logged or put in a {@link FraudReason}.
 *
 * @param cardFingerprint the provider's fingerprint of the card (the same card gives the same
 *                        fingerprint whatever its token); null if not a card
 * @param ip              the client's address as text, counted by its block (an IPv6 address by
 *                        its /64, see {@link dev.amanah.donations.net.IpAddresses#clientBlock(String)},
 *                        and by its /48, {@link dev.amanah.donations.net.IpAddresses#siteBlock(String)});
 *                        null if unknown
 * @param email           the donor's e-mail, by which the platform knows a donor (donors have no
 *                        accounts), so it is the one per-person identifier: an attempt counts once
 *                        against one person's limits; compared case-insensitively; null if unknown
 * @param amount          the amount attempted
 */
public record Attempt(String cardFingerprint, String ip, String email, Money amount) {
    public Attempt {
        Objects.requireNonNull(amount, "amount");
        // One donor, one counter: the domain is case-insensitive (RFC 5321) and, though the local
        // part may be case-sensitive in theory, every real provider delivers Aisha@ and aisha@ to
        // the same box, so a case change must not open a fresh counter. DonationRequest.donorRef
        // folds the same way, so the counters and the statements agree on who one donor is.
        email = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
