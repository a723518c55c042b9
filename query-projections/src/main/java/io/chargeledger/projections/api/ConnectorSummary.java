package io.chargeledger.projections.api;

import java.time.Instant;

/** A connector as last reported by StatusNotification; timestamp is the charger's own clock. */
public record ConnectorSummary(
        int connectorId,
        String status,
        String errorCode,
        String info,
        String vendorId,
        String vendorErrorCode,
        Instant timestamp,
        Instant updatedAt) {
}
