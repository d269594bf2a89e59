package dev.amanah.donations.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A test database as an earlier release left it, for tests of what a migration does to rows
 * written before it: emptied, migrated up to a given version only, then written by plain SQL in
 * each dialect's own formats.
 */
final class EarlierSchema {
    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EarlierSchema() {
    }

    /** Empties {@code db} and migrates it up to {@code version} (inclusive) with the scripts' own placeholders. */
    static void migrateTo(TestDatabase db, String version) throws Exception {
        var config = db.config();
        if (db.dialect() == Dialect.SQLITE) {
            Files.createDirectories(Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length())).getParent());
        } else {
            // A PostgreSQL test database is a copy of one migrated to the end: emptied first.
            try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                 var statement = c.createStatement()) {
                statement.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            }
        }
        var placeholders = db.dialect() == Dialect.SQLITE
                ? Map.of("identity", "INTEGER PRIMARY KEY AUTOINCREMENT", "timestamp", "TEXT", "date", "TEXT")
                : Map.of("identity", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "timestamp", "TIMESTAMPTZ", "date", "DATE");
        Flyway.configure().locations("classpath:db/migration/common", "classpath:db/migration/" + db.dialect().vendorFolder())
                .placeholders(placeholders).dataSource(config.jdbcUrl(), config.user(), config.password()).target(version)
                .load().migrate();
    }

    /** Binds {@code instant} as the dialect stores a timestamp. */
    static void bind(TestDatabase db, PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (db.dialect() == Dialect.SQLITE) {
            statement.setString(index, SQLITE_INSTANT.format(instant));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
