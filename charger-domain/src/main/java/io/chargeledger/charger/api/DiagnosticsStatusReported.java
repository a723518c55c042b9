package io.chargeledger.charger.api;

public record DiagnosticsStatusReported(String chargePointId, String status) {
}
