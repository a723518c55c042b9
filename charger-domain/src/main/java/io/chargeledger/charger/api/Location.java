package io.chargeledger.charger.api;

import java.math.BigDecimal;

/** Where a charger stands. Coordinates are optional (WGS 84, decimal degrees). */
public record Location(String name, String address, BigDecimal latitude, BigDecimal longitude) {
}
