package io.chargeledger.charger.api;

/** What a charger says about itself in a BootNotification. */
public record BootInfo(
        String chargePointVendor,
        String chargePointModel,
        String chargePointSerialNumber,
        String chargeBoxSerialNumber,
        String firmwareVersion,
        String iccid,
        String imsi,
        String meterType,
        String meterSerialNumber) {
}
