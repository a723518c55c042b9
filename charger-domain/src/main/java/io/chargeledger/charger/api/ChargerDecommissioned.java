package io.chargeledger.charger.api;

public record ChargerDecommissioned(String chargePointId, String reason) {
}
