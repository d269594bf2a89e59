package dev.amanah.donations.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.amanah.finance.money.Money;
import java.util.Currency;

/**
 * A refund's outcome as the staff audit trail records it, one wording whichever door the refund
 * came through (the API or the staff page), so the trail reads alike for both: {@code refunded
 * 10.00 GBP} (the amount with its currency, as the donation's receipt shows it), {@code pending
 * at the payment provider}, or the refusal's code and message. Stateless.
 */
public final class RefundOutcome {
    private RefundOutcome() {
    }

    /**
     * @param status the refund's HTTP status
     * @param body   its JSON body, the refund or the error
     * @return the outcome; {@code answer <status>} for a body that is not JSON
     */
    public static String of(int status, String body) {
        try {
            var json = Json.MAPPER.readTree(body);
            return switch (status) {
                case 201 -> "refunded " + Money.ofMinor(json.path("amountMinor").asLong(),
                        Currency.getInstance(json.path("currency").asText()));
                case 202 -> "pending at the payment provider";
                default -> json.path("error").asText("FAILED") + ": " + json.path("message").asText("");
            };
        } catch (JsonProcessingException e) {
            return "answer " + status;
        }
    }
}
