package dev.amanah.donations.web;

import dev.amanah.donations.http.HeadRequests;
import dev.amanah.donations.http.OtherMethods;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Static files: {@code /assets/NAME} from this package's {@code static/} resources, and
 * {@code /webjars/chart.js/...} from the Chart.js WebJar. Only plain names are served (no
 * {@code ..}, no directories); anything else is 404. Thread-safe.
 */
final class Assets implements HttpService {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(css|js)");
    private static final String CHART = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    /** Where pages load Chart.js from. */
    static final String CHART_PATH = "/webjars/chart.js/chart.umd.js";
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/assets/{name}", this::asset);
        rules.get(CHART_PATH, (request, response) -> send(response, CHART, "js"));
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/assets/{name}", CHART_PATH);
    }

    private void asset(ServerRequest request, ServerResponse response) {
        var name = request.path().pathParameters().get("name");
        if (!NAME.matcher(name).matches()) {
            notFound(response);
            return;
        }
        send(response, "dev/amanah/donations/web/static/" + name, name.substring(name.lastIndexOf('.') + 1));
    }

    private static void send(ServerResponse response, String resource, String extension) {
        try (var in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                notFound(response);
                return;
            }
            response.header(HeaderNames.CONTENT_TYPE, TYPES.get(extension));
            response.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
            HeadRequests.send(response, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void notFound(ServerResponse response) {
        response.status(404);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HeadRequests.send(response, "Not found".getBytes(StandardCharsets.UTF_8));
    }
}
