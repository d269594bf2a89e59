package dev.amanah.donations.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.finance.zakat.Assessment;
import dev.amanah.finance.zakat.NotDueReason;
import dev.amanah.finance.zakat.ZakatPolicy;
import dev.amanah.finance.zakat.ZakatRequest;
import java.math.BigDecimal;

/**
 * Renders an assessment for people (a summary and the numbered explanation) or for machines
 * (JSON). In JSON every amount is a string holding the exact decimal ("374.90"), so that no
 * reader turns money into a binary floating-point number.
 */
final class AssessmentReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AssessmentReport() {
    }

    static String text(ZakatRequest request, Assessment assessment) {
        var currency = assessment.currency().getCurrencyCode();
        var headline = switch (assessment) {
            case Assessment.Due due -> "ZAKAT DUE: " + due.amountDue() + " (exact " + due.exactAmount().toPlainString()
                    + ", rounded up)";
            case Assessment.NotDue notDue -> "ZAKAT NOT DUE: " + notDue.reason().describe();
        };
        return "Zakat assessment on " + request.assessmentDate() + " in " + currency + "\n"
                + "Policy: " + describe(request.policy()) + "\n"
                + headline + "\n\n"
                + "Explanation:\n" + assessment.explanation().toText() + "\n";
    }

    static String json(ZakatRequest request, Assessment assessment) {
        var root = NODES.objectNode();
        root.put("outcome", assessment instanceof Assessment.Due ? "DUE" : "NOT_DUE");
        root.put("currency", assessment.currency().getCurrencyCode());
        root.put("assessmentDate", request.assessmentDate().toString());
        switch (assessment) {
            case Assessment.Due due -> {
                root.put("amountDue", due.amountDue().amount().toPlainString());
                root.put("exactAmount", due.exactAmount().toPlainString());
                root.put("rounding", due.rounding().name());
                root.put("rate", plain(due.rate()));
                root.put("zakatDay", due.zakatDay().toString());
            }
            case Assessment.NotDue notDue -> {
                var reason = root.putObject("reason");
                reason.put("code", code(notDue.reason()));
                reason.put("text", notDue.reason().describe());
            }
        }
        root.put("netWealth", assessment.netWealth().toPlainString());
        var nisab = root.putObject("nisab");
        nisab.put("standard", assessment.nisab().standard().name());
        nisab.put("metal", assessment.nisab().metal().name());
        nisab.put("grams", plain(assessment.nisab().grams()));
        nisab.put("pricePerGram", assessment.nisab().price().perGram().toPlainString());
        nisab.put("priceSource", assessment.nisab().price().source());
        nisab.put("priceAsOf", assessment.nisab().price().asOf().toString());
        nisab.put("value", assessment.nisab().value().toPlainString());
        nisab.put("reason", assessment.nisab().reason());
        policy(root.putObject("policy"), request.policy());
        var steps = root.putObject("explanation").putArray("steps");
        for (var step : assessment.explanation().steps()) {
            var node = steps.addObject();
            node.put("kind", step.kind().name());
            node.put("label", step.label());
            step.figure().ifPresent(value -> node.put("value", plain(value)));
            node.put("unit", step.unit());
            node.put("detail", step.detail());
        }
        ((ObjectNode) root.get("explanation")).put("text", assessment.explanation().toText());
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static void policy(ObjectNode node, ZakatPolicy policy) {
        node.put("nisab", policy.nisabStandard().name());
        node.put("goldNisabGrams", plain(policy.goldNisabGrams()));
        node.put("silverNisabGrams", plain(policy.silverNisabGrams()));
        node.put("year", policy.yearBasis().name());
        node.put("hawl", policy.hawlRule().name());
        node.put("personalJewelleryZakatable", policy.personalJewelleryZakatable());
        var fractions = node.putObject("fractions");
        policy.zakatableFractions().forEach((kind, fraction) -> fractions.put(kind.name(), plain(fraction)));
    }

    private static String describe(ZakatPolicy policy) {
        return "nisab " + policy.nisabStandard() + " (" + plain(policy.goldNisabGrams()) + " g gold / "
                + plain(policy.silverNisabGrams()) + " g silver), " + policy.yearBasis() + " year at "
                + plain(policy.yearBasis().rate().movePointRight(2)) + " %, " + policy.hawlRule() + " hawl, "
                + "personal jewellery " + (policy.personalJewelleryZakatable() ? "zakatable" : "not zakatable");
    }

    private static String code(NotDueReason reason) {
        return switch (reason) {
            case NotDueReason.NoNetWealth ignored -> "NO_NET_WEALTH";
            case NotDueReason.BelowNisab ignored -> "BELOW_NISAB";
            case NotDueReason.HawlIncomplete ignored -> "HAWL_INCOMPLETE";
            case NotDueReason.HawlBroken ignored -> "HAWL_BROKEN";
        };
    }

    private static String plain(BigDecimal value) {
        var stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
