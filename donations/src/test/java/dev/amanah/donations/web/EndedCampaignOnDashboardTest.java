package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign past its end date that nobody has completed yet is still ACTIVE, and refuses
 * donations ({@code CAMPAIGN_NOT_OPEN}): the dashboard shows it as ended, not as active; one
 * ACTIVE before its start date refuses them too, and is shown as not open yet. The "live
 * campaigns" tile counts only the campaigns taking donations today.
 */
class EndedCampaignOnDashboardTest {
    private static final Pattern LIVE_TILE = Pattern.compile("data-field=\"live-campaigns\">(\\d+)<");
    private static final Pattern BADGE = Pattern.compile("id=\"campaign-(\\S+)\".*?<span class=\"badge ([^\"]+)\">([^<]+)</span>", Pattern.DOTALL);

    @Test
    void aCampaignPastItsEndDateIsShownAsEndedWhileAnOpenOneIsShownAsActive(@TempDir Path dataDir) {
        var service = WebTestService.start(dataDir);
        try (var staff = WebTestService.preparer(service); var http = new Http(service.port())) {
            for (var c : new String[][] {{"past-appeal", "2021-12-31"}, {"open-appeal", "2099-12-31"}}) {
                assertThat(staff.staffPostJson("/api/campaigns", """
                        {"id": "%s", "name": "%s", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                         "startsOn": "2021-01-01", "endsOn": "%s"}""".formatted(c[0], c[0], c[1]), null).status()).isEqualTo(201);
                assertThat(staff.staffPostJson("/api/campaigns/" + c[0] + "/state", "{\"state\": \"ACTIVE\"}", null).status())
                        .isEqualTo(200);
            }
            var refused = http.postJson("/api/donations", """
                    {"campaignId": "past-appeal", "amountMinor": 2500, "currency": "GBP", "fundType": "SADAQAH",
                     "donor": {"name": "Aisha", "email": "aisha@example.org"}, "paymentToken": "tok_visa"}""", "past-1");
            assertThat(refused.json().path("error").asText()).isEqualTo("CAMPAIGN_NOT_OPEN");

            var badges = badges(http.get("/").body());
            assertThat(badges).containsEntry("past-appeal", "state-ended|ended").containsEntry("open-appeal", "state-active|active");
        } finally {
            service.stop();
        }
    }

    @Test
    void aCampaignBeforeItsStartIsShownAsNotOpenYetAndOnlyCampaignsTakingDonationsCountAsLive(@TempDir Path dataDir) {
        var service = WebTestService.start(dataDir);
        try (var staff = WebTestService.preparer(service); var http = new Http(service.port())) {
            for (var c : new String[][] {{"future-appeal", "2098-01-01", "2099-12-31"}, {"past-appeal", "2021-01-01", "2021-12-31"},
                    {"open-appeal", "2021-01-01", "2099-12-31"}, {"paused-appeal", "2021-01-01", "2099-12-31"}}) {
                assertThat(staff.staffPostJson("/api/campaigns", """
                        {"id": "%s", "name": "%s", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                         "startsOn": "%s", "endsOn": "%s"}""".formatted(c[0], c[0], c[1], c[2]), null).status()).isEqualTo(201);
                assertThat(staff.staffPostJson("/api/campaigns/" + c[0] + "/state", "{\"state\": \"ACTIVE\"}", null).status())
                        .isEqualTo(200);
            }
            assertThat(staff.staffPostJson("/api/campaigns/paused-appeal/state", "{\"state\": \"PAUSED\"}", null).status())
                    .isEqualTo(200);
            var refused = http.postJson("/api/donations", """
                    {"campaignId": "future-appeal", "amountMinor": 2500, "currency": "GBP", "fundType": "SADAQAH",
                     "donor": {"name": "Aisha", "email": "aisha@example.org"}, "paymentToken": "tok_visa"}""", "future-1");
            assertThat(refused.json().path("error").asText()).isEqualTo("CAMPAIGN_NOT_OPEN");

            var page = http.get("/").body();
            assertThat(badges(page)).containsEntry("future-appeal", "state-not-open|not open yet")
                    .containsEntry("open-appeal", "state-active|active");
            var tile = LIVE_TILE.matcher(page);
            assertThat(tile.find()).as(page).isTrue();
            assertThat(tile.group(1)).as("only open-appeal takes donations today").isEqualTo("1");
        } finally {
            service.stop();
        }
    }

    /** Each campaign card's id to its badge's class and text, "class|text". */
    private static Map<String, String> badges(String page) {
        var badges = new HashMap<String, String>();
        for (var card : page.split("<article ")) {
            var m = BADGE.matcher("<article " + card);
            if (m.find()) {
                badges.put(m.group(1), m.group(2) + "|" + m.group(3));
            }
        }
        return badges;
    }
}
