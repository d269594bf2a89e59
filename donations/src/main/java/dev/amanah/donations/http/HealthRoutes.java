package dev.amanah.donations.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 {@code {"status":"UP"}} while the process answers at all (liveness).
 * {@code GET /ready}: 200 {@code {"status":"READY"}} when every readiness check passes, else
 * {@code 503 NOT_READY} naming the checks that fail (start-up recovery still running, database
 * unreachable, shutting down). Checks run on each request; they must be quick and must not throw.
 * Another method on either is {@code 405} with {@code Allow: GET, HEAD} ({@link OtherMethods}).
 */
public final class HealthRoutes implements HttpService {
    /**
     * One readiness condition.
     *
     * @param name  shown when it fails
     * @param check true when ready
     */
    public record Check(String name, Supplier<Boolean> check) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
        }
    }

    private final List<Check> checks;

    public HealthRoutes(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", (request, response) -> {
            var body = Json.object();
            body.put("status", "UP");
            Responses.json(response, 200, body);
        });
        rules.get("/ready", (request, response) -> {
            var failing = checks.stream().filter(check -> !passes(check)).map(Check::name).toList();
            if (failing.isEmpty()) {
                var body = Json.object();
                body.put("status", "READY");
                Responses.json(response, 200, body);
            } else {
                Responses.error(response, new ApiError(503, "NOT_READY", "Not ready: " + String.join(", ", failing), null));
            }
        });
        OtherMethods.refuse(rules, OtherMethods.Served.GET, "/health", "/ready");
    }

    private static boolean passes(Check check) {
        try {
            return check.check().get();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
