package dev.amanah.donations.campaign;

import dev.amanah.donations.store.CampaignState;
import java.util.Objects;

/**
 * A campaign moved to another state (committed); broadcast by {@link CampaignLifecycle} on
 * {@value CampaignLifecycle#TOPIC}.
 *
 * @param campaignId the campaign
 * @param state      its new state
 */
public record CampaignStateChanged(String campaignId, CampaignState state) {
    public CampaignStateChanged {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(state, "state");
    }
}
