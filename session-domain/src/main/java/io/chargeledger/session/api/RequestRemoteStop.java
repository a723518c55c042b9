package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the charger to stop; the session stops only when the charger's StopTransaction arrives. */
public record RequestRemoteStop(@TargetAggregateIdentifier String sessionId, String requestedBy) {
}
