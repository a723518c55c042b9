package io.chargeledger.charger.api;

public record UnknownChargerRegistered(String chargePointId, String remoteAddress) {
}
