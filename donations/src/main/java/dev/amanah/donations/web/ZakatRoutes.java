package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.cli.ZakatRun;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.http.OtherMethods;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /zakat}: the zakat calculator; {@code POST /zakat}: the assessment with every step
 * explained, or the refusal naming the field. The form's fields become the flags of
 * {@code amanah zakat} ({@link ZakatRun}), so the page and the command answer alike, a refusal
 * naming the field by its label on the form rather than by its flag. Nothing is stored. The form carries a CSRF token ({@link Csrf}).
 */
final class ZakatRoutes implements HttpService {
    /** A form field and the flag it becomes. */
    private record Field(String name, String label, String flag, String placeholder) {
    }

    private static final List<Field> MONEY = List.of(
            new Field("cash", "Cash and bank balances", "--cash", "4200.00"),
            new Field("tradeStock", "Trade stock (market value)", "--trade-stock", ""),
            new Field("receivable", "Money owed to you", "--receivable", ""),
            new Field("investment", "Investments (market value)", "--investment", ""),
            new Field("debt", "Debts due within 12 months", "--debt", "300.00"));
    private static final List<Field> METALS = List.of(
            new Field("gold", "Gold held, grams@purity", "--gold", "100@21k"),
            new Field("silver", "Silver held, grams@purity", "--silver", ""),
            new Field("goldPrice", "Gold price per gram", "--gold-price", "68.40"),
            new Field("silverPrice", "Silver price per gram", "--silver-price", "0.79"));
    private static final List<Field> DATES = List.of(
            new Field("nisabReached", "Wealth first reached nisab on", "--nisab-reached", "2024-03-11"),
            new Field("date", "Assessment date (empty: today)", "--date", ""));
    /** The form's name for each flag the command may refuse: a visitor never typed a flag. */
    private static final Map<String, String> LABEL_OF_FLAG = labelsOfFlags();
    /** The command's refusal, "CODE --flag: detail" or "CODE key (--flag): detail". */
    private static final Pattern REFUSAL = Pattern.compile("[A-Z_]+ (?:\\w+ \\()?(--[a-z-]+)\\)?: (.*)", Pattern.DOTALL);

    private final Clock clock;
    private final Cookies cookies;

    ZakatRoutes(Clock clock, Cookies cookies) {
        this.clock = clock;
        this.cookies = cookies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/zakat", (request, response) -> render(request, response, Map.of("currency", "GBP"), ""));
        rules.post("/zakat", this::assess);
        OtherMethods.refuse(rules, OtherMethods.Served.GET_AND_POST, BrowserErrorPage.INSTANCE, "/zakat");
    }

