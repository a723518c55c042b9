package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a pending session that waits for the charger: first for its answer to RemoteStartTransaction, then for
 * its StartTransaction, until expiresAt. connectorId may be null (the charger chooses).
 */
public record RequestRemoteStart(
        @TargetAggregateIdentifier String sessionId,
        String chargePointId,
        Integer connectorId,
        String idTag,
        String requestedBy,
        Instant expiresAt) {
}
