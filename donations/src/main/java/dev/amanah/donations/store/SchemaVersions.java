package dev.amanah.donations.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The version of a database's schema (its newest applied migration) and the newest migration this
 * binary carries, as Flyway numbers them ({@code 44}). They differ after a migration only when a
 * newer binary has migrated the database: this one then cannot know what the newer columns and
 * rows mean. Immutable.
 *
 * @param database the schema's version; empty for a database with no migration applied
 * @param binary   the newest migration of this binary; empty if it carries none
 */
public record SchemaVersions(String database, String binary) {
    public SchemaVersions {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(binary, "binary");
    }

    /** Read from Flyway's view of the database after its migration. */
    static SchemaVersions of(MigrationInfoService info) {
        var applied = info.current() == null ? null : info.current().getVersion();
        // A migration the database has and this binary does not is not resolved (Flyway's FUTURE_SUCCESS).
        var known = Arrays.stream(info.all()).filter(migration -> migration.getState().isResolved())
                .map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new SchemaVersions(text(applied), text(known));
    }

    private static String text(MigrationVersion version) {
        return version == null ? "" : version.getVersion();
    }

    /** Whether the database's schema is newer than every migration this binary has. */
    public boolean databaseIsNewer() {
        return !database.isEmpty() && !binary.isEmpty() && MigrationVersion.fromVersion(database).compareTo(MigrationVersion.fromVersion(binary)) > 0;
    }
}
