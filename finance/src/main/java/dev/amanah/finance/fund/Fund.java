package dev.amanah.finance.fund;

import java.util.Objects;

/**
 * A fund the organisation holds money in.
 *
 * @param id   a stable identifier, unique in the organisation ("zakat-2025")
 * @param name a name for people
 * @param type the type, which decides how the money may be spent
 */
public record Fund(String id, String name, FundType type) {
    /** Requires every component. */
    public Fund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
