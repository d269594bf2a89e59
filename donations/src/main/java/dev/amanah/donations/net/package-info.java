/**
 * Client addresses: IP literals read without the DNS ({@link dev.amanah.donations.net.IpAddresses}),
 * address ranges ({@link dev.amanah.donations.net.AddressRange}) and the reverse proxies whose
 * {@code X-Forwarded-For} is believed ({@link dev.amanah.donations.net.TrustedProxies}).
 */
package dev.amanah.donations.net;
