package dev.amanah.donations.store;

import java.util.Set;

/**
 * The life of a campaign: {@code DRAFT -> ACTIVE <-> PAUSED -> COMPLETED | CANCELLED}. A draft
 * can also be cancelled; {@code COMPLETED} and {@code CANCELLED} are final. Donations are taken
 * only while {@code ACTIVE}.
 */
public enum CampaignState {
    /** Being prepared; takes no donations. */
    DRAFT,
    /** Taking donations. */
    ACTIVE,
    /** Temporarily not taking donations. */
    PAUSED,
    /** Ended; final. */
    COMPLETED,
    /** Abandoned; final. */
    CANCELLED;

    /** The states this one may move to. */
    public Set<CampaignState> next() {
        return switch (this) {
            case DRAFT -> Set.of(ACTIVE, CANCELLED);
            case ACTIVE -> Set.of(PAUSED, COMPLETED, CANCELLED);
            case PAUSED -> Set.of(ACTIVE, COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> Set.of();
        };
    }

    /** Whether the move to {@code target} is allowed. */
    public boolean canMoveTo(CampaignState target) {
        return next().contains(target);
    }
}
