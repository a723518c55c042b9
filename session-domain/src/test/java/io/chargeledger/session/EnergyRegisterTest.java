package io.chargeledger.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.session.api.MeterSample;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnergyRegisterTest {

    private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");

    private static MeterSample sample(String measurand, String phase, String unit, String value) {
        return new MeterSample(AT, measurand, phase, unit, null, null, value == null ? null : new BigDecimal(value));
    }

    @Test
    void theMeasurandDefaultsToTheEnergyRegister() {
        assertThat(sample(null, null, null, "1").measurand()).isEqualTo("Energy.Active.Import.Register");
        assertThat(sample("Voltage", null, "V", "230").measurand()).isEqualTo("Voltage");
    }

    @Test
    void kilowattHoursAreMultipliedByAThousand() {
        assertThat(EnergyRegister.wattHours(sample(null, null, "kWh", "7.68"))).hasValueSatisfying(
                wh -> assertThat(wh).isEqualByComparingTo("7680"));
        assertThat(EnergyRegister.wattHours(sample(null, null, "kWh", "1007.6805"))).hasValueSatisfying(
                wh -> assertThat(wh).isEqualByComparingTo("1007680.5"));
    }

    @Test
    void wattHoursAreTakenAsTheyAre() {
        assertThat(EnergyRegister.wattHours(sample(MeterSample.ENERGY_ACTIVE_IMPORT_REGISTER, null, "Wh", "7680")))
                .contains(new BigDecimal("7680"));
    }

    @Test
    void noUnitMeansOcppsDefaultWattHours() {
        assertThat(EnergyRegister.wattHours(sample(null, null, null, "7680"))).contains(new BigDecimal("7680"));
    }

    @Test
    void unitsAreMatchedIgnoringCase() {
        assertThat(EnergyRegister.wattHours(sample(null, null, "KWH", "2"))).hasValueSatisfying(
                wh -> assertThat(wh).isEqualByComparingTo("2000"));
    }

    @Test
    void otherMeasurandsAreNotTheRegister() {
        assertThat(EnergyRegister.wattHours(sample("Power.Active.Import", null, "W", "7400"))).isEmpty();
        assertThat(EnergyRegister.wattHours(sample("Energy.Active.Export.Register", null, "Wh", "5"))).isEmpty();
    }

    @Test
    void perPhaseRegistersAreNotTheTotal() {
        assertThat(EnergyRegister.wattHours(sample(null, "L1", "Wh", "2500"))).isEmpty();
    }

    @Test
    void unknownUnitsAreIgnoredRatherThanGuessed() {
        assertThat(EnergyRegister.wattHours(sample(null, null, "varh", "10"))).isEmpty();
    }

    @Test
    void aSampleWithoutValueHasNoReading() {
        assertThat(EnergyRegister.wattHours(sample(null, null, "Wh", null))).isEmpty();
    }
}
