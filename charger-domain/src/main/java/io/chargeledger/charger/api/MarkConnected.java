package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a charger holds a WebSocket to a node. connectionId names that one socket, so that the
 * close of a socket that was already replaced cannot mark the charger offline.
 */
public record MarkConnected(
        @TargetAggregateIdentifier String chargePointId,
        String connectionId,
        String nodeId,
        String remoteAddress,
        String subprotocol,
        int securityProfile) {
}
