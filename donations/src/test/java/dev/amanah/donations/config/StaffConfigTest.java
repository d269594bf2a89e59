package dev.amanah.donations.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.staff.StaffMember;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code staff} and {@code distribution} configuration, and the password check it feeds. */
class StaffConfigTest {
    private static final String AMINA = StaffDirectory.hash("amina-pw", 4);
    private static final String BILAL = StaffDirectory.hash("bilal-pw", 4);

    @Test
    void defaults_have_no_staff_and_a_bounded_distribution() {
        var config = ConfigLoader.defaults();
        assertThat(config.staff().accounts()).isEmpty();
        assertThat(config.distribution().maxConcurrency()).isEqualTo(8);
        assertThat(config.distribution().payoutTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void accounts_come_from_the_environment_and_check_passwords() {
        var config = ConfigLoader.load(Optional.empty(), Map.of(
                "AMANAH_STAFF_ACCOUNTS", "amina:PREPARER:" + AMINA + ", bilal:approver:" + BILAL,
                "AMANAH_DISTRIBUTION_MAX_CONCURRENCY", "3"));
        var directory = new StaffDirectory(config.staff().accounts());

        assertThat(config.distribution().maxConcurrency()).isEqualTo(3);
        assertThat(directory.authenticate("amina", "amina-pw")).contains(new StaffMember("amina", Role.PREPARER));
        assertThat(directory.authenticate("bilal", "bilal-pw")).contains(new StaffMember("bilal", Role.APPROVER));
        assertThat(directory.authenticate("amina", "bilal-pw")).isEmpty();
        assertThat(directory.authenticate("nobody", "amina-pw")).isEmpty();
        assertThat(directory.authenticate("amina", "x".repeat(100))).isEmpty();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AMANAH_STAFF_ACCOUNTS", "")).staff().accounts()).isEmpty();
    }

    @Test
    void every_bad_account_is_a_config_error_naming_the_key() {
        for (var bad : new String[] {"amina:PREPARER", "amina:BOSS:" + AMINA, "amina:VIEWER:plaintext-password",
                "am ina:VIEWER:" + AMINA, "amina:VIEWER:" + AMINA + ",amina:APPROVER:" + BILAL}) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_STAFF_ACCOUNTS", bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(ConfigException.class, e -> {
                        assertThat(e.getMessage()).startsWith("staff.accounts (from AMANAH_STAFF_ACCOUNTS)");
                        assertThat(e.getMessage()).doesNotContain("plaintext-password");
                    });
        }
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DISTRIBUTION_MAX_CONCURRENCY", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("distribution.maxConcurrency");
    }
}
