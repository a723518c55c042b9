package io.chargeledger.charger.api;

public record ChargerAccepted(String chargePointId, String acceptedBy) {
}
