package dev.amanah.finance.zakat;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Everything one assessment needs. All amounts and prices must be in {@code currency}.
 *
 * @param currency       the assessment currency (a payment currency)
 * @param assessmentDate the day the assessment is made, normally the zakat day
 * @param nisabReachedOn the day wealth first reached nisab: the start of the hawl
 * @param assets         the wealth put forward, valued on the assessment date
 * @param liabilities    the debts deducted
 * @param prices         metal prices per gram of pure metal
 * @param balanceHistory net wealth over the year, oldest first or in any order, one balance a day;
 *                       required for a CONTINUOUS hawl, optional for ENDPOINTS (where it can only
 *                       reveal a fall to zero)
 * @param policy         the school's choices
 */
public record ZakatRequest(
        Currency currency,
        LocalDate assessmentDate,
        LocalDate nisabReachedOn,
        List<Asset> assets,
        List<Liability> liabilities,
        MetalPrices prices,
        List<Balance> balanceHistory,
        ZakatPolicy policy) {

    /** Copies the lists; requires every component. */
    public ZakatRequest {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(assessmentDate, "assessmentDate");
        Objects.requireNonNull(nisabReachedOn, "nisabReachedOn");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(policy, "policy");
        assets = List.copyOf(assets);
        liabilities = List.copyOf(liabilities);
        balanceHistory = List.copyOf(balanceHistory);
    }
}
