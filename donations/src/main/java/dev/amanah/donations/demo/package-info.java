/**
 * {@code amanah demo}: the service on a fresh embedded database with sample campaigns, demo staff
 * accounts and simulated donors sending donations (some declined, some refunded) through the real
 * HTTP API. See {@link dev.amanah.donations.demo.Demo}.
 */
package dev.amanah.donations.demo;
