package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operation an admin sends to the charger (Reset, UnlockConnector...): recorded before the call goes out,
 * with who asked. requestJson is the OCPP payload as sent.
 */
public record RecordOperationRequest(
        @TargetAggregateIdentifier String chargePointId,
        String operationId,
        String action,
        String requestJson,
        String requestedBy) {
}
