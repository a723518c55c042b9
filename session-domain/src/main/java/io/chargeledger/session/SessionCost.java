package io.chargeledger.session;

import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Energy and price of a session.
 *
 * <p>Energy is {@code meterStop - meterStart} in Wh; a stop below the start (meter replaced or reset) gives 0 Wh,
 * and the session records the anomaly, because a negative delivery cannot be billed or refunded from a meter.
 *
 * <p>Cost is {@code kWh × pricePerKwh + sessionFee} (fee optional), computed exactly in BigDecimal and rounded
 * once, at the very end, HALF_UP to the currency's default fraction digits (EUR 2, JPY 0, BHD 3). Rounding
 * intermediate amounts would make the total depend on how it was broken down. The fee is charged for every
 * priced session, even one with 0 Wh, as a flat per-session fee is meant to be. Currencies without minor units
 * defined by ISO 4217 (e.g. XAU) are left unrounded. No tariff means an unpriced session: cost null.
 */
public final class SessionCost {

    private SessionCost() {
    }

    public static long energyWh(long meterStartWh, long meterStopWh) {
        return meterStopWh < meterStartWh ? 0 : meterStopWh - meterStartWh;
    }

    public static BigDecimal kilowattHours(long energyWh) {
        return BigDecimal.valueOf(energyWh, 3);
    }

    public static BigDecimal price(long energyWh, Tariff tariff) {
        if (tariff == null) {
            return null;
        }
        BigDecimal exact = kilowattHours(energyWh).multiply(tariff.pricePerKwh());
        if (tariff.sessionFee() != null) {
            exact = exact.add(tariff.sessionFee());
        }
        int digits = Currency.getInstance(tariff.currency()).getDefaultFractionDigits();
        return digits < 0 ? exact : exact.setScale(digits, RoundingMode.HALF_UP);
    }
}
