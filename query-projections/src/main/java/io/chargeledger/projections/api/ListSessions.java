package io.chargeledger.projections.api;

import java.time.Instant;

/**
 * Answered with a {@link SessionPage}, newest first (by {@link SessionSummary#beganAt()}). Every filter is
 * optional (null = any). idTag matches ignoring case; from is inclusive and to exclusive, both on beganAt.
 */
public record ListSessions(
        String chargePointId,
        String idTag,
        SessionStatus status,
        Instant from,
        Instant to,
        int page,
        int size) {
}
