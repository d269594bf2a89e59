package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.LocalDate;

/** Campaigns and their state machine; on both databases. */
class CampaignStoreTest {
    private static final NewCampaign RAMADAN = new NewCampaign("ramadan-2026", "Ramadan 2026", FundType.ZAKAT,
            Money.of("50000.000", "KWD"), LocalDate.of(2026, 2, 18), LocalDate.of(2026, 3, 19));

    @BothDatabases
    void a_created_campaign_is_a_draft_and_reads_back_exactly(TestDatabase db) {
        var campaigns = db.store().campaigns();
        var created = campaigns.create(RAMADAN);
        assertThat(created.state()).isEqualTo(CampaignState.DRAFT);
        assertThat(campaigns.get("ramadan-2026")).isEqualTo(created);
        assertThat(created.goal()).isEqualTo(Money.of("50000.000", "KWD"));
        assertThat(created.startsOn()).isEqualTo(LocalDate.of(2026, 2, 18));
        assertThat(campaigns.find("other")).isEmpty();
        assertThat(campaigns.all()).containsExactly(created);
    }

    @BothDatabases
    void a_taken_id_is_a_duplicate(TestDatabase db) {
        var campaigns = db.store().campaigns();
        campaigns.create(RAMADAN);
        assertThatThrownBy(() -> campaigns.create(RAMADAN))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.DUPLICATE));
    }

    @BothDatabases
    void it_moves_draft_active_paused_active_completed(TestDatabase db) {
        var campaigns = db.store().campaigns();
        campaigns.create(RAMADAN);
        for (var state : new CampaignState[] {CampaignState.ACTIVE, CampaignState.PAUSED, CampaignState.ACTIVE, CampaignState.COMPLETED}) {
            assertThat(campaigns.moveTo("ramadan-2026", state).state()).isEqualTo(state);
            assertThat(campaigns.get("ramadan-2026").state()).isEqualTo(state);
        }
        assertThat(campaigns.inState(CampaignState.COMPLETED)).extracting(Campaign::id).containsExactly("ramadan-2026");
        assertThat(campaigns.inState(CampaignState.ACTIVE)).isEmpty();
    }

    @BothDatabases
    void an_illegal_move_is_refused_with_both_states_named_and_changes_nothing(TestDatabase db) {
        var campaigns = db.store().campaigns();
        campaigns.create(RAMADAN);
        assertThatThrownBy(() -> campaigns.moveTo("ramadan-2026", CampaignState.PAUSED))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.ILLEGAL_TRANSITION))
                .hasMessageContaining("from DRAFT to PAUSED");
        campaigns.moveTo("ramadan-2026", CampaignState.CANCELLED);
        assertThatThrownBy(() -> campaigns.moveTo("ramadan-2026", CampaignState.ACTIVE))
                .hasMessageContaining("from CANCELLED to ACTIVE");
        assertThat(campaigns.get("ramadan-2026").state()).isEqualTo(CampaignState.CANCELLED);
        assertThatThrownBy(() -> campaigns.moveTo("missing", CampaignState.ACTIVE))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_FOUND));
    }

    @BothDatabases
    void only_an_active_campaign_in_its_dates_accepts_donations(TestDatabase db) {
        var campaigns = db.store().campaigns();
        var draft = campaigns.create(RAMADAN);
        assertThat(draft.acceptsDonationsOn(LocalDate.of(2026, 3, 1))).isFalse();
        var active = campaigns.moveTo(RAMADAN.id(), CampaignState.ACTIVE);
        assertThat(active.acceptsDonationsOn(LocalDate.of(2026, 2, 18))).isTrue();
        assertThat(active.acceptsDonationsOn(LocalDate.of(2026, 3, 19))).isTrue();
        assertThat(active.acceptsDonationsOn(LocalDate.of(2026, 3, 20))).isFalse();
    }
}
