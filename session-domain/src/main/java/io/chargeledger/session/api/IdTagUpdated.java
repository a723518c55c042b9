package io.chargeledger.session.api;

import java.time.Instant;

public record IdTagUpdated(
        String idTag,
        IdTagStatus status,
        Instant expiryDate,
        String parentIdTag,
        Integer maxActiveSessions,
        String owner) {
}
