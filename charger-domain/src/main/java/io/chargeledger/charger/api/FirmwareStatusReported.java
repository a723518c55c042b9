package io.chargeledger.charger.api;

public record FirmwareStatusReported(String chargePointId, String status) {
}
