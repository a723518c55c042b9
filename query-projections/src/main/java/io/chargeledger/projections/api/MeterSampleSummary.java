package io.chargeledger.projections.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sampled value, as the charger reported it (timestamp is the charger's clock). Null phase, unit, context or
 * location mean OCPP's defaults. afterStop marks values that arrived after the session stopped (never billed).
 */
public record MeterSampleSummary(
        Instant timestamp,
        String measurand,
        String phase,
        String unit,
        String context,
        String location,
        BigDecimal value,
        boolean afterStop) {
}
