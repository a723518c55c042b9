package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a charger's details. A null authorizationKeyHash keeps the current key. */
public record UpdateChargerDetails(
        @TargetAggregateIdentifier String chargePointId,
        ChargerDetails details,
        int securityProfile,
        String authorizationKeyHash) {
}
