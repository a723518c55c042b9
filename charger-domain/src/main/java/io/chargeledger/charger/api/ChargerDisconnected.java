package io.chargeledger.charger.api;

public record ChargerDisconnected(String chargePointId, String connectionId, String reason) {
}
