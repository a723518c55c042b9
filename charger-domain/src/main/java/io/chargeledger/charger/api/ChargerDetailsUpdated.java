package io.chargeledger.charger.api;

/** authorizationKeyHash is null when the key did not change. */
public record ChargerDetailsUpdated(
        String chargePointId,
        ChargerDetails details,
        int securityProfile,
        String authorizationKeyHash) {
}
