package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordFirmwareStatus(@TargetAggregateIdentifier String chargePointId, String status) {
}
