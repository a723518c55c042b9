package io.chargeledger.ocpp.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.OperationOutcome;

/** How an admin's operation ended; response is the charger's CALLRESULT payload when it answered. */
public record OperationResult(
        String operationId,
        String chargePointId,
        String action,
        OperationOutcome outcome,
        JsonNode response,
        String errorCode,
        String errorDescription) {
}