    private void assess(ServerRequest request, ServerResponse response) {
        var fields = Forms.read(request);
        if (!Csrf.valid(request, fields)) {
            render(request, response, fields, error("This form has expired; please send it again."));
            return;
        }
        var args = new ArrayList<String>();
        add(args, "--currency", fields.get("currency"));
        for (var group : List.of(MONEY, METALS, DATES)) {
            group.forEach(field -> add(args, field.flag(), fields.get(field.name())));
        }
        add(args, "--price-source", "entered in the web calculator");
        add(args, "--nisab", fields.get("nisab"));
        add(args, "--year", fields.get("year"));
        var result = ZakatRun.run(args, clock);
        String outcome;
        if (result.exitCode() == 0) {
            try {
                outcome = explanation(Json.MAPPER.readTree(result.out()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("amanah zakat --json printed something else than JSON", e);
            }
        } else {
            outcome = error(refusal(result.err()));
        }
        render(request, response, fields, outcome);
    }

    /** The command's refusal of a field, worded with the field's label on the form. */
    private static String refusal(String err) {
        var line = err.strip().replaceFirst("^amanah zakat: ", "");
        var matcher = REFUSAL.matcher(line);
        if (matcher.matches() && LABEL_OF_FLAG.containsKey(matcher.group(1))) {
            return LABEL_OF_FLAG.get(matcher.group(1)) + ": " + matcher.group(2);
        }
        return line;
    }

    private static Map<String, String> labelsOfFlags() {
        var labels = new HashMap<String, String>();
        for (var group : List.of(MONEY, METALS, DATES)) {
            // "Assessment date (empty: today)" names the field; its hint says nothing about the refusal.
            group.forEach(field -> labels.put(field.flag(), field.label().replaceFirst(" \\(.*\\)$", "")));
        }
        labels.put("--currency", "Currency");
        labels.put("--nisab", "Nisab standard");
        labels.put("--year", "Year");
        return Map.copyOf(labels);
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null && !value.isBlank()) {
            args.add(flag);
            args.add(value.strip());
        }
    }

    private static String error(String message) {
        return "<div class=\"card notice error\" id=\"zakat-error\" role=\"alert\">" + esc(message) + "</div>";
    }

    private static String explanation(JsonNode json) {
        var due = "DUE".equals(json.path("outcome").asText());
        var html = new StringBuilder(4096);
        html.append("<div class=\"card result\" id=\"zakat-result\"><p class=\"verdict ").append(due ? "due" : "not-due").append("\">")
                .append(due ? "Zakat due: <strong>" + esc(json.path("amountDue").asText()) + " " + esc(json.path("currency").asText())
                        + "</strong>" : "No zakat is due")
                .append("</p><p class=\"muted\">Net wealth ").append(esc(json.path("netWealth").asText())).append(' ')
                .append(esc(json.path("currency").asText())).append(" · nisab ").append(esc(json.path("nisab").path("value").asText()))
                .append(" (").append(esc(json.path("nisab").path("reason").asText())).append(")</p>")
                .append("<table class=\"table steps\"><thead><tr><th>#</th><th>step</th><th>what, and how</th><th class=\"num\">amount</th>")
                .append("</tr></thead><tbody>");
        int n = 1;
        for (var step : json.path("explanation").path("steps")) {
            html.append("<tr><td>").append(n++).append("</td><td><span class=\"chip\">")
                    .append(esc(step.path("kind").asText().replace('_', ' ').toLowerCase(Locale.ROOT))).append("</span></td><td>")
                    .append(esc(step.path("label").asText())).append("<div class=\"how\">").append(esc(step.path("detail").asText()))
                    .append("</div></td><td class=\"num\">").append(esc(step.path("value").asText(""))).append(' ')
                    .append(esc(step.path("unit").asText(""))).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private void render(ServerRequest request, ServerResponse response, Map<String, String> values, String outcome) {
        var token = Csrf.token(request, response, cookies);
        var form = new StringBuilder(4096);
        form.append("<section class=\"intro\"><h1>Zakat calculator</h1><p class=\"muted\">The same assessment as ")
                .append("<code>amanah zakat</code>: exact decimals, every step explained. Nothing you enter is stored.</p></section>")
                .append("<div class=\"columns zakat\"><form method=\"post\" action=\"/zakat\" class=\"card form\" id=\"zakat-form\">")
                .append(Csrf.input(token))
                .append("<fieldset><legend>Currency and dates</legend><label>Currency<select name=\"currency\">");
        for (var code : List.of("GBP", "USD", "EUR", "SAR", "AED", "MYR", "PKR", "KWD")) {
            form.append("<option").append(code.equals(values.get("currency")) ? " selected" : "").append('>').append(code).append("</option>");
        }
        form.append("</select></label>");
        DATES.forEach(f -> input(form, f, values, "date"));
        form.append("</fieldset><fieldset><legend>What you own and owe</legend>");
        MONEY.forEach(f -> input(form, f, values, "text"));
        form.append("</fieldset><fieldset><legend>Gold and silver</legend>");
        METALS.forEach(f -> input(form, f, values, "text"));
        form.append("</fieldset><fieldset><legend>Policy</legend>");
        select(form, "nisab", "Nisab standard", List.of("LOWER_OF_TWO", "GOLD", "SILVER"), values);
        select(form, "year", "Year", List.of("LUNAR", "SOLAR"), values);
        form.append("</fieldset><button type=\"submit\" id=\"assess\">Assess zakat</button></form><section>")
                .append(outcome.isEmpty() ? "<div class=\"card muted\">Fill in what applies and press <em>Assess zakat</em>: the "
                        + "explanation appears here.</div>" : outcome)
                .append("</section></div>");
        Html.send(response, Html.page("Zakat calculator", "/zakat", null, form.toString()));
    }

    private static void input(StringBuilder form, Field field, Map<String, String> values, String type) {
        form.append("<label>").append(esc(field.label())).append("<input type=\"").append(type).append("\" name=\"")
                .append(field.name()).append("\" value=\"").append(esc(values.getOrDefault(field.name(), ""))).append("\" placeholder=\"")
                .append(esc(field.placeholder())).append("\" inputmode=\"").append(type.equals("date") ? "numeric" : "decimal")
                .append("\"></label>");
    }

    private static void select(StringBuilder form, String name, String label, List<String> options, Map<String, String> values) {
        form.append("<label>").append(esc(label)).append("<select name=\"").append(name).append("\">");
        for (var option : options) {
            form.append("<option").append(option.equals(values.get(name)) ? " selected" : "").append('>').append(option).append("</option>");
        }
        form.append("</select></label>");
    }
}
