package dev.amanah.donations.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A test client of the service: JSON API calls, and form posts with a browser's cookie jar. */
final class Http implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern NOTICE = Pattern.compile("<div [^>]*id=\"notice\"[^>]*>.*?</div>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    record Reply(int status, String body, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The first CSRF token of a form in the page. */
        String csrf() {
            var m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF field in " + body);
            }
            return m.group(1);
        }

        /** The {@code Location} of a redirect; fails for any other answer. */
        String location() {
            if (status != 303) {
                throw new AssertionError("not a redirect: " + status + " " + body);
            }
            return response.headers().firstValue("Location").orElseThrow();
        }

        /** The page's hidden inputs, name to value as a browser posts it (entities decoded). */
        Map<String, String> hiddenFields() {
            var fields = new LinkedHashMap<String, String>();
            var m = HIDDEN.matcher(body);
            while (m.find()) {
                fields.put(m.group(1), unescape(m.group(2)));
            }
            return fields;
        }

        private static String unescape(String html) {
            return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    // A browser's jar, kept by hand: name to value, sent back as one Cookie header; Max-Age=0 deletes.
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** GET of a binary body: the response, with the body as bytes. */
    HttpResponse<byte[]> getBytes(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HEAD in this client's session: the response, whose body is whatever the server wrote (none, it should be). */
    HttpResponse<byte[]> head(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply postJson(String path, String json, String idempotencyKey) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    /**
     * A staff JSON call in this client's session (see {@link #loggedIn}): the session's CSRF token,
     * read from the staff page, in {@code X-CSRF-Token}, as a page's script of the dashboard sends it.
     */
    Reply staffPostJson(String path, String json, String idempotencyKey) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header(WebApp.CSRF_HEADER, get("/staff").csrf())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    Reply postJsonWithHeader(String path, String json, String header, String value) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header(header, value).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply postForm(String path, Map<String, String> fields) {
        var body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** GET with extra {@code headers}, name then value ({@code X-Forwarded-For}, {@code Authorization}). */
    Reply get(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /** A form post with extra {@code headers}, name then value. */
    Reply postForm(String path, Map<String, String> fields, String... headers) {
        var body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    /**
     * {@code text} as a JSON string literal, every character that is not printable ASCII written
     * as {@code \\uXXXX}: a zero character or half a surrogate pair reaches the server as sent.
     */
    static String jsonString(String text) {
        var json = new StringBuilder(text.length() + 2).append('"');
        for (var c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    static Map<String, String> form(String... pairs) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * The notice element ({@code <div ... id="notice">...</div>}) of the page a form post's
     * {@code 303} redirected to, fetched with this client's cookies; fails if there is none.
     */
    String noticeAfter(Reply redirect) {
        if (redirect.status() != 303) {
            throw new AssertionError("not a redirect: " + redirect.status() + " " + redirect.body());
        }
        return noticeIn(get(redirect.response().headers().firstValue("Location").orElseThrow()));
    }

    /** The notice element of {@code page}; fails if there is none. */
    static String noticeIn(Reply page) {
        var m = NOTICE.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no notice in " + page.body());
        }
        return m.group();
    }

    /**
     * Sends the login form of {@code loginPage} as a browser does: its hidden fields (the CSRF
     * token, the page to return to) with {@code username} and {@code password}.
     */
    Reply logIn(Reply loginPage, String username, String password) {
        var fields = loginPage.hiddenFields();
        fields.put("username", username);
        fields.put("password", password);
        return postForm("/staff/login", fields);
    }

    /** A client logged in to the staff pages as {@code username}. */
    static Http loggedIn(int port, String username, String password) {
        var http = new Http(port);
        var page = http.get("/staff/login");
        var reply = http.postForm("/staff/login", form("csrf", page.csrf(), "username", username, "password", password));
        if (reply.status() != 303) {
            throw new AssertionError("login of " + username + " refused: " + reply.body());
        }
        return http;
    }

    /** Creates and activates a GBP campaign; this client must be logged in as a preparer or an approver. */
    void activeCampaign(String id, String name) {
        var created = staffPostJson("/api/campaigns", """
                {"id": "%s", "name": "%s", "fundType": "SADAQAH", "goalMinor": 100000, "currency": "GBP",
                 "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""".formatted(id, name), null);
        if (created.status() != 201) {
            throw new AssertionError("campaign not created: " + created.body());
        }
        var activated = staffPostJson("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}", null);
        if (activated.status() != 200) {
            throw new AssertionError("campaign not activated: " + activated.body());
        }
    }

    /** A £{@code amountMinor/100} donation to {@code campaign}; its id. */
    String donate(String campaign, long amountMinor, String key) {
        var reply = postJson("/api/donations", """
                {"campaignId": "%s", "amountMinor": %d, "currency": "GBP", "fundType": "SADAQAH",
                 "donor": {"name": "Test donor", "email": "%s@example.org"}, "paymentToken": "tok_visa_%s"}"""
                .formatted(campaign, amountMinor, key, key), key);
        if (reply.status() != 201) {
            throw new AssertionError("donation refused: " + reply.body());
        }
        return reply.json().path("donationId").asText();
    }

    private Reply send(HttpRequest request) {
        var withCookies = HttpRequest.newBuilder(request, (name, value) -> true);
        if (!cookies.isEmpty()) {
            withCookies.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            var response = client.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
            for (var setCookie : response.headers().allValues("Set-Cookie")) {
                var pair = setCookie.split(";", 2)[0];
                var eq = pair.indexOf('=');
                if (setCookie.contains("Max-Age=0")) {
                    cookies.remove(pair.substring(0, eq));
                } else {
                    cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
