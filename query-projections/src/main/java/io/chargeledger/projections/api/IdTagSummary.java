package io.chargeledger.projections.api;

import java.time.Instant;

/**
 * An id tag as the read model knows it. status is what an admin set; a tag whose expiryDate has passed is
 * answered Expired by the IdTag aggregate whatever its status. activeSessions counts sessions holding one of its
 * slots (limited by maxActiveSessions, null = no limit). A deleted tag is kept for audit until it is registered
 * again.
 */
public record IdTagSummary(
        String idTag,
        String status,
        Instant expiryDate,
        String parentIdTag,
        Integer maxActiveSessions,
        String owner,
        boolean deleted,
        int activeSessions,
        Instant registeredAt,
        Instant updatedAt,
        long version) {
}
