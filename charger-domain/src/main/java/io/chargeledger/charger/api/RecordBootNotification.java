package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Returns the {@link RegistrationStatus} to answer the charger with. */
public record RecordBootNotification(@TargetAggregateIdentifier String chargePointId, BootInfo bootInfo) {
}
