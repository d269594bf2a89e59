package dev.amanah.donations.campaign;

import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.otp.pubsub.PubSub;
import java.util.Objects;

/**
 * The one way to change a campaign's state, so that whoever changes it (the JSON API, the staff
 * pages) leaves the service in step: the move is committed by the {@link CampaignStore} (which
 * checks the state machine), then the campaign's statistics server is started when it becomes
 * active and stopped for good when it ends (even when it ends while its activation is starting
 * the server), and a {@link CampaignStateChanged} is broadcast on
 * {@value #TOPIC}, after the commit, so that open dashboards re-render.
 *
 * <p>Thread-safe; blocks on the database and on the statistics supervisor. A refused move
 * changes nothing and announces nothing.
 */
public final class CampaignLifecycle {
    /** The PubSub topic of {@link CampaignStateChanged} events. */
    public static final String TOPIC = "campaigns.state";

    private final CampaignStore campaigns;
    private final CampaignStatsService stats;
    private final PubSub pubsub;

    /** A lifecycle over the campaigns of {@code campaigns}, with their statistics in {@code stats}. */
    public CampaignLifecycle(CampaignStore campaigns, CampaignStatsService stats, PubSub pubsub) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.pubsub = Objects.requireNonNull(pubsub, "pubsub");
    }

    /**
     * Moves campaign {@code id} to {@code target}.
     *
     * @return the campaign in its new state
     * @throws dev.amanah.donations.store.StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION}
     *                                                   when the state machine forbids the move
     */
    public Campaign moveTo(String id, CampaignState target) {
        var campaign = campaigns.moveTo(id, target);
        switch (target) {
            case ACTIVE -> {
                stats.startCampaign(id);
                // A move to COMPLETED or CANCELLED committed since our commit may have looked for
                // the server before it was started, and found none to stop. Read after the start,
                // the state tells: such a move either is seen here, or committed after this read
                // and so looks for the server after it was registered, and stops it.
                var now = campaigns.get(id).state();
                if (now == CampaignState.COMPLETED || now == CampaignState.CANCELLED) {
                    stats.stopCampaign(id);
                }
            }
            case COMPLETED, CANCELLED -> stats.stopCampaign(id);
            case DRAFT, PAUSED -> { }
        }
        pubsub.broadcast(TOPIC, new CampaignStateChanged(id, target));
        return campaign;
    }
}
