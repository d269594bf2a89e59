package dev.amanah.donations.http;

import dev.amanah.donations.net.IpAddresses;
import dev.amanah.donations.net.TrustedProxies;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The address a request came from, for counting by client (the login throttle, the fraud
 * checks): the direct peer, or behind a trusted reverse proxy the address it forwarded (see
 * {@link TrustedProxies}). Stateless, thread-safe.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The client address of {@code request} as text ({@code 192.0.2.1}, {@code 2001:db8:0:0:0:0:0:1}).
     * A peer that is not an IP address (which the HTTP server does not give) is returned as the
     * server names it, its {@code X-Forwarded-For} and {@code Forwarded} ignored.
     */
    public static String of(ServerRequest request, TrustedProxies proxies) {
        var peer = request.remotePeer();
        var address = peer.address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? java.util.Optional.of(socket.getAddress())
                : IpAddresses.parse(peer.host());
        if (address.isEmpty()) {
            return peer.host();
        }
        return proxies.client(address.get(), values(request, HeaderNames.X_FORWARDED_FOR), values(request, HeaderNames.FORWARDED))
                .getHostAddress();
    }

    private static List<String> values(ServerRequest request, HeaderName name) {
        return request.headers().contains(name) ? request.headers().get(name).allValues() : List.of();
    }
}
