package dev.amanah.donations.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code for=} nodes of {@code Forwarded} headers (RFC 7239), one per element, in order.
 * Stateless, thread-safe.
 *
 * <p>Read leniently where leniency cannot be abused (whitespace around a pair, an IPv6 node or a
 * port without the quotes the RFC asks for) and strictly everywhere else: an element whose
 * {@code for=} is missing, repeated, {@code unknown}, obfuscated ({@code _hidden}) or not an IP
 * address is an unreadable entry, as is a whole header value whose quotes do not close (where its
 * elements end cannot be known: a client's open quote could swallow the element a proxy appended).
 * An unreadable entry stops the search for the client there (see {@link TrustedProxies}), so no
 * malformed text can make another entry count.
 */
final class ForwardedHeader {
    private ForwardedHeader() {
    }

    /**
     * Each element's {@code for=} address, empty where unreadable, for {@code values} (the
     * header's values in the order received, each a comma-separated list of elements).
     */
    static List<Optional<InetAddress>> forNodes(List<String> values) {
        var nodes = new ArrayList<Optional<InetAddress>>();
        for (var value : values) {
            for (var element : split(value, ',')) {
                nodes.add(forNode(element));
            }
        }
        return nodes;
    }

    private static Optional<InetAddress> forNode(String element) {
        String node = null;
        for (var pair : split(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                if (pair.isBlank()) {
                    continue; // an empty pair is allowed: "a=1;;b=2"
                }
                return Optional.empty();
            }
            if (!pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
                continue;
            }
            if (node != null) {
                return Optional.empty();
            }
            var value = unquoted(pair.substring(equals + 1).strip());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            node = value.get();
        }
        if (node == null || node.equalsIgnoreCase("unknown") || node.startsWith("_")) {
            return Optional.empty();
        }
        return IpAddresses.parseNode(node);
    }

    /** A token as is, or a quoted-string's content with its escapes undone; empty if neither. */
    private static Optional<String> unquoted(String value) {
        if (!value.startsWith("\"")) {
            return value.isEmpty() || value.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isWhitespace(c))
                    ? Optional.empty() : Optional.of(value);
        }
        var content = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i == value.length() - 1 ? Optional.of(content.toString()) : Optional.empty();
            }
            if (c == '\\') {
                i++;
                if (i == value.length()) {
                    return Optional.empty();
                }
                c = value.charAt(i);
            }
            content.append(c);
        }
        return Optional.empty();
    }

    /**
     * {@code text} cut at each {@code separator} outside a quoted-string; a single empty part,
     * which reads as unreadable, when its quotes do not close.
     */
    private static List<String> split(String text, char separator) {
        var parts = new ArrayList<String>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            return List.of("");
        }
        parts.add(text.substring(start));
        return parts;
    }
}
