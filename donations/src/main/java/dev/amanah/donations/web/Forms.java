package dev.amanah.donations.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reading browsers' input: {@code application/x-www-form-urlencoded} bodies (at most
 * {@value #MAX_BYTES} bytes) and cookies. Stateless, thread-safe.
 */
final class Forms {
    static final int MAX_BYTES = 16_384;

    private Forms() {
    }

    /**
     * The form's fields (the first value of each name); empty for a body that is too large, of
     * another type, or malformed.
     */
    static Map<String, String> read(ServerRequest request) {
        var type = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        byte[] body;
        try (var in = request.content().inputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BYTES) {
            return Map.of();
        }
        var fields = new LinkedHashMap<String, String>();
        for (var pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            var eq = pair.indexOf('=');
            try {
                var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                return Map.of();
            }
        }
        return fields;
    }

    /** The value of cookie {@code name}, if the request has it. */
    static Optional<String> cookie(ServerRequest request, String name) {
        if (!request.headers().contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        // Browsers send one Cookie header; some clients send one per cookie: read them all.
        for (var header : request.headers().get(HeaderNames.COOKIE).allValues()) {
            for (var part : header.split(";")) {
                var eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                    return Optional.of(part.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }
}
