package io.chargeledger.charger.api;

import java.math.BigDecimal;

/**
 * The charger's tariff: price per kWh in an ISO-4217 currency, plus an optional flat fee per session.
 * Money is BigDecimal, never double, because sessions are billed from it.
 */
public record Pricing(BigDecimal pricePerKwh, String currency, BigDecimal sessionFee) {
}
