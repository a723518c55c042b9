package io.chargeledger.charger.api;

public record ChargerOperationCompleted(
        String chargePointId,
        String operationId,
        String action,
        OperationOutcome outcome,
        String responseJson,
        String errorCode,
        String errorDescription) {
}
