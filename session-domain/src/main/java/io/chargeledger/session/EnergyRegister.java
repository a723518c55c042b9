package io.chargeledger.session;

import io.chargeledger.session.api.MeterSample;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads the energy register (total imported active energy) out of meter samples, in Wh.
 *
 * <p>Only samples of measurand {@value MeterSample#ENERGY_ACTIVE_IMPORT_REGISTER} without a phase count: a
 * per-phase register holds only part of the energy. "kWh" values are multiplied by 1000; "Wh" or no unit (OCPP's
 * default for energy is Wh) are taken as they are. Any other unit is not an energy register reading and is ignored
 * rather than guessed at. Units are matched ignoring case, since "kWh" cannot be confused with anything else.
 */
public final class EnergyRegister {

    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private EnergyRegister() {
    }

    public static Optional<BigDecimal> wattHours(MeterSample sample) {
        if (sample == null || sample.value() == null || sample.phase() != null
                || !MeterSample.ENERGY_ACTIVE_IMPORT_REGISTER.equals(sample.measurand())) {
            return Optional.empty();
        }
        String unit = sample.unit();
        if (unit == null || unit.equalsIgnoreCase("Wh")) {
            return Optional.of(sample.value());
        }
        if (unit.equalsIgnoreCase("kWh")) {
            return Optional.of(sample.value().multiply(WH_PER_KWH));
        }
        return Optional.empty();
    }
}
