package io.chargeledger.session.api;

import java.time.Instant;

public record RemoteStartRequested(
        String sessionId,
        String chargePointId,
        Integer connectorId,
        String idTag,
        String requestedBy,
        Instant expiresAt) {
}
