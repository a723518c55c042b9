package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a new charger. The authorization key arrives already hashed: the plain key never enters a message. */
public record RegisterCharger(
        @TargetAggregateIdentifier String chargePointId,
        ChargerDetails details,
        int securityProfile,
        String authorizationKeyHash) {
}
