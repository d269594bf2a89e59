package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.config.ConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Configurations for services started by tests: SQLite in a temporary directory, a free port. */
final class TestServices {
    private TestServices() {
    }

    static AmanahConfig config(Path dataDir, Map<String, String> overrides) {
        var environment = new HashMap<String, String>();
        environment.put("AMANAH_DATABASE_DATA_DIR", dataDir.toString());
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        environment.put("AMANAH_HTTP_SHUTDOWN_GRACE", "10s");
        environment.putAll(overrides);
        return ConfigLoader.load(Optional.empty(), environment);
    }
}
