package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.staff.StaffDirectory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configurations for services started by tests: SQLite in a temporary directory, a free port, and
 * one configured member of staff, the preparer {@link #STAFF_USER}, whom {@link Api#asStaff()}
 * logs in as (HTTP Basic) for the staff-only calls: campaign writes and refunds.
 */
final class TestServices {
    /** The preparer every test service knows. */
    static final String STAFF_USER = "test-clerk";
    /** {@link #STAFF_USER}'s password. */
    static final String STAFF_PASSWORD = "test-clerk-password";
    // The lowest BCrypt cost: these tests are about the rules, not the hash's strength.
    private static final String STAFF_ACCOUNT = STAFF_USER + ":PREPARER:" + StaffDirectory.hash(STAFF_PASSWORD, 4);

    private TestServices() {
    }

    /** The settings; a test's {@code AMANAH_STAFF_ACCOUNTS} is added to the test preparer, not put in its place. */
    static AmanahConfig config(Path dataDir, Map<String, String> overrides) {
        var environment = new HashMap<String, String>();
        environment.put("AMANAH_DATABASE_DATA_DIR", dataDir.toString());
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        environment.put("AMANAH_HTTP_SHUTDOWN_GRACE", "10s");
        environment.putAll(overrides);
        environment.merge("AMANAH_STAFF_ACCOUNTS", STAFF_ACCOUNT, (theirs, ours) -> ours + "," + theirs);
        return ConfigLoader.load(Optional.empty(), environment);
    }

    /** {@link #STAFF_USER}'s entry of {@code staff.accounts}, for a service started in another process. */
    static String staffAccount() {
        return STAFF_ACCOUNT;
    }
}
