package io.chargeledger.charger.api;

import java.time.Instant;

public record ConnectorStatusChanged(
        String chargePointId,
        int connectorId,
        String status,
        String errorCode,
        String info,
        String vendorId,
        String vendorErrorCode,
        Instant timestamp) {
}
