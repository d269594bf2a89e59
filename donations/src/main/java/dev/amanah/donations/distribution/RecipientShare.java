package dev.amanah.donations.distribution;

import dev.amanah.finance.fund.ZakatCategory;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient's share in a plan being prepared.
 *
 * @param recipientId   stable id, 1 to 64 of {@code A-Z a-z 0-9 . _ -} (it is part of the payout's key)
 * @param name          a name for people
 * @param zakatCategory the category of Qur'an 9:60 they receive zakat under; required from a zakat fund
 * @param accountRef    the payment provider's reference of their account
 * @param ratio         their weight against the other shares (non-negative; only proportions matter)
 */
public record RecipientShare(String recipientId, String name, Optional<ZakatCategory> zakatCategory, String accountRef,
                             BigDecimal ratio) {
    /** Requires every component. */
    public RecipientShare {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zakatCategory, "zakatCategory");
        Objects.requireNonNull(accountRef, "accountRef");
        Objects.requireNonNull(ratio, "ratio");
    }
}
