package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a charger that connected without being known (only when the operator allows it). It stays
 * Pending, without credentials (security profile 0), until an admin accepts it.
 */
public record RegisterUnknownCharger(@TargetAggregateIdentifier String chargePointId, String remoteAddress) {
}
