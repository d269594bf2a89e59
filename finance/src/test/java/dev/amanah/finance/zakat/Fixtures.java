package dev.amanah.finance.zakat;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Worked-example inputs: gold at 80 USD/g and silver at 1 USD/g, so the gold nisab is
 * 85 × 80 = 6800.00 USD and the silver nisab 595 × 1 = 595.00 USD. Nisab was reached on
 * 2024-03-11 (1 Ramadan 1445), so the lunar zakat day is 2025-03-01 (1 Ramadan 1446).
 */
final class Fixtures {
    static final Currency USD = Currency.getInstance("USD");
    static final LocalDate REACHED = LocalDate.of(2024, 3, 11);
    static final LocalDate LUNAR_ZAKAT_DAY = LocalDate.of(2025, 3, 1);
    static final Instant QUOTED = Instant.parse("2025-03-01T15:00:00Z");
    static final MetalPrice GOLD = new MetalPrice(Metal.GOLD, USD, new BigDecimal("80.00"), "test fix", QUOTED);
    static final MetalPrice SILVER = new MetalPrice(Metal.SILVER, USD, new BigDecimal("1.00"), "test fix", QUOTED);

    private Fixtures() {
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static Builder request() {
        return new Builder();
    }

    /** A mutable request under construction, defaults as in the type's comment. */
    static final class Builder {
        Currency currency = USD;
        LocalDate date = LUNAR_ZAKAT_DAY;
        LocalDate reached = REACHED;
        final List<Asset> assets = new ArrayList<>();
        final List<Liability> liabilities = new ArrayList<>();
        MetalPrices prices = MetalPrices.of(GOLD, SILVER);
        final List<Balance> history = new ArrayList<>();
        ZakatPolicy policy = ZakatPolicy.defaults();

        Builder cash(String amount) {
            assets.add(Asset.cash("cash", usd(amount)));
            return this;
        }

        Builder asset(Asset asset) {
            assets.add(asset);
            return this;
        }

        Builder liability(Liability liability) {
            liabilities.add(liability);
            return this;
        }

        Builder balance(LocalDate on, String amount) {
            history.add(new Balance(on, usd(amount)));
            return this;
        }

        Builder policy(ZakatPolicy policy) {
            this.policy = policy;
            return this;
        }

        Builder on(LocalDate date) {
            this.date = date;
            return this;
        }

        Builder reached(LocalDate date) {
            this.reached = date;
            return this;
        }

        Builder prices(MetalPrice... prices) {
            this.prices = MetalPrices.of(prices);
            return this;
        }

        ZakatRequest build() {
            return new ZakatRequest(currency, date, reached, assets, liabilities, prices, history, policy);
        }

        Assessment assess() {
            return ZakatCalculator.assess(build());
        }
    }
}
