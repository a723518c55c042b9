package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordOperationOutcome(
        @TargetAggregateIdentifier String chargePointId,
        String operationId,
        String action,
        OperationOutcome outcome,
        String responseJson,
        String errorCode,
        String errorDescription) {
}
