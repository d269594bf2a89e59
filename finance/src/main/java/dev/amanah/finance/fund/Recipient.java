package dev.amanah.finance.fund;

import java.util.Objects;
import java.util.Optional;

/**
 * Someone a fund pays: a person, a family, a project, or the organisation's own administrators.
 *
 * @param id            a stable identifier
 * @param name          a name for people
 * @param zakatCategory the category under which the recipient may receive zakat, if any;
 *                      empty for a recipient of sadaqah, waqf or general money only
 */
public record Recipient(String id, String name, Optional<ZakatCategory> zakatCategory) {

    /** Requires every component. */
    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zakatCategory, "zakatCategory");
    }

    /** A recipient eligible for zakat under {@code category}. */
    public static Recipient ofZakat(String id, String name, ZakatCategory category) {
        return new Recipient(id, name, Optional.of(category));
    }

    /** A recipient that may receive any money but zakat. */
    public static Recipient of(String id, String name) {
        return new Recipient(id, name, Optional.empty());
    }
}
