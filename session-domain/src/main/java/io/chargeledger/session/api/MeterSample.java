package io.chargeledger.session.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One OCPP SampledValue with the timestamp of its MeterValue. The value is already parsed from OCPP's string.
 * A missing measurand means OCPP's default, the energy register; the other optional fields stay as sent (null
 * means OCPP's default: unit Wh, context Sample.Periodic, location Outlet).
 */
public record MeterSample(
        Instant timestamp,
        String measurand,
        String phase,
        String unit,
        String context,
        String location,
        BigDecimal value) {

    public static final String ENERGY_ACTIVE_IMPORT_REGISTER = "Energy.Active.Import.Register";

    public MeterSample {
        if (measurand == null) {
            measurand = ENERGY_ACTIVE_IMPORT_REGISTER;
        }
    }
}
