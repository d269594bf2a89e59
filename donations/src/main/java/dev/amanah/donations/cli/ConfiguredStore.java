package dev.amanah.donations.cli;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the store the way {@code amanah serve} does: the bundled defaults, then {@code --config FILE}
 * (or {@code ./amanah.yaml} when present), then {@code AMANAH_*} environment variables; SQLite in
 * {@code database.dataDir} unless {@code database.url} says otherwise. Migrates on open.
 */
final class ConfiguredStore {
    private static final Path DEFAULT_FILE = Path.of("amanah.yaml");

    private ConfiguredStore() {
    }

    /**
     * The configuration from {@code file} (or ./amanah.yaml) and the environment.
     *
     * @throws dev.amanah.donations.config.ConfigException for a bad key or value
     * @throws InputException {@code MISSING_INPUT --config} for an empty path
     */
    static AmanahConfig config(Path file) {
        return config(file, Map.of());
    }

    /**
     * The configuration from {@code file} (or ./amanah.yaml) and the environment, with
     * {@code overrides} (variables named as in the environment) over the environment's.
     *
     * @throws dev.amanah.donations.config.ConfigException for a bad key or value
     * @throws InputException {@code MISSING_INPUT --config} for an empty path
     */
    static AmanahConfig config(Path file, Map<String, String> overrides) {
        var chosen = Optional.ofNullable(InputException.file("--config", file)).or(() -> Files.exists(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty());
        var environment = new HashMap<>(System.getenv());
        environment.putAll(overrides);
        return ConfigLoader.load(chosen, environment);
    }

    /**
     * Opens (and migrates) the configured database; the caller closes it.
     *
     * @throws InputException {@code UNWRITABLE_OUTPUT database.dataDir} if the data directory
     *                        cannot be made (a file in the way, a permission)
     */
    static Store open(AmanahConfig config) {
        makeDataDirectory(config);
        var database = DatabaseConfig.fromUrl(config.database().jdbcUrl(), config.database().user(), config.database().password());
        if (!config.database().embedded()) {
            database = database.withPoolSize(config.database().poolSize());
        }
        return Store.open(database);
    }

    /**
     * Makes the configured data directory, if missing, and checks that a file can be made in it:
     * before a database is opened or a service started in it, so that a directory that cannot be
     * made or written is bad input in one line, not a database that seems down.
     *
     * @throws InputException {@code UNWRITABLE_OUTPUT database.dataDir} if it cannot be made (a
     *                        file in the way, a permission) or written in (a permission, a
     *                        read-only mount)
     */
    static void makeDataDirectory(AmanahConfig config) {
        var dataDir = config.database().dataDir();
        try {
            Files.createDirectories(dataDir);
            // Tried, not asked of Files.isWritable: its answer from the permission bits is not
            // the file system's for root, which /sys, for one, refuses.
            Files.delete(Files.createTempFile(dataDir, ".amanah-write-check", ""));
        } catch (IOException e) {
            throw InputException.unwritable("database.dataDir", dataDir, e);
        }
    }
}
