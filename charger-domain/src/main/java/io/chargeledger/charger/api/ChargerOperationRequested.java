package io.chargeledger.charger.api;

public record ChargerOperationRequested(
        String chargePointId,
        String operationId,
        String action,
        String requestJson,
        String requestedBy) {
}
