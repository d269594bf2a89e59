package dev.amanah.donations.web;

import dev.amanah.donations.http.HeadRequests;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** HTML escaping and the page layout every page shares. Stateless, thread-safe. */
final class Html {
    private Html() {
    }

    /** {@code text} safe inside HTML text and double-quoted attributes; null as empty. */
    static String esc(Object text) {
        if (text == null) {
            return "";
        }
        var s = text.toString();
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A whole page: head, the navigation with {@code active} highlighted, {@code body}, and the
     * page's scripts. {@code staffName} is shown when someone is logged in (else null).
     */
    static String page(String title, String active, String staffName, String body, String... scripts) {
        var html = new StringBuilder(4096 + body.length());
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Amanah</title>")
                // No icon: without one named, a browser asks for /favicon.ico and logs its 404 as an error.
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">Amanah</a><nav>");
        link(html, "/", "Dashboard", active);
        link(html, "/processes", "Processes", active);
        link(html, "/zakat", "Zakat calculator", active);
        link(html, "/staff", "Staff", active);
        html.append("</nav>");
        if (staffName != null) {
            html.append("<span class=\"who\">").append(esc(staffName)).append("</span>");
        }
        html.append("</header><main>").append(body).append("</main>");
        for (var script : scripts) {
            html.append("<script src=\"").append(esc(script)).append("\"></script>");
        }
        return html.append("</body></html>").toString();
    }

    private static void link(StringBuilder html, String href, String label, String active) {
        html.append("<a href=\"").append(href).append('"').append(href.equals(active) ? " class=\"active\"" : "").append('>')
                .append(label).append("</a>");
    }

    /** Sends {@code html} with status 200 and headers that keep it out of caches and frames. */
    static void send(ServerResponse response, String html) {
        send(response, 200, html);
    }

    /** Sends {@code html} with {@code status}. */
    static void send(ServerResponse response, int status, String html) {
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.create("X-Frame-Options"), "DENY");
        response.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        response.header(HeaderNames.create("Content-Security-Policy"),
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
        HeadRequests.send(response, html.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code 303 See Other} to {@code location} (after a form post). */
    static void redirect(ServerResponse response, String location) {
        response.status(303);
        response.header(HeaderNames.LOCATION, location);
        response.send();
    }
}
