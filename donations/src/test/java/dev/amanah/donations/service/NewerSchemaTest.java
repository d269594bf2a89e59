package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.SchemaVersions;
import dev.amanah.otp.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service older than its database's schema: a newer release migrated the (SQLite) database,
 * and this one only had Flyway's warning, and served, writing rows without the newer columns,
 * whose defaults may mean something there. It is refused, naming both versions; a one-shot
 * command still opens the database (with Flyway's warning).
 */
class NewerSchemaTest {
    @TempDir
    Path dir;

    @Test
    void a_service_older_than_its_databases_schema_is_refused_naming_both_versions() throws Exception {
        var dataDir = Files.createDirectories(dir.resolve("data"));
        var url = "jdbc:sqlite:" + dataDir.resolve("amanah.db");
        String binary;
        try (var database = Database.open(DatabaseConfig.fromUrl(url, "", ""))) {
            binary = database.schema().binary();
        }
        var newer = Files.createDirectories(dir.resolve("newer-release"));
        Files.writeString(newer.resolve("V9000__a_newer_release.sql"), "ALTER TABLE staff_accounts ADD COLUMN newer_flag INTEGER NOT NULL DEFAULT 0;");
        // The newer release's own migration, applied as that release would (it has this one's too).
        Flyway.configure().dataSource(url, "", "").locations("filesystem:" + newer).validateOnMigrate(false).load().migrate();

        StartRefused refused = null;
        try {
            AmanahService.start(TestServices.config(dataDir, Map.of()), Clock.systemUTC()).stop();
        } catch (StartRefused e) {
            refused = e;
        }

        assertThat(refused).as("the start refused").isNotNull();
        assertThat(refused.getMessage()).isEqualTo("schema_newer: the database " + url + " has schema version 9000, newer than this amanah's "
                + binary + " (a newer amanah migrated it): run the amanah that did, or upgrade this one");
        assertThat(Processes.whereis("amanah.pubsub")).as("no tree started").isEmpty();
        try (var database = Database.open(DatabaseConfig.fromUrl(url, "", ""))) {
            assertThat(database.schema()).as("a one-shot command still opens it").isEqualTo(new SchemaVersions("9000", binary));
            assertThat(database.schema().databaseIsNewer()).isTrue();
        }
    }
}
