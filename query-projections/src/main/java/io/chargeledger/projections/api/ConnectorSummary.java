package io.chargeledger.projections.api;

import java.time.Instant;

/**
 * A connector as last reported by StatusNotification (timestamp is the charger's own clock), with the session
 * running on it, if any.
 */
public record ConnectorSummary(
        int connectorId,
        String status,
        String errorCode,
        String info,
        String vendorId,
        String vendorErrorCode,
        Instant timestamp,
        Instant updatedAt,
        String activeSessionId,
        Integer activeTransactionId) {
}
