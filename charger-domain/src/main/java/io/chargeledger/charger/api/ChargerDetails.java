package io.chargeledger.charger.api;

import java.math.BigDecimal;

/**
 * Everything an admin states about a charger's hardware and site. Numbers are boxed so that
 * "missing" can be told apart from zero and reported by {@link ChargerRules}.
 */
public record ChargerDetails(
        String serialNumber,
        String catalogNumber,
        String vendor,
        String model,
        Integer ratedVolts,
        Integer ratedAmps,
        Integer maximumAmps,
        String ipAddress,
        String targetGroup,
        Location location,
        Pricing pricing,
        Integer connectorCount) {

    /** Rated power in kW: volts × amps / 1000 (240 V × 32 A = 7.68 kW). */
    public BigDecimal powerKW() {
        if (ratedVolts == null || ratedAmps == null) {
            return null;
        }
        BigDecimal kw = BigDecimal.valueOf((long) ratedVolts * ratedAmps, 3).stripTrailingZeros();
        return kw.scale() < 0 ? kw.setScale(0) : kw;
    }
}
