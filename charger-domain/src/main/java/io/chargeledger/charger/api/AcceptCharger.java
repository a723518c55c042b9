package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin accepts an auto-registered charger: its next BootNotification is answered Accepted. */
public record AcceptCharger(@TargetAggregateIdentifier String chargePointId, String acceptedBy) {
}
