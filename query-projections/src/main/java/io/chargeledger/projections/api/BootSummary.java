package io.chargeledger.projections.api;

import java.time.Instant;

/** What the charger said about itself in its last BootNotification. */
public record BootSummary(
        String chargePointVendor,
        String chargePointModel,
        String chargePointSerialNumber,
        String chargeBoxSerialNumber,
        String firmwareVersion,
        String iccid,
        String imsi,
        String meterType,
        String meterSerialNumber,
        Instant bootedAt) {
}
