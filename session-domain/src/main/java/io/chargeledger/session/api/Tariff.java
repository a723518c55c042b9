package io.chargeledger.session.api;

import java.math.BigDecimal;

/**
 * The price a session is billed at, copied into the session when it starts so that later price changes never
 * alter past sessions. sessionFee is an optional flat amount per session.
 */
public record Tariff(BigDecimal pricePerKwh, String currency, BigDecimal sessionFee) {
}
