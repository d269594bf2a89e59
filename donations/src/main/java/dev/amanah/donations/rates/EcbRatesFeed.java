package dev.amanah.donations.rates;

import dev.amanah.finance.money.ExchangeRate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The European Central Bank's euro foreign exchange reference rates, read from its XML feed:
 * {@value #DAILY} (the last publication) or the history file in the same format
 * ({@code eurofxref-hist.xml}, every publication since 1999). Each call downloads and reads the
 * feed (the daily file is about 1.5 kB); nothing is cached, so a report always states the rate it
 * was given.
 *
 * <p>Failures: a timeout, a refused connection or a 5xx answer is
 * {@linkplain RateException#transientFailure() transient} ({@link RateFetcher} retries it); a
 * 4xx answer, an unreadable document or a currency/date the feed does not cover is permanent.
 * The XML parser refuses DTDs and external entities. Thread-safe; blocks on the network for at
 * most the request timeout.
 */
public final class EcbRatesFeed implements RateProvider {
    /** The ECB's daily feed. */
    public static final String DAILY = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";
    private static final String SOURCE = "ECB euro reference rate";

    private final HttpClient client;
    private final URI uri;
    private final Duration requestTimeout;

    /**
     * @param client         the HTTP client (the caller closes it)
     * @param uri            the feed's address ({@link #DAILY}, the history file, or a mirror)
     * @param requestTimeout the most one request may take
     */
    public EcbRatesFeed(HttpClient client, URI uri, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** {@inheritDoc} Downloads the feed and reads the rate from it. */
    @Override
    public ExchangeRate rate(Currency from, Currency to, LocalDate date) {
        var subject = from.getCurrencyCode().equals("EUR") ? to : from;
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw RateException.unavailable(subject, date, "the ECB feed did not answer within " + requestTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw RateException.unavailable(subject, date, "the ECB feed could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RateException.unavailable(subject, date, "interrupted while asking the ECB feed", e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw RateException.unavailable(subject, date, "the ECB feed answered HTTP " + status, null);
        }
        if (status != 200) {
            throw RateException.unreadable(subject, date, "the ECB feed answered HTTP " + status, null);
        }
        return parse(response.body(), subject, date).rate(from, to, date);
    }

    /**
     * Reads an ECB feed document: every {@code Cube time="..."} with its {@code Cube currency rate}
     * children, rates kept exactly as written.
     *
     * @throws RateException {@code unreadable} (naming {@code subject} and {@code date}) if it is not such a document
     */
    static ReferenceRates parse(byte[] xml, Currency subject, LocalDate date) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            var cubes = document.getElementsByTagNameNS("*", "Cube");
            var byDay = new HashMap<LocalDate, Map<Currency, BigDecimal>>();
            for (int i = 0; i < cubes.getLength(); i++) {
                var cube = (Element) cubes.item(i);
                if (!cube.hasAttribute("time")) {
                    continue;
                }
                var rates = new HashMap<Currency, BigDecimal>();
                var children = cube.getElementsByTagNameNS("*", "Cube");
                for (int j = 0; j < children.getLength(); j++) {
                    var child = (Element) children.item(j);
                    rates.put(Currency.getInstance(child.getAttribute("currency")), new BigDecimal(child.getAttribute("rate")));
                }
                byDay.put(LocalDate.parse(cube.getAttribute("time")), rates);
            }
            if (byDay.isEmpty()) {
                throw RateException.unreadable(subject, date, "the ECB feed holds no dated rates", null);
            }
            return new ReferenceRates(SOURCE, byDay);
        } catch (ParserConfigurationException | SAXException | IOException | RuntimeException e) {
            if (e instanceof RateException rate) {
                throw rate;
            }
            throw RateException.unreadable(subject, date, "the ECB feed is not a reference-rate document ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
