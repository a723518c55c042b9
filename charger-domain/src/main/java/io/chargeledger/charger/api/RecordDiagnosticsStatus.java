package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordDiagnosticsStatus(@TargetAggregateIdentifier String chargePointId, String status) {
}
