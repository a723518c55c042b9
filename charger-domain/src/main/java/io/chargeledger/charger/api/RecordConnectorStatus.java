package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * A StatusNotification. connectorId 0 is the charge point as a whole. timestamp is the charger's own clock
 * (null when it sent none).
 */
public record RecordConnectorStatus(
        @TargetAggregateIdentifier String chargePointId,
        int connectorId,
        String status,
        String errorCode,
        String info,
        String vendorId,
        String vendorErrorCode,
        Instant timestamp) {
}
