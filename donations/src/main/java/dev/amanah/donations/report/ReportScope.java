package dev.amanah.donations.report;

import java.util.Objects;
import java.util.Optional;

/**
 * What a report covers: the whole organisation, or one campaign.
 *
 * @param campaignId the campaign, or empty for the organisation
 */
public record ReportScope(Optional<String> campaignId) {

    /** @throws NullPointerException for a null optional */
    public ReportScope {
        Objects.requireNonNull(campaignId, "campaignId");
    }

    /** The whole organisation. */
    public static ReportScope organisation() {
        return new ReportScope(Optional.empty());
    }

    /** One campaign. */
    public static ReportScope campaign(String id) {
        return new ReportScope(Optional.of(id));
    }

    /** A short name for file names: {@code organisation} or {@code campaign-<id>}. */
    public String slug() {
        return campaignId.map(id -> "campaign-" + id.replaceAll("[^A-Za-z0-9._-]", "_")).orElse("organisation");
    }
}
