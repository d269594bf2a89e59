package dev.amanah.donations.config;

import java.util.Objects;

/**
 * A configuration the service cannot start with: an unknown key, a value of the wrong kind or out
 * of range, an unreadable file. The message names the key, where its value came from (the
 * defaults, a file, or an environment variable) and what is wrong, e.g.
 * {@code http.port (from AMANAH_HTTP_PORT): must be an integer from 0 to 65535, got 'eighty'}.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    /**
     * @param key    the dotted key at fault ({@code http.port}), or the file for a file-level error
     * @param source where the value came from: {@code defaults}, a file name or {@code AMANAH_...}
     * @param detail what is wrong, for a person
     */
    public ConfigException(String key, String source, String detail) {
        super(key + " (from " + source + "): " + detail);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The dotted key at fault. */
    public String key() {
        return key;
    }
}
