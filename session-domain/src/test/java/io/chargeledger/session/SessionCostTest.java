package io.chargeledger.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SessionCostTest {

    private static Tariff tariff(String pricePerKwh, String currency, String sessionFee) {
        return new Tariff(new BigDecimal(pricePerKwh), currency, sessionFee == null ? null : new BigDecimal(sessionFee));
    }

    @Test
    void energyIsMeterStopMinusMeterStartInWattHours() {
        assertThat(SessionCost.energyWh(1_000_000, 1_007_680)).isEqualTo(7_680);
        assertThat(SessionCost.energyWh(0, 0)).isZero();
    }

    @Test
    void aMeterStopBelowTheStartIsZeroEnergy() {
        assertThat(SessionCost.energyWh(1_000, 999)).isZero();
    }

    @Test
    void wattHoursAreConvertedToKilowattHoursExactly() {
        assertThat(SessionCost.kilowattHours(7_680).toPlainString()).isEqualTo("7.680");
        assertThat(SessionCost.kilowattHours(1).toPlainString()).isEqualTo("0.001");
    }

    @Test
    void sevenPointSixEightKilowattHoursAtThirtyCentsPlusAOneEuroFeeIsThreeThirty() {
        // 7.68 kWh × 0.30 = 2.304, + 1.00 = 3.304 -> 3.30
        assertThat(SessionCost.price(7_680, tariff("0.30", "EUR", "1.00"))).isEqualTo(new BigDecimal("3.30"));
    }

    @Test
    void twelveKilowattHoursAtAFractionalCentPriceRoundsHalfUpToCents() {
        // 12.345 kWh × 0.355 = 4.382475 -> 4.38
        assertThat(SessionCost.price(12_345, tariff("0.355", "EUR", null))).isEqualTo(new BigDecimal("4.38"));
    }

    @Test
    void halfACentRoundsUp() {
        // 1.015 kWh × 0.50 = 0.5075 -> 0.51; 0.005 exactly -> 0.01
        assertThat(SessionCost.price(1_015, tariff("0.50", "EUR", null))).isEqualTo(new BigDecimal("0.51"));
        assertThat(SessionCost.price(10, tariff("0.50", "EUR", null))).isEqualTo(new BigDecimal("0.01"));
    }

    @Test
    void roundsOnlyOnceAtTheEnd() {
        // Rounding each part first would give 0.13 + 0.13 = 0.26.
        assertThat(SessionCost.price(1_000, tariff("0.125", "EUR", "0.125"))).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void roundsToTheCurrencysOwnMinorUnit() {
        // 10.5 kWh × 45 = 472.5, + 100 = 572.5 -> 573 yen
        assertThat(SessionCost.price(10_500, tariff("45", "JPY", "100"))).isEqualTo(new BigDecimal("573"));
        // Bahraini dinar has three decimals: 1.235 kWh × 0.1 = 0.1235 -> 0.124
        assertThat(SessionCost.price(1_235, tariff("0.1", "BHD", null))).isEqualTo(new BigDecimal("0.124"));
    }

    @Test
    void aCurrencyWithoutMinorUnitsIsLeftUnrounded() {
        assertThat(SessionCost.price(1_234, tariff("0.5", "XAU", null))).isEqualByComparingTo("0.617");
    }

    @Test
    void theFeeIsChargedEvenForNoEnergy() {
        assertThat(SessionCost.price(0, tariff("0.30", "EUR", "1.00"))).isEqualTo(new BigDecimal("1.00"));
        assertThat(SessionCost.price(0, tariff("0.30", "EUR", null))).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void noTariffMeansNoCost() {
        assertThat(SessionCost.price(7_680, null)).isNull();
    }
}
