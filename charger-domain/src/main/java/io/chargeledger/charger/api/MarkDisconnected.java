package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the socket connectionId closed; ignored when the charger is on another socket by now. */
public record MarkDisconnected(
        @TargetAggregateIdentifier String chargePointId,
        String connectionId,
        String reason) {
}
