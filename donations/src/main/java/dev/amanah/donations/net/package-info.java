/**
 * Client addresses: IP literals read without the DNS ({@link dev.amanah.donations.net.IpAddresses}),
 * address ranges ({@link dev.amanah.donations.net.AddressRange}) and the reverse proxies whose
 * {@code X-Forwarded-For} and {@code Forwarded} (RFC 7239) are believed ({@link dev.amanah.donations.net.TrustedProxies}).
 */
package dev.amanah.donations.net;
