package io.chargeledger.charger.api;

public record ChargerRegistered(
        String chargePointId,
        ChargerDetails details,
        int securityProfile,
        String authorizationKeyHash) {
}
