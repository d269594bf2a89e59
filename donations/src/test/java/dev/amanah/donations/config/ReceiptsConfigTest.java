package dev.amanah.donations.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The organisation, receipts and mail keys: defaults, environment overrides, bad values named. */
class ReceiptsConfigTest {

    @Test
    void defaults_issue_receipts_and_send_no_mail() {
        var receipts = ConfigLoader.defaults().receipts();

        assertThat(receipts.enabled()).isTrue();
        assertThat(receipts.serialPrefix()).isEqualTo("AMN");
        assertThat(receipts.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(receipts.outputDir()).isEqualTo(Path.of("data", "receipts").toAbsolutePath());
        assertThat(receipts.organisation().name()).isEqualTo("Amanah Charitable Trust");
        assertThat(receipts.mail().enabled()).isFalse();
        assertThat(receipts.mail().smtpPort()).isEqualTo(25);
        assertThat(receipts.mail().maxAttempts()).isEqualTo(8);
        assertThat(receipts.mail().backoffBase()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void environment_variables_override_each_key() {
        var receipts = ConfigLoader.load(Optional.empty(), Map.of(
                "AMANAH_ORGANISATION_CHARITY_NUMBER", "SC012345",
                "AMANAH_RECEIPTS_ENABLED", "false",
                "AMANAH_RECEIPTS_ZONE", "Asia/Riyadh",
                "AMANAH_MAIL_ENABLED", "true",
                "AMANAH_MAIL_SMTP_HOST", "smtp.example.org",
                "AMANAH_MAIL_SMTP_PORT", "2525",
                "AMANAH_MAIL_BACKOFF_MAX", "5m")).receipts();

        assertThat(receipts.organisation().charityNumber()).isEqualTo("SC012345");
        assertThat(receipts.enabled()).isFalse();
        assertThat(receipts.zone()).isEqualTo(ZoneId.of("Asia/Riyadh"));
        assertThat(receipts.mail().enabled()).isTrue();
        assertThat(receipts.mail().smtpHost()).isEqualTo("smtp.example.org");
        assertThat(receipts.mail().smtpPort()).isEqualTo(2525);
        assertThat(receipts.mail().backoffMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void bad_values_are_refused_naming_the_key_and_the_variable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_RECEIPTS_ZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("receipts.zone").hasMessageContaining("AMANAH_RECEIPTS_ZONE").hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_RECEIPTS_SERIAL_PREFIX", "AMN-")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receipts.serialPrefix");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_SMTP_PORT", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mail.smtpPort");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_BACKOFF_MAX", "1s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mail.backoffMax").hasMessageContaining("mail.backoffBase");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_ORGANISATION_NAME", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("organisation.name");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_SMPT_HOST", "typo")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AMANAH_MAIL_SMPT_HOST");
    }
}
